/** Statements: the type, the queries that read or preview them, and the council's issue and re-issue. */
import {
  canonicalJson,
  issueStatement,
  listStatements,
  PaymentsError,
  previewStatement,
  reissueStatement,
  statementCsv,
  type SourceReturn as SourceShape,
} from '@continuity/payments';
import { builder, signedInType } from '../../builder';
import { guard } from '../../context';
import { viewerOf } from '../../entitlements';
import { badInput } from '../../errors';
import { audit, idOf, partyMutation, run } from './common';
import { contractLoader, frozenLoader } from './loaders';
import { Contract, Statement, type StatementModel } from './refs';
import { RateCardLine } from './rate-cards';
import { StatementLine, StatementStatus } from './statement-lines';
import { auditRead, fromDocument, money, ownedOnly, resolved, seenFor } from './statement-view';
import { Terms, TermsInput, termsOf, type TermsArg } from './terms';

const SourceReturn = builder.objectRef<SourceShape>('SourceReturn').implement({
  ...signedInType,
  description: 'A return (submission) a statement was worked out from: recompute it from these exact files.',
  fields: (t) => ({
    submissionId: t.id({ resolve: (s) => String(s.submissionId) }),
    kind: t.exposeString('kind', { description: 'ssda903 or csww.' }),
    councilCode: t.exposeID('councilCode'),
    practiceId: t.exposeID('practiceId', { nullable: true }),
    collectionYear: t.exposeInt('collectionYear'),
    status: t.exposeString('status', { description: 'As it stood when the statement was issued.' }),
    contentHash: t.exposeString('contentHash', {
      description: 'SHA-256 over the sorted file hashes of the submission.',
    }),
  }),
});

Statement.implement({
  ...signedInType,
  description: 'A statement: issued (frozen) or a preview. Totals add up to the penny.',
  fields: (t) => ({
    id: t.id({
      nullable: true,
      description: 'Null for a preview.',
      resolve: (m) => (m.kind === 'issued' ? String(m.summary.id) : null),
    }),
    status: t.field({ type: StatementStatus, resolve: (m) => (m.kind === 'issued' ? 'issued' : 'preview') }),
    contractId: t.id({ resolve: (m) => String(m.kind === 'issued' ? m.summary.contractId : m.document.contract.id) }),
    contract: t.field({
      type: Contract,
      nullable: true,
      resolve: (m, _args, ctx) =>
        contractLoader(ctx).load(m.kind === 'issued' ? m.summary.contractId : m.document.contract.id),
    }),
    councilCode: t.id({ resolve: (m) => (m.kind === 'issued' ? m.summary.councilCode : m.councilCode) }),
    practiceId: t.id({ resolve: (m) => (m.kind === 'issued' ? m.summary.practiceId : m.practiceId) }),
    period: t.int({ resolve: (m) => (m.kind === 'issued' ? m.summary.period : m.document.period) }),
    version: t.int({
      description: 'The terms version used (a what-if preview: the version its terms were based on).',
      resolve: (m) => (m.kind === 'issued' ? m.summary.version : m.document.version.version),
    }),
    termsOverridden: t.boolean({
      description: 'A what-if preview under changed terms.',
      resolve: fromDocument((d) => d.version.overridden),
    }),
    issuedBy: t.string({ nullable: true, resolve: (m) => (m.kind === 'issued' ? m.summary.issuedBy : null) }),
    issuedAt: t.string({
      nullable: true,
      description: 'ISO date-time.',
      resolve: (m) => (m.kind === 'issued' ? m.summary.issuedAt : null),
    }),
    fixedFeePence: t.int({
      resolve: (m) => (m.kind === 'issued' ? m.summary.fixedPence : m.document.totals.fixedFeePence),
    }),
    earnedPence: t.int({
      nullable: true,
      description:
        "Outcome-linked pence earned. Null (withheld) when a line's earned pence are withheld from this viewer.",
      resolve: money(
        (totals) => totals.earnedPence,
        (s) => s.earnedPence,
      ),
    }),
    totalPence: t.int({
      nullable: true,
      description: 'fixedFeePence + earnedPence (null with it).',
      resolve: money(
        (totals) => totals.totalPence,
        (s) => s.totalPence,
      ),
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
    rateCardLines: t.field({
      type: [RateCardLine],
      description: 'The rate card’s lines (none when the terms have no rate card).',
      resolve: async (m, _args, ctx) => (await seenFor(m, ctx)).rateCard?.lines ?? [],
    }),
    rateCardPence: t.int({
      nullable: true,
      description:
        'The rate card’s pay after its caps (included in totalPence); null without a rate card or when withheld.',
      resolve: async (m, _args, ctx) => (await seenFor(m, ctx)).rateCard?.paidPence ?? null,
    }),
    notes: t.stringList({ resolve: fromDocument((d) => d.notes) }),
    rules: t.stringList({
      description: 'The rules applied, in words, as frozen.',
      resolve: fromDocument((d) => [...d.rules]),
    }),
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
    sha256: t.string({
      nullable: true,
      description: 'SHA-256 (hex) of `document` as issued. The parties only.',
      resolve: ownedOnly((r) => r.sha256),
    }),
    revision: t.int({
      nullable: true,
      description: '1 for the first issue of the period, n for its (n - 1)th re-issue; null for a preview.',
      resolve: (m) => (m.kind === 'issued' ? m.summary.revision : null),
    }),
    supersedesId: t.id({
      nullable: true,
      description: 'The statement this re-issue replaces.',
      resolve: (m) => (m.kind === 'issued' && m.summary.supersedesId !== null ? String(m.summary.supersedesId) : null),
    }),
    supersededById: t.id({
      nullable: true,
      description: 'The re-issue that replaced this statement: then this one is history, kept as issued.',
      resolve: (m) =>
        m.kind === 'issued' && m.summary.supersededById !== null ? String(m.summary.supersededById) : null,
    }),
    reissueReason: t.string({ nullable: true, resolve: (m) => (m.kind === 'issued' ? m.summary.reason : null) }),
    sources: t.field({
      type: [SourceReturn],
      description:
        'The returns the facts came from, frozen with the statement (none listed for statements issued before sources were recorded).',
      resolve: fromDocument((d) => d.sources ?? []),
    }),
    intact: t.boolean({
      nullable: true,
      description: 'The stored bytes still hash to `sha256` (issued statements, the parties only).',
      resolve: ownedOnly((r) => r.intact),
    }),
  }),
});

builder.queryFields((t) => ({
  statements: t.field({
    type: [Statement],
    description: 'Issued statements the viewer may read, by practice, contract or period (every revision).',
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
          if (error instanceof PaymentsError && error.code === 'NOT_FOUND' && error.message.startsWith('No contract'))
            return null;
          throw error;
        }
      });
    },
  }),
}));

builder.mutationFields((t) => ({
  issueStatement: t.field({
    type: Statement,
    ...partyMutation,
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
  reissueStatement: t.field({
    type: Statement,
    ...partyMutation,
    description:
      'Council only: issued statements are never edited; a correction re-issues the latest revision of a period as the next one, worked out from the figures as they stand and the latest terms (or `version`), naming what it supersedes and why.',
    args: { statementId: t.arg.id({ required: true }), reason: t.arg.string({ required: true }), version: t.arg.int() },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const statementId = idOf(args.statementId);
      if (statementId === null) throw badInput(`No statement ${args.statementId}`);
      const statement = await run(() =>
        reissueStatement(ctx.database, viewer, { statementId, reason: args.reason, version: args.version }),
      );
      await audit(ctx, viewer, 'reissue_statement', `statement:${statement.id}`, {
        supersedes: statementId,
        revision: statement.revision,
        sha256: statement.sha256,
      });
      return { kind: 'issued' as const, summary: statement };
    },
  }),
}));
