import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import {
  auditLog,
  councils,
  organisations,
  practices,
  updateFromExcluded,
  users,
  type Database,
  type Db,
} from '@continuity/db';

/**
 * Reads and writes of the user directory (organisations, users) and the audit log. Admin only: the
 * schema's scopes decide who reaches these.
 */

export type OrganisationRow = typeof organisations.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export function listOrganisations(database: Database): Promise<OrganisationRow[]> {
  return database.db.select().from(organisations).orderBy(organisations.kind, organisations.name);
}

export function organisationsByIds(database: Database, ids: readonly string[]): Promise<OrganisationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return database.db
    .select()
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
}

export function listUsers(database: Database): Promise<UserRow[]> {
  return database.db.select().from(users).orderBy(users.name, users.id);
}

export interface AuditFilter {
  limit: number;
  userId?: string | null;
  action?: string | null;
  /** At or after. */
  from?: Date | null;
  /** Before. */
  to?: Date | null;
}

/** Newest first. */
export function listAudit(database: Database, filter: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (filter.userId != null) where.push(eq(auditLog.userId, filter.userId));
  if (filter.action != null) where.push(eq(auditLog.action, filter.action));
  if (filter.from != null) where.push(gte(auditLog.at, filter.from));
  if (filter.to != null) where.push(lt(auditLog.at, filter.to));
  return database.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit);
}

/** Does the subject an organisation stands for exist (a council code, a practice id)? */
export async function subjectExists(
  db: Pick<Db, 'select'>,
  kind: 'council' | 'practice',
  id: string,
): Promise<boolean> {
  const rows =
    kind === 'council'
      ? await db.select({ id: councils.code }).from(councils).where(eq(councils.code, id))
      : await db.select({ id: practices.id }).from(practices).where(eq(practices.id, id));
  return rows.length > 0;
}

/**
 * Inserts or updates organisations and users by id (names, kinds, roles and organisations follow the
 * entries; created_at, and `disabled` unless given, are kept: a restart does not re-enable a user an
 * administrator disabled). For the demo directory at start-up; idempotent.
 */
export async function upsertDirectory(
  db: Db,
  entries: {
    organisations: readonly OrganisationRow[];
    users: readonly (Omit<UserRow, 'createdAt' | 'disabled'> & { disabled?: boolean })[];
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (entries.organisations.length > 0) {
      await tx
        .insert(organisations)
        .values([...entries.organisations])
        .onConflictDoUpdate({
          target: organisations.id,
          set: updateFromExcluded(organisations, ['kind', 'name', 'subjectId']),
        });
    }
    if (entries.users.length > 0) {
      await tx
        .insert(users)
        .values([...entries.users])
        .onConflictDoUpdate({
          target: users.id,
          set: updateFromExcluded(users, ['name', 'email', 'role', 'organisationId']),
        });
    }
  });
}
