/**
 * The viewer (`me`, any signed-in viewer) and administration (admin only): the user directory and
 * the audit log. Mutations are admin only at the type level (builder.ts); each change is audited in
 * the same transaction.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ROLE_ORGANISATION, organisationRecordId } from '@continuity/access';
import { organisations, users } from '@continuity/db';
import { builder, signedInType } from '../builder';
import { guard } from '../context';
import { recordAudit } from '../audit';
import { viewerOf } from '../entitlements';
import { badInput } from '../errors';
import {
  listAudit,
  listOrganisations,
  listUsers,
  organisationsByIds,
  subjectExists,
  type AuditRow,
  type OrganisationRow,
  type UserRow,
} from '../providers/directory';

const adminOnly = { authScopes: { admin: true } } as const;

const Role = builder.enumType('Role', {
  values: {
    POLICY: { value: 'policy', description: 'The Department: every council and practice, aggregates only.' },
    COUNCIL: { value: 'council', description: 'One council: its own figures and practices in full.' },
    PRACTICE: { value: 'practice', description: 'One practice: its own figures in full, peers anonymised.' },
    ADMIN: { value: 'admin', description: 'Manages users and organisations.' },
  } as const,
});

const OrganisationKind = builder.enumType('OrganisationKind', {
  values: {
    DEPARTMENT: { value: 'department' },
    COUNCIL: { value: 'council' },
    PRACTICE: { value: 'practice' },
  } as const,
});

const Organisation = builder.loadableObject('Organisation', {
  ...signedInType,
  load: (ids: string[], ctx) => {
    guard(ctx);
    return organisationsByIds(ctx.database, ids);
  },
  sort: (organisation) => organisation.id,
  fields: (t) => ({
    id: t.exposeID('id', { description: "'dfe', 'council-886', 'practice-swp-kent'." }),
    kind: t.expose('kind', { type: OrganisationKind }),
    name: t.exposeString('name'),
    subjectId: t.exposeString('subjectId', {
      nullable: true,
      description: "The council's DfE code or the practice's id this organisation is; null for the Department.",
    }),
  }),
});

const User = builder.objectRef<UserRow>('User').implement({
  ...signedInType,
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    email: t.exposeString('email'),
    role: t.expose('role', { type: Role }),
    organisation: t.field({ type: Organisation, resolve: (user) => user.organisationId }),
    disabled: t.exposeBoolean('disabled', {
      description: "A disabled user's tokens are refused (401) from their next request.",
    }),
    createdAt: t.string({ description: 'ISO date-time.', resolve: (user) => user.createdAt.toISOString() }),
  }),
});

const AuditEntry = builder.objectRef<AuditRow>('AuditEntry').implement({
  ...signedInType,
  description: 'Who read or submitted what, when.',
  fields: (t) => ({
    id: t.id({ resolve: (row) => String(row.id) }),
    at: t.string({ description: 'ISO date-time.', resolve: (row) => row.at.toISOString() }),
    userId: t.exposeString('userId'),
    role: t.exposeString('role'),
    organisationId: t.exposeString('organisationId', { nullable: true }),
    action: t.exposeString('action', { description: "'read', 'submit', 'create_user', ..." }),
    target: t.exposeString('target', { nullable: true, description: "e.g. 'series:placements_3plus'." }),
    detail: t.string({
      nullable: true,
      description: 'JSON.',
      resolve: (row) => (row.detail ? JSON.stringify(row.detail) : null),
    }),
    submissionId: t.exposeInt('submissionId', { nullable: true }),
  }),
});

interface ViewerShape {
  userId: string;
  name: string;
  role: 'policy' | 'council' | 'practice' | 'admin';
  organisation: { kind: 'department' | 'council' | 'practice'; id: string };
}

const ViewerOrganisation = builder.objectRef<ViewerShape['organisation']>('ViewerOrganisation').implement({
  ...signedInType,
  fields: (t) => ({
    kind: t.expose('kind', { type: OrganisationKind }),
    id: t.exposeID('id', { description: "The Department's id, a council's DfE code or a practice's id." }),
  }),
});

const ViewerType = builder.objectRef<ViewerShape>('Viewer').implement({
  ...signedInType,
  description: 'Who is signed in, from the token.',
  fields: (t) => ({
    userId: t.exposeID('userId'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: Role }),
    organisation: t.field({ type: ViewerOrganisation, resolve: (viewer) => viewer.organisation }),
  }),
});

const MAX_AUDIT_ROWS = 500;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An audit filter bound from its ISO text. A date alone as the upper bound means the whole of that
 * day (UTC), so from = to = one date is that day's entries.
 */
function instant(name: string, text: string | null | undefined, upper: boolean): Date | null {
  if (text == null || text === '') return null;
  const at = new Date(DATE_ONLY.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text))
    throw badInput(`${name}: not an ISO date or date-time`);
  if (upper && DATE_ONLY.test(text)) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}

builder.queryFields((t) => ({
  me: t.field({
    type: ViewerType,
    description: 'The signed-in viewer.',
    resolve: (_root, _args, ctx) => viewerOf(ctx),
  }),
  users: t.field({
    type: [User],
    ...adminOnly,
    resolve: (_root, _args, ctx) => {
      guard(ctx);
      return listUsers(ctx.database);
    },
  }),
  organisations: t.field({
    type: [Organisation],
    ...adminOnly,
    resolve: (_root, _args, ctx) => {
      guard(ctx);
      return listOrganisations(ctx.database);
    },
  }),
  auditLog: t.field({
    type: [AuditEntry],
    ...adminOnly,
    description: `Newest first. limit: 1..${MAX_AUDIT_ROWS}, default 100.`,
    args: {
      limit: t.arg.int({ defaultValue: 100 }),
      userId: t.arg.id(),
      action: t.arg.string(),
      from: t.arg.string({ description: 'ISO date or date-time: entries at or after it.' }),
      to: t.arg.string({
        description: 'ISO date or date-time: entries before it (a date alone: before the next day).',
      }),
    },
    complexity: (args) => ({ field: 1, multiplier: Math.ceil((args.limit ?? 100) / 10) }),
    resolve: (_root, args, ctx) => {
      guard(ctx);
      const limit = args.limit ?? 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_ROWS) {
        throw badInput(`limit must be between 1 and ${MAX_AUDIT_ROWS}`);
      }
      return listAudit(ctx.database, {
        limit,
        userId: args.userId,
        action: args.action,
        from: instant('from', args.from, false),
        to: instant('to', args.to, true),
      });
    },
  }),
}));

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const organisationInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('department'),
    subjectId: z.string().regex(SLUG).max(100),
    name: z.string().trim().min(1).max(200),
  }),
  z.object({
    kind: z.literal('council'),
    subjectId: z.string().regex(/^\d{3}$/),
    name: z.string().trim().min(1).max(200),
  }),
  z.object({
    kind: z.literal('practice'),
    subjectId: z.string().regex(SLUG).max(100),
    name: z.string().trim().min(1).max(200),
  }),
]);

const userInput = z.object({
  id: z.string().regex(SLUG).max(100),
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email().max(200),
  role: z.enum(['policy', 'council', 'practice', 'admin']),
  organisationId: z.string().min(1).max(120),
});

/** Zod's first complaint as a BAD_USER_INPUT message (admins are told what to fix). */
function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw badInput(`${issue.path.join('.') || 'input'}: ${issue.message}`);
  }
  return result.data;
}

const CreateOrganisationInput = builder.inputType('CreateOrganisationInput', {
  fields: (t) => ({
    kind: t.field({ type: OrganisationKind, required: true }),
    subjectId: t.id({
      required: true,
      description: "A council's DfE code, a practice's id, or for the Department a lower-case slug (e.g. 'dfe').",
    }),
    name: t.string({ required: true }),
  }),
});

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'A lower-case slug; the `sub` of the user’s tokens.' }),
    name: t.string({ required: true }),
    email: t.string({ required: true }),
    role: t.field({ type: Role, required: true }),
    organisationId: t.id({ required: true, description: "The organisation's id, e.g. 'council-886'." }),
  }),
});

builder.mutationFields((t) => ({
  setUserDisabled: t.field({
    type: User,
    description:
      "Admin only. Disables (or re-enables) a user: the gateway reads the directory on every request, so the user's tokens stop working at once.",
    args: { id: t.arg.id({ required: true }), disabled: t.arg.boolean({ required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const admin = viewerOf(ctx);
      const id = parsed(userInput.shape.id, String(args.id));
      return ctx.database.db.transaction(async (tx) => {
        const updated = await tx.update(users).set({ disabled: args.disabled }).where(eq(users.id, id)).returning();
        if (updated.length === 0) throw badInput(`id: no user ${id}`);
        await recordAudit(tx, admin, args.disabled ? 'disable_user' : 'enable_user', `user:${id}`, {});
        return updated[0]!;
      });
    },
  }),
  setUserOrganisation: t.field({
    type: User,
    description:
      "Admin only. Moves a user to another organisation of the kind their role needs (policy and admin: the Department). Tokens naming the old organisation are refused from the user's next request.",
    args: { id: t.arg.id({ required: true }), organisationId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const admin = viewerOf(ctx);
      const id = parsed(userInput.shape.id, String(args.id));
      const organisationId = parsed(userInput.shape.organisationId, String(args.organisationId));
      return ctx.database.db.transaction(async (tx) => {
        const [user] = await tx.select().from(users).where(eq(users.id, id));
        if (!user) throw badInput(`id: no user ${id}`);
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
        if (!organisation) throw badInput(`organisationId: no organisation ${organisationId}`);
        if (ROLE_ORGANISATION[user.role] !== organisation.kind) {
          throw badInput(`organisationId: a ${user.role} user cannot belong to a ${organisation.kind}`);
        }
        if (user.organisationId === organisationId) return user;
        const [updated] = await tx.update(users).set({ organisationId }).where(eq(users.id, id)).returning();
        await recordAudit(tx, admin, 'move_user', `user:${id}`, { from: user.organisationId, to: organisationId });
        return updated!;
      });
    },
  }),
  createOrganisation: t.field({
    type: Organisation,
    description: 'Admin only. The id is derived: the slug for the Department, else kind-subject (council-886).',
    args: { input: t.arg({ type: CreateOrganisationInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const admin = viewerOf(ctx);
      const input = parsed(organisationInput, args.input);
      const row: OrganisationRow = {
        id: organisationRecordId({ kind: input.kind, id: input.subjectId }),
        kind: input.kind,
        name: input.name,
        subjectId: input.kind === 'department' ? null : input.subjectId,
      };
      return ctx.database.db.transaction(async (tx) => {
        if (input.kind !== 'department' && !(await subjectExists(tx, input.kind, input.subjectId))) {
          throw badInput(`subjectId: no ${input.kind} ${input.subjectId}`);
        }
        const inserted = await tx.insert(organisations).values(row).onConflictDoNothing().returning();
        if (inserted.length === 0) throw badInput(`organisation ${row.id} already exists`);
        await recordAudit(tx, admin, 'create_organisation', `organisation:${row.id}`, { ...row });
        return inserted[0]!;
      });
    },
  }),
  createUser: t.field({
    type: User,
    description: "Admin only. The role must suit the organisation's kind (policy and admin: the Department).",
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const admin = viewerOf(ctx);
      const input = parsed(userInput, args.input);
      return ctx.database.db.transaction(async (tx) => {
        const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
        if (!organisation) throw badInput(`organisationId: no organisation ${input.organisationId}`);
        if (ROLE_ORGANISATION[input.role] !== organisation.kind) {
          throw badInput(`role: a ${input.role} user cannot belong to a ${organisation.kind}`);
        }
        const inserted = await tx.insert(users).values(input).onConflictDoNothing().returning();
        if (inserted.length === 0) throw badInput('a user with that id or email already exists');
        await recordAudit(tx, admin, 'create_user', `user:${input.id}`, {
          role: input.role,
          organisationId: input.organisationId,
        });
        return inserted[0]!;
      });
    },
  }),
}));
