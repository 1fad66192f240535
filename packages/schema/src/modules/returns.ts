/**
 * The history of submitted returns (SSDA903, CSWW): what was submitted, by whom, when, and what was
 * wrong with it. The files' bytes are never served here, only their names, hashes and sizes.
 *
 * Who sees what (the same rule as uploading, apps/gateway/src/returns/authorize.ts), applied in SQL:
 * - council: the returns filed with its council (its own and those of the practices serving it);
 * - practice: only its own practice's returns;
 * - policy, admin: every submission's metadata (status, when), but nothing child-level: the issues'
 *   `value` (the offending value as written in the file) is null for them, and their `message` is the
 *   rule's own wording from the rule catalogue (the stored message can quote dates of birth, episode
 *   dates, raw cell values); the rows read per table are counts of children, so they go through the
 *   same disclosure control as every computed count (1..5 -> null, symbol c);
 * - every read of issues or counts is audited;
 * - a role paired with the wrong kind of organisation: nothing.
 * Ids a viewer may not see resolve to null, as ids that do not exist.
 */
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { controlCount, isConsistentViewer, SUPPRESSED, type Viewer } from '@continuity/access';
import { submissions } from '@continuity/db';
import {
  moreMessage,
  ruleCatalogue,
  filesOfSubmissions,
  selectSubmissionHeaders,
  type SubmissionFileInfo,
  type SubmissionHeader as SubmissionRow,
} from '@continuity/returns';
import { builder, signedInType } from '../builder';
import { guard, type Context } from '../context';
import { viewerOf } from '../entitlements';

const MAX_ISSUES = 1000;
const MAX_SUBMISSIONS = 200;

/** One stored finding (packages/returns issues.ts); `child` is never exposed. */
interface IssueRow {
  file?: string;
  row?: number;
  column?: string;
  rule?: string;
  severity?: string;
  message?: string;
  value?: string;
  path?: string;
  /** A summary issue (issue caps): this many more findings of the rule were not listed. */
  more?: number;
}

/** The catalogue's wording of each rule (no values in it): what non-owners read as an issue's message. */
let ruleMessages: ReadonlyMap<string, string> | undefined;
function ruleMessage(issue: IssueRow): string {
  ruleMessages ??= new Map(ruleCatalogue().map((r) => [`${r.kind}:${r.code}`, r.message]));
  return (
    ruleMessages.get(`ssda903:${issue.rule}`) ??
    ruleMessages.get(`csww:${issue.rule}`) ??
    `A finding under rule ${issue.rule ?? ''}; its details are shown to the submitting council or practice only.`
  );
}

/**
 * May the viewer see the submission's child-level details (offending values, messages as written, exact
 * row counts)? Only the owners: councils and practices, whose rows are scoped to their own (scopeOf).
 */
function seesValues(viewer: Viewer): boolean {
  return isConsistentViewer(viewer) && (viewer.role === 'council' || viewer.role === 'practice');
}

/** The submissions the viewer may see, as SQL (undefined: all). */
function scopeOf(viewer: Viewer): SQL | undefined {
  if (!isConsistentViewer(viewer)) return sql`false`;
  switch (viewer.role) {
    case 'policy':
    case 'admin':
      return undefined;
    case 'council':
      return eq(submissions.councilCode, viewer.organisation.id);
    case 'practice':
      return eq(submissions.practiceId, viewer.organisation.id);
  }
}

/** An id argument as a submission id; anything else matches nothing. */
function idOf(value: string): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 && String(n) === value ? n : null;
}

const submissionLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, SubmissionRow | null>(async (ids) => {
      guard(ctx);
      const rows = await selectSubmissionHeaders(ctx.database.db).where(
        and(scopeOf(viewerOf(ctx)), inArray(submissions.id, [...ids])),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

const filesLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, SubmissionFileInfo[]>(async (ids) => {
      guard(ctx);
      const bySubmission = await filesOfSubmissions(ctx.database.db, ids);
      return ids.map((id) => bySubmission.get(id) ?? []);
    }),
);

/** Errors and warnings of submissions the parent already scoped (loaded only when asked for). */
const issuesLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, { errors: IssueRow[]; warnings: IssueRow[] }>(async (ids) => {
      guard(ctx);
      const rows = await ctx.database.db
        .select({ id: submissions.id, errors: submissions.errors, warnings: submissions.warnings })
        .from(submissions)
        .where(and(scopeOf(viewerOf(ctx)), inArray(submissions.id, [...ids])));
      const byId = new Map(
        rows.map((r) => [r.id, { errors: r.errors as IssueRow[], warnings: r.warnings as IssueRow[] }]),
      );
      return ids.map((id) => byId.get(id) ?? { errors: [], warnings: [] });
    }),
);

const audited = createContextCache((_ctx: Context) => new Set<string>());

interface IssueModel {
  issue: IssueRow;
  showValue: boolean;
  /** Summary issues: how many findings of its rule the list holds, for the message non-owners read. */
  listed: number;
}

/**
 * What a non-owner reads as a message: the rule's catalogue wording, or for a summary issue the summary
 * worded afresh from the rule and the counts (nothing stored is passed through).
 */
function neutralMessage(x: IssueModel): string {
  const { issue } = x;
  if (issue.more === undefined) return ruleMessage(issue);
  return moreMessage(issue.rule ?? '', issue.severity === 'warning' ? 'warning' : 'error', issue.more, x.listed);
}

const ReturnIssue = builder.objectRef<IssueModel>('ReturnIssue').implement({
  ...signedInType,
  description: 'One finding of validation: errors reject the whole return; warnings are reported and it is kept.',
  fields: (t) => ({
    file: t.string({ resolve: (x) => x.issue.file ?? '' }),
    row: t.int({ description: '0 when the finding is about the whole file.', resolve: (x) => x.issue.row ?? 0 }),
    column: t.string({
      description: 'DfE column or XML element name; empty for file-level findings.',
      resolve: (x) => x.issue.column ?? '',
    }),
    rule: t.string({ resolve: (x) => x.issue.rule ?? '' }),
    severity: t.string({ resolve: (x) => x.issue.severity ?? '' }),
    message: t.string({
      description:
        "The message as written for the return's council or practice (it can quote child-level values); for anyone else the rule's own wording.",
      resolve: (x) => (x.showValue ? (x.issue.message ?? '') : neutralMessage(x)),
    }),
    more: t.int({
      nullable: true,
      description:
        'Set only on a summary issue: this many more findings of the rule were not listed (by default at most 100 a rule and ' +
        '1,000 a return are kept; RETURNS_MAX_ISSUES_PER_RULE, RETURNS_MAX_ISSUES). Such an issue has row 0 and no column or value.',
      resolve: (x) => (typeof x.issue.more === 'number' ? x.issue.more : null),
    }),
    path: t.string({
      nullable: true,
      description: 'XML only: the element path.',
      resolve: (x) => x.issue.path ?? null,
    }),
    value: t.string({
      nullable: true,
      description:
        'The offending value as written (can be child-level data): the return’s council or practice only; null for anyone else.',
      resolve: (x) => (x.showValue ? (x.issue.value ?? '') : null),
    }),
  }),
});

const TableCount = builder
  .objectRef<{ table: string; rows: number | null; symbol: string | null }>('TableCount')
  .implement({
    ...signedInType,
    fields: (t) => ({
      table: t.exposeString('table'),
      rows: t.exposeInt('rows', {
        nullable: true,
        description: 'Null (symbol c) when 1..5 and the viewer is not the return’s council or practice.',
      }),
      symbol: t.exposeString('symbol', { nullable: true }),
    }),
  });

/** Audits one read of a submission's child-level details, once a request. */
function auditRead(ctx: Context, s: SubmissionRow, what: string): void {
  const target = `submission:${s.id}`;
  if (audited(ctx).has(target)) return;
  audited(ctx).add(target);
  ctx.audit.push({
    action: 'read',
    target,
    detail: { councilCode: s.councilCode, practiceId: s.practiceId, read: what },
  });
}

const SubmissionFile = builder.objectRef<SubmissionFileInfo>('SubmissionFile').implement({
  ...signedInType,
  description: 'A file received with a submission (kept byte for byte; the bytes are not served here).',
  fields: (t) => ({
    name: t.exposeString('name'),
    sha256: t.exposeString('sha256'),
    size: t.exposeInt('size', { description: 'Bytes.' }),
  }),
});

function issuesField(which: 'errors' | 'warnings') {
  return async (s: SubmissionRow, args: { limit?: number | null }, ctx: Context): Promise<IssueModel[]> => {
    const viewer = viewerOf(ctx);
    const showValue = seesValues(viewer);
    const limit = Math.max(0, Math.min(args.limit ?? 100, MAX_ISSUES));
    const all = (await issuesLoader(ctx).load(s.id))[which];
    const list = all.slice(0, limit);
    if (list.length > 0) auditRead(ctx, s, which);
    const listed = new Map<string, number>();
    for (const i of all) if (i.more === undefined) listed.set(i.rule ?? '', (listed.get(i.rule ?? '') ?? 0) + 1);
    return list.map((issue) => ({ issue, showValue, listed: listed.get(issue.rule ?? '') ?? 0 }));
  };
}

const Submission = builder.objectRef<SubmissionRow>('Submission').implement({
  ...signedInType,
  description: 'A return as submitted: accepted, rejected (errors), or superseded by a later accepted one.',
  fields: (t) => ({
    id: t.id({ resolve: (s) => String(s.id) }),
    kind: t.exposeString('kind', { description: 'ssda903 or csww.' }),
    councilCode: t.exposeString('councilCode'),
    practiceId: t.exposeString('practiceId', {
      nullable: true,
      description: 'Set when a practice submitted for the children it holds.',
    }),
    collectionYear: t.exposeInt('collectionYear'),
    status: t.exposeString('status', { description: 'accepted, rejected or superseded.' }),
    submittedBy: t.exposeString('submittedBy', { description: 'User id.' }),
    submittedAt: t.string({ description: 'ISO date-time.', resolve: (s) => new Date(s.submittedAt).toISOString() }),
    contentHash: t.exposeString('contentHash'),
    counts: t.field({
      type: [TableCount],
      description: 'Rows read per table.',
      resolve: (s, _args, ctx) => {
        const entries = Object.entries(s.counts ?? {});
        if (entries.length > 0) auditRead(ctx, s, 'counts');
        if (seesValues(viewerOf(ctx))) return entries.map(([table, rows]) => ({ table, rows, symbol: null }));
        const kind = s.practiceId === null ? 'council' : 'practice';
        return entries.map(([table, rows]) => {
          const shown = controlCount(rows, kind);
          return shown === SUPPRESSED
            ? { table, rows: null, symbol: SUPPRESSED }
            : { table, rows: shown, symbol: null };
        });
      },
    }),
    errorCount: t.exposeInt('errorCount', {
      description:
        'Entries in `errors`: the errors listed and a summary issue (`more`) for each rule cut short by the caps.',
    }),
    warningCount: t.exposeInt('warningCount', { description: 'Entries in `warnings`, as errorCount.' }),
    errorTotal: t.exposeInt('errorTotal', {
      description: 'Errors found in all, listed or not (each summary issue counts its `more`).',
    }),
    warningTotal: t.exposeInt('warningTotal', { description: 'Warnings found in all, listed or not.' }),
    errors: t.field({
      type: [ReturnIssue],
      args: { limit: t.arg.int({ defaultValue: 100 }) },
      description: `The first \`limit\` errors (at most ${MAX_ISSUES}).`,
      resolve: issuesField('errors'),
    }),
    warnings: t.field({
      type: [ReturnIssue],
      args: { limit: t.arg.int({ defaultValue: 100 }) },
      description: `The first \`limit\` warnings (at most ${MAX_ISSUES}).`,
      resolve: issuesField('warnings'),
    }),
    files: t.field({ type: [SubmissionFile], resolve: (s, _args, ctx) => filesLoader(ctx).load(s.id) }),
    supersededBy: t.id({ nullable: true, resolve: (s) => (s.supersededBy === null ? null : String(s.supersededBy)) }),
  }),
});

builder.queryFields((t) => ({
  submissions: t.field({
    type: [Submission],
    description: `Submissions the viewer may see, newest first (at most ${MAX_SUBMISSIONS}).`,
    args: {
      councilCode: t.arg.id(),
      practiceId: t.arg.id(),
      kind: t.arg.string({ description: 'ssda903 or csww.' }),
      collectionYear: t.arg.int(),
    },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const rows = await selectSubmissionHeaders(ctx.database.db)
        .where(
          and(
            scopeOf(viewerOf(ctx)),
            args.councilCode != null ? eq(submissions.councilCode, args.councilCode) : undefined,
            args.practiceId != null ? eq(submissions.practiceId, args.practiceId) : undefined,
            args.kind != null ? sql`${submissions.kind}::text = ${args.kind}` : undefined,
            args.collectionYear != null ? eq(submissions.collectionYear, args.collectionYear) : undefined,
          ),
        )
        .orderBy(desc(submissions.submittedAt), desc(submissions.id))
        .limit(MAX_SUBMISSIONS);
      for (const row of rows) submissionLoader(ctx).prime(row.id, row);
      return rows;
    },
  }),
  submission: t.field({
    type: Submission,
    nullable: true,
    description: 'One submission; null for an id the viewer may not see, as for one that does not exist.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const id = idOf(args.id);
      return id === null ? null : submissionLoader(ctx).load(id);
    },
  }),
}));
