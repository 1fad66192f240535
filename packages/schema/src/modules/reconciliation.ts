/**
 * Reconciliation: a council's figures computed from its own returns beside DfE's published figures,
 * indicator by indicator and year by year, with the difference and what the figures say about why
 * (reconcile/reasons.ts).
 *
 * Who sees it: the council itself, in full (its own figures); policy and admin, for any council,
 * with the computed part disclosure-controlled exactly as in a series (primary and secondary
 * suppression over the period's whole computed table, disclosure/series.ts), so this view cannot
 * undo a suppression made there; published parts as DfE published them. Anyone else (practices,
 * other councils) gets null, as for a council that does not exist. Every read is audited, as it
 * shows figures computed from returns.
 */
import { canSeeComputed, isConsistentViewer, ownsSubject, type DisclosedFigure, type Unit } from '@continuity/access';
import { builder, signedInType } from '../builder';
import { guard } from '../context';
import { disclosedTables } from '../disclosure/family';
import { ownershipFor, ownershipOf, viewerOf } from '../entitlements';
import { listIndicators, type IndicatorRow } from '../providers/catalogue';
import { reconciliationPairs, type ReconciliationPair } from '../providers/reconciliation';
import { reconcileReasons, type ReconcileFigure } from '../reconcile/reasons';
import { Indicator } from './indicators';

interface RowShape {
  indicator: IndicatorRow;
  period: number;
  computed: ReconcileFigure;
  published: ReconcileFigure | null;
  difference: number | null;
  reasons: string[];
}

const ReconciledFigure = builder.objectRef<ReconcileFigure>('ReconciledFigure').implement({
  ...signedInType,
  fields: (t) => ({
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
  }),
});

const ReconciliationRow = builder.objectRef<RowShape>('ReconciliationRow').implement({
  ...signedInType,
  description: "A council's computed figure beside DfE's published one for the same indicator and year.",
  fields: (t) => ({
    indicator: t.field({ type: Indicator, resolve: (r) => r.indicator }),
    period: t.exposeInt('period'),
    computed: t.field({
      type: ReconciledFigure,
      description: 'From the council’s accepted return; disclosure-controlled for anyone but the council.',
      resolve: (r) => r.computed,
    }),
    published: t.field({
      type: ReconciledFigure,
      nullable: true,
      description: 'As DfE published it; null when DfE has no row.',
      resolve: (r) => r.published,
    }),
    difference: t.exposeFloat('difference', {
      nullable: true,
      description: 'computed value − published value, when both are shown.',
    }),
    reasons: t.exposeStringList('reasons', {
      description: 'What the two figures say about why they differ (or that they agree).',
    }),
  }),
});

const fromDisclosed = (d: DisclosedFigure): ReconcileFigure => ({
  value: d.value,
  numerator: d.numerator,
  denominator: d.denominator,
  symbol: d.symbol,
});

builder.queryFields((t) => ({
  reconciliation: t.field({
    type: [ReconciliationRow],
    nullable: true,
    description:
      "A council's computed figures against DfE's published ones, per indicator and year. The council itself, policy and admin; null for anyone else.",
    args: { councilCode: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      if (!isConsistentViewer(viewer)) return null;
      const subject = { kind: 'council' as const, id: args.councilCode };
      const ownership = await ownershipFor(ctx);
      if (!canSeeComputed(viewer, subject, ownership)) return null;
      const owned = ownsSubject(viewer, subject, ownership);

      const [pairs, indicators] = await Promise.all([
        reconciliationPairs(ctx.database, args.councilCode),
        listIndicators(ctx.database),
      ]);
      const byId = new Map(indicators.map((i) => [i.id, i]));
      const computedFor = owned ? (p: ReconciliationPair) => p.computed : await disclosedComputed(pairs, byId);
      ctx.audit.push({
        action: 'read',
        target: `reconciliation:${args.councilCode}`,
        detail: { councilCode: args.councilCode },
      });

      return pairs.flatMap((pair): RowShape[] => {
        const indicator = byId.get(pair.indicatorId);
        if (!indicator) return [];
        const computed = computedFor(pair);
        const { published } = pair;
        const difference =
          computed.value !== null && published?.value != null
            ? Number((computed.value - published.value).toFixed(10))
            : null;
        const reasons = reconcileReasons({
          computed,
          published,
          publishedSource: indicator.source.startsWith('Published'),
          workforce: indicator.area === 'workforce',
          decimals: indicator.decimals,
        });
        return [{ indicator, period: pair.period, computed, published, difference, reasons }];
      });

      /**
       * For a non-owner: each computed figure as a series would show it, from the period's whole
       * computed table (one statement per indicator held, at most the catalogue's size).
       */
      async function disclosedComputed(list: ReconciliationPair[], indicatorsById: Map<string, IndicatorRow>) {
        const periods = new Map<string, number[]>();
        for (const p of list) periods.set(p.indicatorId, [...(periods.get(p.indicatorId) ?? []), p.period]);
        const { links } = await ownershipOf(ctx);
        const tables = new Map(
          await Promise.all(
            [...periods].map(async ([indicatorId, years]) => {
              guard(ctx);
              const unit = (indicatorsById.get(indicatorId)?.unit ?? 'percent') as Unit;
              return [
                indicatorId,
                await disclosedTables(ctx.database, indicatorId, years, links, { viewer, ownership, unit }),
              ] as const;
            }),
          ),
        );
        return (p: ReconciliationPair): ReconcileFigure => {
          const cell = tables.get(p.indicatorId)?.get(p.period)?.get(`council:${args.councilCode}`);
          return cell
            ? fromDisclosed(cell.disclosed)
            : { value: null, numerator: null, denominator: null, symbol: 'c' };
        };
      }
    },
  }),
}));
