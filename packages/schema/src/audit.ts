/**
 * The audit trail (audit_log): who read or submitted what, when. Reads of child-derived figures are
 * gathered on the context while a request resolves and written by `flushAudit` in one insert when it
 * ends (the gateway calls it before the response leaves, and withholds the response if it fails);
 * submissions and admin changes write with `recordAudit` inside their own transaction.
 */
import { organisationRecordId, type Viewer } from '@continuity/access';
import { auditLog, type Db } from '@continuity/db';
import type { AuditEntry, Context } from './context';

/** Anything that can insert: the database or a transaction. */
export type Inserter = Pick<Db, 'insert'>;

function rowOf(viewer: Viewer, entry: AuditEntry & { submissionId?: number | null }) {
  return {
    userId: viewer.userId,
    role: viewer.role,
    organisationId: organisationRecordId(viewer.organisation),
    action: entry.action,
    target: entry.target,
    detail: entry.detail,
    submissionId: entry.submissionId ?? null,
  };
}

/**
 * Writes one audit row now: e.g. `recordAudit(tx, viewer, 'submit', 'ssda903:886:2025', { file, rows },
 * { submissionId })` from the import route, inside the import's transaction.
 */
export async function recordAudit(
  db: Inserter,
  viewer: Viewer,
  action: string,
  target: string,
  detail: Record<string, unknown> = {},
  options: { submissionId?: number | null } = {},
): Promise<void> {
  await db.insert(auditLog).values(rowOf(viewer, { action, target, detail, submissionId: options.submissionId }));
}

/** Writes the request's gathered audit entries in one insert, then forgets them. */
export async function flushAudit(ctx: Context): Promise<number> {
  const entries = ctx.audit.splice(0);
  if (entries.length === 0 || !ctx.viewer) return 0;
  const viewer = ctx.viewer;
  // The primary, even when the request read from a replica (which refuses writes).
  await ctx.primary.db.insert(auditLog).values(entries.map((entry) => rowOf(viewer, entry)));
  return entries.length;
}
