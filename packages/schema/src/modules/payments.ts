/**
 * Payment by results (issue 6): contracts, their versioned terms, and statements. The rules and the
 * arithmetic live in @continuity/payments; these resolvers only translate.
 *
 * Who may do what (@continuity/payments scope.ts):
 * - council: reads its contracts and statements in full; creates contracts with the practices that
 *   serve it, amends their terms, previews (what-if under changed terms) and issues statements;
 * - practice: reads its own contracts and statements in full, and previews its own (current terms);
 * - policy, admin: read every contract and statement; the practice's child-derived figures in the
 *   lines are disclosure-controlled for them, and the frozen document (its raw bytes carry the raw
 *   counts) and its hash are null.
 * Ids a viewer may not read resolve to null, as ids that do not exist.
 *
 * The three mutations are open to signed-in viewers at the field level (`skipTypeScopes`: the
 * Mutation type is admin-only, builder.ts) because councils, not admins, set terms; the service
 * refuses anyone but the contract's council (FORBIDDEN). Each write is audited.
 *
 * Money is in whole pence (GraphQL Int, so at most 2,147,483,647p = £21,474,836.47 per amount;
 * terms whose fixed fee plus pot exceed that are refused here).
 */
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import type { Viewer } from '@continuity/access';
import {
  discloseStatement,
  getStatements,
  listContracts,
  listStatements,
  ownsContractFigures,
  canManageContract,
  PaymentsError,
  amendTerms,
  canonicalJson,
  createContract,
  issueStatement,
  previewStatement,
  statementCsv,
  versionsOfContracts,
  type ContractRecord,
  type ContractVersionRecord,
  type IssuedStatement,
  type DisclosedLine as Line,
  type DisclosedStatement,
  type StatementDocument,
  type StatementSummary,
  type Target as TargetShape,
  type TermIndicator as TermIndicatorShape,
  type Terms as TermsShape,
} from '@continuity/payments';
import { builder, signedInType } from '../builder';
import { guard, type Context } from '../context';
import { recordAudit } from '../audit';
import { practiceLookup, viewerOf } from '../entitlements';
import { badInput, forbidden } from '../errors';
import { Council } from './councils';
import { Polarity } from './indicators';
import { Practice } from './practices';

const MAX_INT = 2_147_483_647;

/** Service errors as the API's: FORBIDDEN keeps its fixed message; the rest say what to fix. */
async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PaymentsError) {
      if (error.code === 'FORBIDDEN') throw forbidden();
      throw badInput(error.message);
    }
    throw error;
  }
}

/** An id argument as a contract or statement id; anything else matches nothing. */
function idOf(value: string | number): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 && String(n) === String(value) ? n : null;
}

// ---------------------------------------------------------------------------------------------
// Terms

const MissingDataRule = builder.enumType('MissingDataRule', {
  description: 'What happens to an indicator with no usable figure. Missing data is never read as zero.',
  values: {
    TREAT_AS_NOT_MET: { value: 'treat_as_not_met', description: 'Earns nothing; keeps its share of the pot.' },
    EXCLUDE_AND_REWEIGHT: {
      value: 'exclude_and_reweight',
      description: 'Left out; the pot is shared among the other indicators by weight.',
    },
    PAY_IN_FULL: { value: 'pay_in_full', description: 'Earns its whole share.' },
  } as const,
});

const TargetType = builder.enumType('TargetType', {
  values: {
    ABSOLUTE: { value: 'absolute', description: 'A fixed level (`level`).' },
    IMPROVEMENT: { value: 'improvement', description: "On the practice's own baseline (`baselinePeriod`, `by`, `unit`)." },
    NEIGHBOURS: { value: 'neighbours', description: "Relative to the council's statistical neighbours (`position`)." },
    COMPARISON: { value: 'comparison', description: 'Relative to named comparison councils (`councils`, `position`).' },
  } as const,
});

const ImprovementUnit = builder.enumType('ImprovementUnit', {
  values: {
    POINTS: { value: 'points', description: "In the indicator's unit (percentage points for a percentage)." },
    PERCENT: { value: 'percent', description: 'Relative to the baseline.' },
  } as const,
});

const GroupPosition = builder.enumType('GroupPosition', {
  values: {
    AT_OR_BETTER_THAN_AVERAGE: { value: 'at_or_better_than_average', description: 'The pooled value, shifted by `margin`.' },
    QUARTILE: { value: 'quartile', description: 'Quartile `quartile` (1 = best) or better.' },
  } as const,
});

const PartialType = builder.enumType('PartialType', {
  values: {
    ALL_OR_NOTHING: { value: 'all_or_nothing' },
    LINEAR: { value: 'linear', description: 'Linear between `floor` (nothing) and the target (all).' },
  } as const,
});

type PartialShape = TermIndicatorShape['partial'];

const Target = builder.objectRef<TargetShape>('Target').implement({
  ...signedInType,
  description: 'A target; which fields are set depends on `type`.',
  fields: (t) => ({
    type: t.field({ type: TargetType, resolve: (x) => x.type }),
    level: t.float({ nullable: true, resolve: (x) => (x.type === 'absolute' ? x.level : null) }),
    baselinePeriod: t.int({ nullable: true, resolve: (x) => (x.type === 'improvement' ? x.baselinePeriod : null) }),
    by: t.float({ nullable: true, resolve: (x) => (x.type === 'improvement' ? x.by : null) }),
    unit: t.field({ type: ImprovementUnit, nullable: true, resolve: (x) => (x.type === 'improvement' ? x.unit : null) }),
    position: t.field({
      type: GroupPosition,
      nullable: true,
      resolve: (x) => (x.type === 'neighbours' || x.type === 'comparison' ? x.position : null),
    }),
    margin: t.float({
      nullable: true,
      resolve: (x) => (x.type === 'neighbours' || x.type === 'comparison' ? (x.margin ?? null) : null),
    }),
    quartile: t.int({
      nullable: true,
      resolve: (x) => (x.type === 'neighbours' || x.type === 'comparison' ? (x.quartile ?? null) : null),
    }),
    councils: t.idList({ nullable: true, resolve: (x) => (x.type === 'comparison' ? x.councils : null) }),
  }),
});

const PartialRule = builder.objectRef<PartialShape>('PartialRule').implement({
  ...signedInType,
  fields: (t) => ({
    type: t.field({ type: PartialType, resolve: (x) => x.type }),
    floor: t.float({
      nullable: true,
      description: 'In the terms of the target: a level, an improvement, a margin or a quartile number.',
      resolve: (x) => (x.type === 'linear' ? x.floor : null),
    }),
  }),
});

const TermIndicator = builder.objectRef<TermIndicatorShape>('TermIndicator').implement({
  ...signedInType,
  fields: (t) => ({
    indicatorId: t.exposeID('indicatorId'),
    weight: t.exposeInt('weight', { description: 'Share of the pot = weight / total weight.' }),
    target: t.field({ type: Target, resolve: (x) => x.target }),
    partial: t.field({ type: PartialRule, resolve: (x) => x.partial }),
    missingData: t.field({
      type: MissingDataRule,
      nullable: true,
      description: "Overrides the contract's rule for this indicator.",
      resolve: (x) => x.missingData ?? null,
    }),
  }),
});

const Terms = builder.objectRef<TermsShape>('Terms').implement({
  ...signedInType,
  fields: (t) => ({
    fixedFeePence: t.exposeInt('fixedFeePence'),
    outcomePotPence: t.exposeInt('outcomePotPence', { description: 'The outcome-linked share, in pence.' }),
    missingData: t.field({ type: MissingDataRule, resolve: (x) => x.missingData }),
    neighbourModel: t.string({ nullable: true, resolve: (x) => x.neighbourModel ?? null }),
    indicators: t.field({ type: [TermIndicator], resolve: (x) => x.indicators }),
    json: t.string({ description: 'The terms as canonical JSON.', resolve: (x) => canonicalJson(x) }),
  }),
});

const TargetInput = builder.inputType('TargetInput', {
  description: 'Set the fields `type` needs, and no others (see TargetType).',
  fields: (t) => ({
    type: t.field({ type: TargetType, required: true }),
    level: t.float(),
    baselinePeriod: t.int(),
    by: t.float(),
    unit: t.field({ type: ImprovementUnit }),
    position: t.field({ type: GroupPosition }),
    margin: t.float(),
    quartile: t.int(),
    councils: t.idList(),
  }),
});

const PartialRuleInput = builder.inputType('PartialRuleInput', {
  fields: (t) => ({
    type: t.field({ type: PartialType, required: true }),
    floor: t.float(),
  }),
});

const TermIndicatorInput = builder.inputType('TermIndicatorInput', {
  fields: (t) => ({
    indicatorId: t.id({ required: true }),
    weight: t.int({ required: true }),
    target: t.field({ type: TargetInput, required: true }),
    partial: t.field({ type: PartialRuleInput, required: true }),
    missingData: t.field({ type: MissingDataRule }),
  }),
});

const TermsInput = builder.inputType('TermsInput', {
  fields: (t) => ({
    fixedFeePence: t.int({ required: true }),
    outcomePotPence: t.int({ required: true }),
    missingData: t.field({ type: MissingDataRule, required: true }),
    neighbourModel: t.string(),
    indicators: t.field({ type: [TermIndicatorInput], required: true }),
  }),
});

/** Drops absent (null) input fields, so the terms' strict validation sees only what was set. */
function compact(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

interface TermsArg {
  fixedFeePence: number;
  outcomePotPence: number;
  missingData: string;
  neighbourModel?: string | null;
  indicators: { indicatorId: string; weight: number; target: object; partial: object; missingData?: string | null }[];
}

/** Input terms as plain terms for the service to validate (zod); amounts must fit GraphQL's Int. */
function termsOf(input: TermsArg): unknown {
  if (input.fixedFeePence + input.outcomePotPence > MAX_INT) {
    throw badInput(`fixedFeePence + outcomePotPence: at most ${MAX_INT} pence in all`);
  }
  return compact({
    ...input,
    indicators: input.indicators.map((i) => compact({ ...i, target: compact(i.target), partial: compact(i.partial) })),
  });
}

// ---------------------------------------------------------------------------------------------
// Loaders: one statement per request for each kind of lookup

const contractLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, ContractRecord | null>(async (ids) => {
      guard(ctx);
      const rows = await listContracts(ctx.database, viewerOf(ctx), { ids });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

const versionsLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, ContractVersionRecord[]>(async (ids) => {
      guard(ctx);
      const map = await versionsOfContracts(ctx.database, viewerOf(ctx), ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
);

const statementsOfContractLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, StatementSummary[]>(async (ids) => {
      guard(ctx);
      const rows = await listStatements(ctx.database, viewerOf(ctx), { contractIds: ids });
      return ids.map((id) => rows.filter((r) => r.contractId === id));
    }),
);

interface Frozen {
  statement: IssuedStatement;
  document: StatementDocument;
}

const frozenLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, Frozen | null>(async (ids) => {
      guard(ctx);
      const rows = await getStatements(ctx.database, viewerOf(ctx), ids);
      const byId = new Map(rows.map((r) => [r.id, { statement: r, document: JSON.parse(r.document) as StatementDocument }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

// ---------------------------------------------------------------------------------------------
// Contracts

const ContractVersion = builder.objectRef<ContractVersionRecord>('ContractVersion').implement({
  ...signedInType,
  description: 'One version of a contract’s terms. Versions are never changed: a change of terms is a new version.',
  fields: (t) => ({
    contractId: t.id({ resolve: (v) => String(v.contractId) }),
    version: t.exposeInt('version'),
    terms: t.field({ type: Terms, resolve: (v) => v.terms }),
    note: t.exposeString('note', { nullable: true }),
    createdBy: t.exposeString('createdBy', { description: 'User id.' }),
    createdAt: t.exposeString('createdAt', { description: 'ISO date-time.' }),
  }),
});

/** A statement to resolve: an issued one (its frozen document loads on demand) or a preview. */
type StatementModel =
  | { kind: 'issued'; summary: StatementSummary }
  | { kind: 'preview'; document: StatementDocument; councilCode: string; practiceId: string };

// Refs first, implemented below: Contract and Statement refer to each other.
const Contract = builder.objectRef<ContractRecord>('Contract');
const Statement = builder.objectRef<StatementModel>('Statement');

Contract.implement({
  ...signedInType,
  description: 'A payment-by-results contract: council x practice x reporting years.',
  fields: (t) => ({
    id: t.id({ resolve: (c) => String(c.id) }),
    name: t.exposeString('name'),
    councilCode: t.exposeID('councilCode'),
    council: t.field({ type: Council, resolve: (c) => c.councilCode }),
    practiceId: t.exposeID('practiceId'),
    practice: t.field({
      type: Practice,
      nullable: true,
      resolve: (c, _args, ctx) => practiceLookup(ctx).load(c.practiceId),
    }),
    periodStart: t.exposeInt('periodStart', { description: 'First reporting year (the year the period ends in).' }),
    periodEnd: t.exposeInt('periodEnd', { description: 'Last reporting year, inclusive.' }),
    createdBy: t.exposeString('createdBy'),
    createdAt: t.exposeString('createdAt', { description: 'ISO date-time.' }),
    latestVersion: t.exposeInt('latestVersion'),
    terms: t.field({
      type: Terms,
      description: 'The terms of the latest version.',
      resolve: async (c, _args, ctx) => (await versionsLoader(ctx).load(c.id)).at(-1)!.terms,
    }),
    versions: t.field({
      type: [ContractVersion],
      description: 'Every version, oldest first.',
      resolve: (c, _args, ctx) => versionsLoader(ctx).load(c.id),
    }),
    statements: t.field({
      type: [Statement],
      description: 'Issued statements, by period.',
      resolve: async (c, _args, ctx) =>
        (await statementsOfContractLoader(ctx).load(c.id)).map((summary): StatementModel => ({ kind: 'issued', summary })),
    }),
    canManage: t.boolean({
      description: 'May the viewer change terms, preview under changed terms and issue statements?',
      resolve: (c, _args, ctx) => canManageContract(viewerOf(ctx), c),
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Statements

const StatementStatus = builder.enumType('StatementStatus', {
  values: {
    ISSUED: { value: 'issued', description: 'Frozen: served byte for byte as issued.' },
    PREVIEW: { value: 'preview', description: 'Worked out now and not stored (what-if).' },
  } as const,
});

const LineOutcome = builder.enumType('LineOutcome', {
  values: {
    MET: { value: 'met' },
    PARTLY: { value: 'partly', description: 'Linear rule: part of the share earned.' },
    NOT_MET: { value: 'not_met' },
    NO_DATA: { value: 'no_data', description: 'No usable figure: the missing-data rule applied.' },
  } as const,
});

const StatementFigure = builder.objectRef<Line['actual']>('StatementFigure').implement({
  ...signedInType,
  description: "The practice's figure; a null value carries its symbol (c, x, z, k, ...), never 0.",
  fields: (t) => ({
    value: t.exposeFloat('value', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: true }),
    denominator: t.exposeFloat('denominator', { nullable: true }),
    symbol: t.exposeString('symbol', { nullable: true }),
    numeratorSymbol: t.exposeString('numeratorSymbol', { nullable: true }),
    denominatorSymbol: t.exposeString('denominatorSymbol', { nullable: true }),
    source: t.exposeString('source', { description: 'computed (from returns) or published.' }),
    period: t.exposeInt('period'),
  }),
});

const StatementLine = builder.objectRef<Line>('StatementLine').implement({
  ...signedInType,
  description: 'One indicator of a statement: target, actual, outcome, money and why.',
  fields: (t) => ({
    indicatorId: t.exposeID('indicatorId'),
    title: t.exposeString('title'),
    polarity: t.field({ type: Polarity, resolve: (l) => l.polarity }),
    unit: t.exposeString('unit'),
    weight: t.exposeInt('weight'),
    targetType: t.field({ type: TargetType, resolve: (l) => l.targetType }),
    partialType: t.field({ type: PartialType, resolve: (l) => l.partialType }),
    targetDescription: t.exposeString('targetDescription'),
    targetValue: t.exposeFloat('targetValue', { nullable: true }),
    floorValue: t.exposeFloat('floorValue', { nullable: true }),
    comparatorValue: t.exposeFloat('comparatorValue', {
      nullable: true,
      description: 'The baseline or the group’s pooled value the target was worked from.',
    }),
    actual: t.field({ type: StatementFigure, resolve: (l) => l.actual }),
    outcome: t.field({ type: LineOutcome, resolve: (l) => l.outcome }),
    missingDataRule: t.field({ type: MissingDataRule, nullable: true, resolve: (l) => l.missingDataRule }),
    achievement: t.exposeFloat('achievement', {
      nullable: true,
      description: '0..1, six decimal places. Null (withheld) for a partly met line whose figure is withheld from this viewer.',
    }),
    allocatedPence: t.exposeInt('allocatedPence'),
    earnedPence: t.exposeInt('earnedPence', {
      nullable: true,
      description: 'Null (withheld) with achievement: under a linear rule it gives the achievement back.',
    }),
    excluded: t.exposeBoolean('excluded'),
    explanation: t.exposeString('explanation'),
  }),
});

interface Resolved {
  document: StatementDocument;
  /** The stored bytes (issued) or null (preview). */
  text: string | null;
  sha256: string | null;
  intact: boolean | null;
  owned: boolean;
}

async function resolved(model: StatementModel, ctx: Context): Promise<Resolved> {
  const viewer = viewerOf(ctx);
  if (model.kind === 'preview') {
    return { document: model.document, text: null, sha256: null, intact: null, owned: ownsContractFigures(viewer, model) };
  }
  const frozen = await frozenLoader(ctx).load(model.summary.id);
  if (!frozen) throw badInput(`No statement ${model.summary.id}`);
  return {
    document: frozen.document,
    text: frozen.statement.document,
    sha256: frozen.statement.sha256,
    intact: frozen.statement.intact,
    owned: ownsContractFigures(viewer, model.summary),
  };
}

/** Statements whose read this request has already put in the audit trail. */
const audited = createContextCache((_ctx: Context) => new Set<string>());

/** Puts one read of a statement in the audit trail, once per request for each part read. */
function auditRead(model: StatementModel, r: Resolved, ctx: Context, part: 'figures' | 'document'): void {
  const statement =
    model.kind === 'issued' ? `statement:${model.summary.id}` : `statement-preview:${r.document.contract.id}:${r.document.period}`;
  const target = part === 'figures' ? statement : `${statement}:document`;
  if (audited(ctx).has(target)) return;
  audited(ctx).add(target);
  ctx.audit.push({
    action: 'read',
    target,
    detail: { contractId: r.document.contract.id, period: r.document.period, practiceId: r.document.contract.practiceId },
  });
}

/**
 * The lines and totals as this viewer may see them (owners: as frozen; others: discloseStatement, which
 * withholds what would give a suppressed figure back); reading them is a read of child-derived figures
 * (audited once).
 */
async function seenFor(model: StatementModel, ctx: Context): Promise<DisclosedStatement> {
  const r = await resolved(model, ctx);
  auditRead(model, r, ctx, 'figures');
  return r.owned ? { lines: r.document.lines, totals: r.document.totals } : discloseStatement(r.document);
}

/** An issued statement's money from its summary row for the parties; everyone else, as disclosed. */
const money =
  (pick: (t: DisclosedStatement['totals']) => number | null, summary: (s: StatementSummary) => number) =>
  async (m: StatementModel, _args: unknown, ctx: Context): Promise<number | null> => {
    if (m.kind === 'issued' && ownsContractFigures(viewerOf(ctx), m.summary)) return summary(m.summary);
    return pick((await seenFor(m, ctx)).totals);
  };

const fromDocument =
  <T>(read: (d: StatementDocument) => T) =>
  async (model: StatementModel, _args: unknown, ctx: Context): Promise<T> =>
    read((await resolved(model, ctx)).document);

const ownedOnly =
  <T>(read: (r: Resolved) => T | null) =>
  async (model: StatementModel, _args: unknown, ctx: Context): Promise<T | null> => {
    const r = await resolved(model, ctx);
    return r.owned ? read(r) : null;
  };

Statement.implement({
  ...signedInType,
  description: 'A statement: issued (frozen) or a preview. Totals add up to the penny.',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'Null for a preview.', resolve: (m) => (m.kind === 'issued' ? String(m.summary.id) : null) }),
    status: t.field({ type: StatementStatus, resolve: (m) => (m.kind === 'issued' ? 'issued' : 'preview') }),
    contractId: t.id({ resolve: (m) => String(m.kind === 'issued' ? m.summary.contractId : m.document.contract.id) }),
    contract: t.field({
      type: Contract,
      nullable: true,
      resolve: (m, _args, ctx) => contractLoader(ctx).load(m.kind === 'issued' ? m.summary.contractId : m.document.contract.id),
    }),
    councilCode: t.id({ resolve: (m) => (m.kind === 'issued' ? m.summary.councilCode : m.councilCode) }),
    practiceId: t.id({ resolve: (m) => (m.kind === 'issued' ? m.summary.practiceId : m.practiceId) }),
    period: t.int({ resolve: (m) => (m.kind === 'issued' ? m.summary.period : m.document.period) }),
    version: t.int({
      description: 'The terms version used (a what-if preview: the version its terms were based on).',
      resolve: (m) => (m.kind === 'issued' ? m.summary.version : m.document.version.version),
    }),
    termsOverridden: t.boolean({ description: 'A what-if preview under changed terms.', resolve: fromDocument((d) => d.version.overridden) }),
    issuedBy: t.string({ nullable: true, resolve: (m) => (m.kind === 'issued' ? m.summary.issuedBy : null) }),
    issuedAt: t.string({ nullable: true, description: 'ISO date-time.', resolve: (m) => (m.kind === 'issued' ? m.summary.issuedAt : null) }),
    fixedFeePence: t.int({ resolve: (m) => (m.kind === 'issued' ? m.summary.fixedPence : m.document.totals.fixedFeePence) }),
    earnedPence: t.int({
      nullable: true,
      description: 'Outcome-linked pence earned. Null (withheld) when a line\'s earned pence are withheld from this viewer.',
      resolve: money((totals) => totals.earnedPence, (s) => s.earnedPence),
    }),
    totalPence: t.int({
      nullable: true,
      description: 'fixedFeePence + earnedPence (null with it).',
      resolve: money((totals) => totals.totalPence, (s) => s.totalPence),
    }),
    outcomePotPence: t.int({ resolve: fromDocument((d) => d.totals.outcomePotPence) }),
    allocatedPence: t.int({
      description: 'The pot, or 0 when every indicator was excluded.',
      resolve: fromDocument((d) => d.totals.allocatedPence),
    }),
    unearnedPence: t.int({
      nullable: true,
      description: 'outcomePotPence - earnedPence (null with it).',
      resolve: async (m, _args, ctx) => (await seenFor(m, ctx)).totals.unearnedPence,
    }),
    terms: t.field({ type: Terms, description: 'The terms as they stood.', resolve: fromDocument((d) => d.terms) }),
    lines: t.field({ type: [StatementLine], resolve: async (m, _args, ctx) => (await seenFor(m, ctx)).lines }),
    notes: t.stringList({ resolve: fromDocument((d) => d.notes) }),
    rules: t.stringList({ description: 'The rules applied, in words, as frozen.', resolve: fromDocument((d) => [...d.rules]) }),
    csv: t.string({
      description: 'The lines and totals as CSV (RFC 4180), as this viewer may see them.',
      resolve: async (m, _args, ctx) => {
        const seen = await seenFor(m, ctx);
        return statementCsv(seen.lines, seen.totals);
      },
    }),
    document: t.string({
      nullable: true,
      description:
        'The full statement as canonical JSON: for an issued statement the frozen bytes exactly as issued. The parties only (null for others).',
      // The raw facts (e.g. 33 of 369): the parties only, and every read is audited like the figures.
      resolve: async (m, _args, ctx) => {
        const r = await resolved(m, ctx);
        if (!r.owned) return null;
        auditRead(m, r, ctx, 'document');
        return r.text ?? canonicalJson(r.document);
      },
    }),
    sha256: t.string({ nullable: true, description: 'SHA-256 (hex) of `document` as issued. The parties only.', resolve: ownedOnly((r) => r.sha256) }),
    intact: t.boolean({
      nullable: true,
      description: 'The stored bytes still hash to `sha256` (issued statements, the parties only).',
      resolve: ownedOnly((r) => r.intact),
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Queries

builder.queryFields((t) => ({
  contracts: t.field({
    type: [Contract],
    description: 'Contracts the viewer may read (council: its own; practice: its own; policy: all).',
    args: { practiceId: t.arg.id(), councilCode: t.arg.id() },
    resolve: (_root, args, ctx) => {
      guard(ctx);
      return listContracts(ctx.database, viewerOf(ctx), { practiceId: args.practiceId, councilCode: args.councilCode });
    },
  }),
  contract: t.field({
    type: Contract,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      const id = idOf(args.id);
      return id === null ? null : contractLoader(ctx).load(id);
    },
  }),
  statements: t.field({
    type: [Statement],
    description: 'Issued statements the viewer may read, by practice, contract or period.',
    args: { practiceId: t.arg.id(), contractId: t.arg.id(), period: t.arg.int() },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const contractId = args.contractId == null ? null : idOf(args.contractId);
      if (args.contractId != null && contractId === null) return [];
      const rows = await listStatements(ctx.database, viewerOf(ctx), {
        practiceId: args.practiceId,
        contractId,
        period: args.period,
      });
      return rows.map((summary): StatementModel => ({ kind: 'issued', summary }));
    },
  }),
  statement: t.field({
    type: Statement,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = idOf(args.id);
      if (id === null) return null;
      const frozen = await frozenLoader(ctx).load(id);
      return frozen ? { kind: 'issued' as const, summary: frozen.statement } : null;
    },
  }),
  previewStatement: t.field({
    type: Statement,
    nullable: true,
    description:
      'What the statement of a period would say now, without issuing it. With `terms`: under changed terms or targets (what-if, the council only). The contract’s parties only; null for a contract the viewer cannot read.',
    args: {
      contractId: t.arg.id({ required: true }),
      period: t.arg.int({ required: true }),
      terms: t.arg({ type: TermsInput }),
      version: t.arg.int({ description: 'The version to start from; default the latest.' }),
    },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const contractId = idOf(args.contractId);
      if (contractId === null) return null;
      const terms = args.terms ? termsOf(args.terms as TermsArg) : undefined;
      return run(async () => {
        try {
          const document = await previewStatement(ctx.database, viewerOf(ctx), {
            contractId,
            period: args.period,
            terms,
            version: args.version,
          });
          return {
            kind: 'preview' as const,
            document,
            councilCode: document.contract.councilCode,
            practiceId: document.contract.practiceId,
          };
        } catch (error) {
          // a contract the viewer cannot read is null, as one that does not exist
          if (error instanceof PaymentsError && error.code === 'NOT_FOUND' && error.message.startsWith('No contract')) return null;
          throw error;
        }
      });
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// Mutations (councils; see the header)

const councilMutation = { skipTypeScopes: true, authScopes: { signedIn: true } } as const;

const CreateContractInput = builder.inputType('CreateContractInput', {
  fields: (t) => ({
    practiceId: t.id({ required: true }),
    name: t.string({ required: true }),
    periodStart: t.int({ required: true, description: 'First reporting year (the year the period ends in).' }),
    periodEnd: t.int({ required: true }),
    terms: t.field({ type: TermsInput, required: true }),
    note: t.string(),
  }),
});

async function audit(ctx: Context, viewer: Viewer, action: string, target: string, detail: Record<string, unknown>) {
  await recordAudit(ctx.primary.db, viewer, action, target, detail);
}

builder.mutationFields((t) => ({
  createContract: t.field({
    type: Contract,
    ...councilMutation,
    description: "Council only: a contract with one of the council's practices; its terms become version 1.",
    args: { input: t.arg({ type: CreateContractInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const terms = termsOf(args.input.terms as TermsArg);
      const contract = await run(() =>
        createContract(ctx.database, viewer, {
          practiceId: args.input.practiceId,
          name: args.input.name,
          periodStart: args.input.periodStart,
          periodEnd: args.input.periodEnd,
          terms,
          note: args.input.note,
        }),
      );
      await audit(ctx, viewer, 'create_contract', `contract:${contract.id}`, { practiceId: contract.practiceId, version: 1 });
      return contract;
    },
  }),
  amendContractTerms: t.field({
    type: ContractVersion,
    ...councilMutation,
    description: 'Council only: new terms become the next version; earlier versions stay as they were.',
    args: { contractId: t.arg.id({ required: true }), terms: t.arg({ type: TermsInput, required: true }), note: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const contractId = idOf(args.contractId);
      if (contractId === null) throw badInput(`No contract ${args.contractId}`);
      const terms = termsOf(args.terms as TermsArg);
      const version = await run(() => amendTerms(ctx.database, viewer, { contractId, terms, note: args.note }));
      await audit(ctx, viewer, 'amend_contract_terms', `contract:${contractId}`, { version: version.version });
      return version;
    },
  }),
  issueStatement: t.field({
    type: Statement,
    ...councilMutation,
    description:
      'Council only: works out the statement of a period from the figures as they stand and the latest terms (or `version`), and freezes it. Once per contract and period.',
    args: { contractId: t.arg.id({ required: true }), period: t.arg.int({ required: true }), version: t.arg.int() },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const contractId = idOf(args.contractId);
      if (contractId === null) throw badInput(`No contract ${args.contractId}`);
      const statement = await run(() =>
        issueStatement(ctx.database, viewer, { contractId, period: args.period, version: args.version }),
      );
      await audit(ctx, viewer, 'issue_statement', `statement:${statement.id}`, {
        contractId,
        period: statement.period,
        version: statement.version,
        sha256: statement.sha256,
      });
      return { kind: 'issued' as const, summary: statement };
    },
  }),
}));
