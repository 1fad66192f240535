/**
 * The user directory behind every token: a validly signed token is honoured only while its user is in
 * the `users` table, not disabled, with the role and organisation the token claims, and that
 * organisation is in `organisations`. One primary-key lookup (users.id, joined to organisations by its
 * primary key) per request, uncached, so disabling a user (or moving them) takes effect on their very
 * next request.
 */
import { eq } from 'drizzle-orm';
import { organisationRecordId, type Viewer } from '@continuity/access';
import { organisations, users, type Database } from '@continuity/db';

/** True when the directory vouches for the viewer a verified token describes. */
export type DirectoryCheck = (viewer: Viewer) => Promise<boolean>;

export function directoryCheck(database: Database): DirectoryCheck {
  return async (viewer) => {
    const rows = await database.db
      .select({
        role: users.role,
        disabled: users.disabled,
        organisationId: organisations.id,
        kind: organisations.kind,
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.id, viewer.userId))
      .limit(1);
    const row = rows[0];
    if (!row || row.disabled) return false;
    return (
      row.role === viewer.role &&
      row.kind === viewer.organisation.kind &&
      row.organisationId === organisationRecordId(viewer.organisation)
    );
  };
}
