import {
  bigserial,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** The five Every Child Matters areas, the sixth (stability and continuity), and the workforce behind them. */
export const outcomeArea = pgEnum('outcome_area', [
  'stability',
  'healthy',
  'safe',
  'enjoying',
  'contribution',
  'economic',
  'workforce',
]);
export const indicatorUnit = pgEnum('indicator_unit', ['percent', 'ratio', 'rate', 'count', 'score']);
export const polarity = pgEnum('polarity', ['higher_better', 'lower_better', 'neutral']);
/** practice_part: the part of a practice's figure computed from one council's returns (id: practice@council). */
export const subjectKind = pgEnum('subject_kind', ['england', 'region', 'council', 'practice', 'practice_part']);
export const valueSource = pgEnum('value_source', ['published', 'computed']);

/** The indicator catalogue: one row per indicator, its official definition in words. */
export const indicators = pgTable('indicators', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  area: outcomeArea('area').notNull(),
  unit: indicatorUnit('unit').notNull(),
  polarity: polarity('polarity').notNull(),
  numerator: text('numerator').notNull(),
  denominator: text('denominator').notNull(),
  /** Where published figures come from (DfE table and filter) and which return fields compute it. */
  source: text('source').notNull(),
  method: text('method').notNull(),
  /** How the period is counted: year to 31 March, academic year, census at 30 September. */
  periodType: text('period_type').notNull(),
  /** Decimal places the published figure uses. */
  decimals: integer('decimals').notNull().default(0),
  /** Value = numerator / denominator x scale (100 for percentages, 1 for ratios). */
  scale: doublePrecision('scale').notNull().default(100),
});

/**
 * The one fact table: every figure the product shows is a row here. Published DfE figures and
 * figures computed from returns sit side by side (source). Numerator and denominator are kept so
 * groups are pooled (sum of numerators over sum of denominators), never averaged. When there is no
 * number, `value` is null and `symbol` holds the GSS symbol (c, x, z, k, u, low).
 */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorId: text('indicator_id')
      .notNull()
      .references(() => indicators.id),
    subjectKind: subjectKind('subject_kind').notNull(),
    /** england: E92000001; region: region code; council: 3-digit DfE code; practice: practice id. */
    subjectId: text('subject_id').notNull(),
    /** Year the period ends in: reporting year to 31 March, academic year 2024/25 -> 2025, census year. */
    period: integer('period').notNull(),
    source: valueSource('source').notNull(),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    value: doublePrecision('value'),
    symbol: text('symbol'),
    /** Symbols on the numerator / denominator when the publication suppressed them. */
    numeratorSymbol: text('numerator_symbol'),
    denominatorSymbol: text('denominator_symbol'),
    /** The submission a computed value came from (null for published figures). */
    submissionId: integer('submission_id'),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicator_values_key').on(t.indicatorId, t.subjectKind, t.subjectId, t.period, t.source),
    index('indicator_values_read').on(t.indicatorId, t.period, t.subjectKind),
  ],
);
