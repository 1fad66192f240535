/**
 * Disclosure control for a series, at the resolver boundary: every figure that leaves the API goes
 * through @continuity/access (`discloseFigure`, `discloseTable`) with ownership from the viewer.
 *
 * - Published figures (DfE statistics) go to every viewer who may see the subject exactly as DfE
 *   printed them: value, numerator, denominator and symbol, no suppression, no rounding. They are
 *   public and already disclosure-controlled by DfE (its own suppression and rounding); controlling
 *   them again only altered official statistics (0.7 shown as c) and could be undone by differencing
 *   two published denominators. Disclosure control below is for computed figures only.
 * - Computed figures (aggregates of child-level returns), points and England / region comparators:
 *   primary and secondary suppression over the *whole* computed table of each period, whatever
 *   the request asked for (computedTables), so that the pattern a viewer sees does not depend on
 *   the query and two queries cannot be combined to undo it. Additive groups:
 *     practices serving a council -> the council (a practice holds some of the council's children:
 *       treating them as summing to the council over-protects, never under; a practice's part for
 *       that council when there is one, since the pooled figure holds other councils' children),
 *     councils of a region -> the region, regions -> England (exact: aggregate.ts pools them so),
 *     a practice's parts (one per council, from that council's returns) -> the practice (exact).
 *   A council owns its part of a practice; the practice's pooled figure only in a period where every
 *   part is its own (pooledOwnership). Another council's part is never shown but is a hidden cell
 *   whose small counts are protected, so "pooled minus my part" cannot give them (issue 11).
 *   Cells the viewer may not see at all (another council's computed figures, to a council or a
 *   practice) are hidden cells: never shown, never complements. Owned cells are locked: shown in
 *   full, never complements.
 * - Neighbour averages pool the neighbours' chosen figures. An average of published figures only is
 *   shown as SQL pooled it (published in, published out). One that pools an unowned computed
 *   neighbour: its numerator (denominator) is withheld whenever a pooled computed neighbour's
 *   numerator (denominator) is suppressed for the viewer, so a suppressed cell cannot be worked back
 *   as "average minus the visible neighbours"; then primary control as for a council count.
 * - Ranks: a published council figure keeps the rank, rankOutOf and quartile SQL gave it among the
 *   published table of its period (LAIT's method, @continuity/indicators rank.ts), the same for every
 *   viewer. A computed council figure is ranked, per viewer, among the computed council figures that
 *   viewer sees after all of the above (ranks.ts): a suppressed or hidden council is not in the
 *   ranking at all, so the ranks either side of it close up and rankOutOf does not count it. The
 *   field is every council of the period with a computed figure, not only those requested
 *   (`SeriesResult.councilValues`), each disclosed as it would be as a point (the period's whole
 *   table), so a rank means "among all the computed figures this viewer can see that period"
 *   whatever the request. A suppressed point has no rank or quartile.
 * - A peer practice shown to a practice keeps its (controlled) points but loses its region and
 *   neighbour comparators, which would name its council, and appears under its pseudonym.
 *
 * Suppressed values go out as symbol 'c' with value, numerator and denominator null.
 */
import {
  anonymousPracticeId,
  canSeeComputed,
  canSeeSubject,
  discloseFigure,
  discloseTables,
  ownsSubject,
  partOf,
  practicePartId,
  SUPPRESSED,
  type AdditiveGroup,
  type CountRef,
  type LinkedTable,
  type DisclosedFigure,
  type Figure,
  type OwnershipContext,
  type Subject,
  type SubjectKind,
  type Unit,
  type Viewer,
} from '@continuity/access';
import {
  ENGLAND_CODE,
  type ComparatorPoint,
  type SeriesLine,
  type SeriesPoint,
  type SeriesResult,
} from '@continuity/indicators';
import type { ComputedRow } from '../providers/computed';
import { rankAmong, type Ranking } from './ranks';

type Source = 'published' | 'computed';

const cellId = (kind: SubjectKind, id: string) => `${kind}:${id}`;

/** What a figure becomes when it must not be shown at all (fail closed). */
const WITHHELD: DisclosedFigure = {
  numerator: null,
  numeratorSymbol: SUPPRESSED,
  denominator: null,
  denominatorSymbol: SUPPRESSED,
  value: null,
  symbol: SUPPRESSED,
};

interface DisclosedCell {
  row: ComputedRow;
  disclosed: DisclosedFigure;
}

/** Per period, each computed cell (`kind:id`) with what the viewer may see of it. */
export type PeriodTables = ReadonlyMap<number, ReadonlyMap<string, DisclosedCell>>;

export interface Entitled {
  viewer: Viewer;
  ownership: OwnershipContext;
  unit: Unit;
}

/**
 * Primary and secondary suppression over the computed tables. `links`: practice id -> the councils
 * it serves.
 */
export function discloseComputedTables(
  rows: readonly ComputedRow[],
  links: ReadonlyMap<string, readonly string[]>,
  entitled: Entitled,
): PeriodTables {
  const only = new Map([['', { rows, unit: entitled.unit }]]);
  return discloseComputedFamily(only, links, entitled).get('')!;
}

/**
 * `discloseComputedTables` for several indicators at once whose counts hold the same children
 * (`families`, @continuity/access `discloseTables`): a cell suppressed in one count of a family is
 * suppressed in all of them, so one indicator's table cannot be differenced against another's.
 */
export function discloseComputedFamily(
  indicators: ReadonlyMap<string, { rows: readonly ComputedRow[]; unit: Unit }>,
  links: ReadonlyMap<string, readonly string[]>,
  { viewer, ownership }: Omit<Entitled, 'unit'>,
  families: readonly (readonly CountRef[])[] = [],
): Map<string, PeriodTables> {
  const periods = new Map<number, Map<string, ComputedRow[]>>();
  for (const [indicator, { rows }] of indicators) {
    for (const row of rows) {
      let byIndicator = periods.get(row.period);
      if (!byIndicator) periods.set(row.period, (byIndicator = new Map()));
      const list = byIndicator.get(indicator);
      if (list) list.push(row);
      else byIndicator.set(indicator, [row]);
    }
  }
  const out = new Map<string, Map<number, Map<string, DisclosedCell>>>();
  for (const indicator of indicators.keys()) out.set(indicator, new Map());
  for (const [period, byIndicator] of periods) {
    const tables = new Map<string, LinkedTable>();
    const aliases = new Map<string, Map<string, string>>();
    for (const [indicator, periodRows] of byIndicator) {
      // A practice's only part that period is its pooled figure exactly: disclosed as that cell, so
      // the table does not carry the same count twice (which only costs the audit time).
      const alias = soleParts(periodRows);
      aliases.set(indicator, alias);
      const tableRows = periodRows.filter((r) => !alias.has(cellId(r.kind, r.id)));
      const figures = periodFigures(
        tableRows,
        { viewer, ownership, unit: indicators.get(indicator)!.unit },
        periodRows,
      );
      tables.set(indicator, { figures, groups: additiveGroups(tableRows, links, figures) });
    }
    const disclosed = discloseTables(tables, families);
    for (const [indicator, periodRows] of byIndicator) {
      const cells = new Map<string, DisclosedCell>();
      const shown = disclosed.get(indicator)!;
      const alias = aliases.get(indicator)!;
      for (const row of periodRows) {
        const id = cellId(row.kind, row.id);
        const figure = shown.get(alias.get(id) ?? id)!;
        cells.set(id, { row, disclosed: canSeeComputed(viewer, row, ownership) ? figure : WITHHELD });
      }
      out.get(indicator)!.set(period, cells);
    }
  }
  return out;
}

/** Part cell -> pooled cell, for practices with exactly one part (and a pooled figure) in these rows. */
function soleParts(rows: readonly ComputedRow[]): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const row of rows) {
    const part = row.kind === 'practice_part' ? partOf(row.id) : undefined;
    if (part) parts.set(part.practiceId, [...(parts.get(part.practiceId) ?? []), row.id]);
  }
  const pooled = new Set(rows.filter((r) => r.kind === 'practice').map((r) => r.id));
  const out = new Map<string, string>();
  for (const [practice, ids] of parts) {
    if (ids.length === 1 && pooled.has(practice))
      out.set(cellId('practice_part', ids[0]!), cellId('practice', practice));
  }
  return out;
}

/**
 * One period's computed rows of one indicator as figures for the viewer; ownership is decided on
 * every row of the period (`all`: parts included).
 */
function periodFigures(
  periodRows: readonly ComputedRow[],
  { viewer, ownership, unit }: Entitled,
  all = periodRows,
): Map<string, Figure> {
  const owned = pooledOwnership(all, viewer, ownership);
  const figures = new Map<string, Figure>();
  for (const row of periodRows) {
    const subject: Subject = { kind: row.kind, id: row.id };
    const visible = canSeeComputed(viewer, subject, ownership);
    if (!visible && row.kind === 'practice_part') {
      // Another council's part of a practice: never shown, but the pooled figure minus the viewer's
      // own part would give it, so its small counts are protected (disclosure.ts `hidden`).
      figures.set(cellId(row.kind, row.id), {
        subjectKind: row.kind,
        owned: false,
        hidden: true,
        numerator: row.numerator,
        denominator: row.denominator,
        value: row.value,
        symbol: row.symbol,
        unit,
      });
      continue;
    }
    figures.set(
      cellId(row.kind, row.id),
      visible
        ? {
            subjectKind: row.kind,
            owned: owned(subject),
            numerator: row.numerator,
            denominator: row.denominator,
            value: row.value,
            symbol: row.symbol,
            numeratorSymbol: row.numeratorSymbol,
            denominatorSymbol: row.denominatorSymbol,
            unit,
          }
        : // Not the viewer's to see: a hidden cell, which protects its group and is never a complement.
          { subjectKind: row.kind, owned: false, numerator: null, denominator: null, value: null, symbol: null, unit },
    );
  }
  return figures;
}

/**
 * Ownership within one period's table. As ownsSubject (a council owns the pooled figure of a practice
 * serving it alone), and also a council viewer's pooled figure of a practice it shares in a period
 * where every part of it is the council's own (the other council sent it nothing: the pooled figure is
 * then computed from this council's returns alone).
 */
function pooledOwnership(
  rows: readonly ComputedRow[],
  viewer: Viewer,
  ownership: OwnershipContext,
): (subject: Subject) => boolean {
  if (viewer.role !== 'council') return (subject) => ownsSubject(viewer, subject, ownership);
  const partsOf = new Map<string, boolean>();
  for (const row of rows) {
    if (row.kind !== 'practice_part') continue;
    const part = partOf(row.id);
    if (!part) continue;
    const own = part.councilCode === viewer.organisation.id;
    partsOf.set(part.practiceId, (partsOf.get(part.practiceId) ?? true) && own);
  }
  return (subject) => {
    if (ownsSubject(viewer, subject, ownership)) return true;
    return subject.kind === 'practice' && canSeeSubject(viewer, subject, ownership) && partsOf.get(subject.id) === true;
  };
}

/**
 * Practices -> their councils, councils -> their region, regions -> England, a practice's parts -> the
 * practice (exact: the same statements split by council) and each part -> its council in place of
 * the pooled practice (the council's own return holds those children; the pooled figure also holds
 * other councils'); groups with no members dropped.
 */
export function additiveGroups(
  rows: readonly ComputedRow[],
  links: ReadonlyMap<string, readonly string[]>,
  cells: ReadonlyMap<string, unknown>,
): AdditiveGroup[] {
  const members = new Map<string, string[]>();
  const add = (total: string, member: string) => {
    if (!cells.has(total)) return;
    const list = members.get(total);
    if (list) list.push(member);
    else members.set(total, [member]);
  };
  const parts = new Set(rows.filter((r) => r.kind === 'practice_part').map((r) => r.id));
  for (const row of rows) {
    const id = cellId(row.kind, row.id);
    if (row.kind === 'practice') {
      // A practice's children at a council are its part there when parts were computed; the pooled
      // figure stands in only without one (it over-protects: it holds other councils' children too).
      for (const council of links.get(row.id) ?? []) {
        if (!parts.has(practicePartId(row.id, council))) add(cellId('council', council), id);
      }
    }
    if (row.kind === 'practice_part') {
      const part = partOf(row.id);
      if (part) {
        add(cellId('practice', part.practiceId), id);
        add(cellId('council', part.councilCode), id);
      }
    }
    if (row.kind === 'council' && row.regionCode) add(cellId('region', row.regionCode), id);
    if (row.kind === 'region') add(cellId('england', ENGLAND_CODE), id);
  }
  return [...members].map(([total, list]) => ({ total, members: list }));
}

export interface SeriesDisclosureInput extends Entitled {
  /** The request's source filter. */
  source: Source | null | undefined;
  result: SeriesResult;
  /** Null when no figure of the result needs them (nothing computed that the viewer does not own). */
  tables: PeriodTables | null;
  /** Practices to show under their pseudonym: id -> pseudonym. */
  anonymous: ReadonlyMap<string, string>;
}

export interface DisclosedLine extends Omit<SeriesLine, 'subject'> {
  subject: SeriesLine['subject'] & { name: string };
}

export interface DisclosedSeries extends Omit<SeriesResult, 'lines'> {
  lines: DisclosedLine[];
  /** The answer holds (or was pooled from) computed, child-derived figures: the read is audited. */
  readComputed: boolean;
}

/** The periods a series shows anything for: the computed tables need only these. */
export function seriesPeriods(result: SeriesResult): number[] {
  const periods = new Set<number>(result.periods);
  for (const line of result.lines) {
    for (const p of [...line.points, ...line.region, ...line.neighbourAverage]) periods.add(p.period);
  }
  for (const p of result.england) periods.add(p.period);
  return [...periods].sort((a, b) => a - b);
}

/**
 * Does disclosing this result need the computed tables (a computed figure the viewer does not own,
 * shown, pooled, or in the field of a rank)?
 */
export function needsComputedTables(input: Omit<SeriesDisclosureInput, 'tables' | 'anonymous'>): boolean {
  const { viewer, ownership, result, source } = input;
  const unowned = (subject: Subject) => !ownsSubject(viewer, subject, ownership);
  for (const member of result.councilValues) {
    if (member.source !== 'computed') continue;
    const subject: Subject = { kind: 'council', id: member.councilCode };
    if (canSeeComputed(viewer, subject, ownership) && unowned(subject)) return true;
  }
  for (const line of result.lines) {
    if (line.points.some((p) => p.source === 'computed') && unowned(line.subject)) return true;
    if (line.region.some((p) => p.source === 'computed')) return true;
    if (source !== 'published' && line.neighbourAverage.length > 0) {
      const pooled = line.neighbours.map((id): Subject => ({ kind: 'council', id }));
      if (pooled.some((s) => canSeeComputed(viewer, s, ownership) && unowned(s))) return true;
    }
  }
  return result.england.some((p) => p.source === 'computed');
}

export function discloseSeries(input: SeriesDisclosureInput): DisclosedSeries {
  const { viewer, ownership, unit, tables, source } = input;
  let readComputed = false;

  const disclose = (
    subject: Subject,
    period: number,
    figureSource: Source | null,
    raw: Pick<SeriesPoint, 'numerator' | 'denominator' | 'value' | 'symbol'>,
  ): DisclosedFigure => {
    // Fields named, not spread from `raw`: this runs for every council of each ranked period (~155
    // a period), and object spread measured ~2 us a call, ten times the control itself.
    const figure = (owned: boolean): Figure => ({
      numerator: raw.numerator,
      denominator: raw.denominator,
      value: raw.value,
      symbol: raw.symbol,
      subjectKind: subject.kind,
      owned,
      unit,
    });
    if (figureSource === 'computed') {
      readComputed = true;
      if (!canSeeComputed(viewer, subject, ownership)) return WITHHELD;
      if (ownsSubject(viewer, subject, ownership)) return discloseFigure(figure(true));
      return tables?.get(period)?.get(cellId(subject.kind, subject.id))?.disclosed ?? WITHHELD;
    }
    if (!canSeeSubject(viewer, subject, ownership)) return WITHHELD;
    // Published: as DfE printed it, to everyone who may see the subject (the owner's path of discloseFigure).
    return discloseFigure(figure(true));
  };

  const comparator =
    (subject: Subject) =>
    (p: ComparatorPoint): ComparatorPoint => ({
      ...p,
      ...shown(disclose(subject, p.period, p.source, p)),
    });

  const neighbourAverage =
    (line: SeriesLine) =>
    (p: ComparatorPoint): ComparatorPoint => {
      let numerator = false;
      let denominator = false;
      let pooledComputed = false;
      if (source !== 'published') {
        for (const id of line.neighbours) {
          const subject: Subject = { kind: 'council', id };
          if (!canSeeComputed(viewer, subject, ownership)) continue; // not read: SQL never saw it
          const cell = tables?.get(p.period)?.get(cellId('council', id));
          if (!cell) {
            // Tables are loaded whenever an unowned computed neighbour could be pooled; an owned one
            // needs no control but its read is still audited.
            if (ownsSubject(viewer, subject, ownership)) readComputed = true;
            continue;
          }
          const { row } = cell;
          // Pooled only when chosen (no published twin, unless computed was asked for) and complete.
          if (source == null && row.hasPublished) continue;
          if (row.numerator === null || row.denominator === null || !(row.denominator > 0)) continue;
          readComputed = true;
          pooledComputed = true;
          if (cell.disclosed.numerator === null) numerator = true;
          if (cell.disclosed.denominator === null) denominator = true;
        }
      }
      // Only published (or the viewer's own computed) figures pooled: nothing to control.
      if (!pooledComputed) return p;
      const figure: Figure = { ...p, subjectKind: 'council', owned: false, unit };
      return { ...p, ...shown(discloseFigure(figure, { secondary: { numerator, denominator } })) };
    };

  // Computed ranks among the computed council figures this viewer sees (ranks.ts), one ranking per
  // period, made on first use. Published members keep their SQL ranks and are not in this field.
  const field = new Map<number, SeriesResult['councilValues']>();
  for (const member of input.result.councilValues) {
    if (member.source !== 'computed') continue;
    const list = field.get(member.period);
    if (list) list.push(member);
    else field.set(member.period, [member]);
  }
  const rankings = new Map<number, Ranking<string>>();
  const rankingOf = (period: number): Ranking<string> => {
    let ranking = rankings.get(period);
    if (!ranking) {
      // Each member disclosed exactly as its point would be (same function, same raw figure), so a
      // council is ranked if and only if the viewer would see its value. A computed member marks
      // the read as computed (audited), as a pooled neighbour does: it shaped the ranks shown.
      const seen = (field.get(period) ?? []).filter(
        (m) => disclose({ kind: 'council', id: m.councilCode }, period, m.source, m).value !== null,
      );
      ranking = rankAmong(seen.map((m) => ({ key: m.councilCode, rank: m.rank })));
      rankings.set(period, ranking);
    }
    return ranking;
  };

  const lines = input.result.lines.map((line): DisclosedLine => {
    const subject: Subject = { kind: line.subject.kind, id: line.subject.id };
    const points = line.points.map((p): SeriesPoint => {
      const disclosed = disclose(subject, p.period, p.source, p);
      // Only councils are ranked. Published ranks are final (the published table, LAIT's method);
      // SQL's raw computed ranks never leave (they count suppressed councils).
      if (subject.kind !== 'council') return { ...p, ...shown(disclosed), rank: null, rankOutOf: null, quartile: null };
      if (p.source === 'published') return { ...p, ...shown(disclosed) };
      const ranking = rankingOf(p.period);
      const place = disclosed.value === null ? undefined : ranking.places.get(subject.id);
      return {
        ...p,
        ...shown(disclosed),
        rank: place?.rank ?? null,
        rankOutOf: ranking.outOf,
        quartile: place?.quartile ?? null,
      };
    });
    const pseudonym = line.subject.kind === 'practice' ? input.anonymous.get(line.subject.id) : undefined;
    if (pseudonym !== undefined) {
      return {
        ...line,
        subject: { kind: 'practice', id: anonymousPracticeId(pseudonym), name: pseudonym },
        anchorCouncil: null,
        regionCode: null,
        neighbours: [],
        points,
        region: [],
        neighbourAverage: [],
      };
    }
    const regionSubject: Subject = { kind: 'region', id: line.regionCode ?? '' };
    return {
      ...line,
      subject: { ...line.subject, name: line.subject.name ?? '' },
      points,
      region: line.region.map(comparator(regionSubject)),
      neighbourAverage: line.neighbourAverage.map(neighbourAverage(line)),
    };
  });
  const england = input.result.england.map(comparator({ kind: 'england', id: ENGLAND_CODE }));
  return { ...input.result, lines, england, readComputed };
}

/** The parts of a disclosed figure a point carries. */
function shown(d: DisclosedFigure): Pick<SeriesPoint, 'numerator' | 'denominator' | 'value' | 'symbol'> {
  return { numerator: d.numerator, denominator: d.denominator, value: d.value, symbol: d.symbol };
}
