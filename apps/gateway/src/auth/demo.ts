/**
 * Demo sign-in (development, or DEMO_SIGN_IN=true): the demo users of @continuity/access, one per
 * role, listed for the sign-in page and issued tokens signed with the local key. At start the gateway
 * writes them and their organisations into the directory (organisations, users).
 */
import { inArray } from 'drizzle-orm';
import { demoUsers, organisationRecordId, type DemoUser } from '@continuity/access';
import { councils, practices, type Database } from '@continuity/db';
import { upsertDirectory, type OrganisationRow } from '@continuity/schema';

/** What GET /auth/demo-users lists for each user. */
export interface DemoListing {
  id: string;
  name: string;
  role: DemoUser['viewer']['role'];
  organisation: { kind: string; id: string; name: string };
  title: string;
  description: string;
}

const DEPARTMENT_NAME = 'Department for Education';

/** The demo users' organisations, named from the reference tables (one statement each kind). */
async function demoOrganisations(database: Database): Promise<OrganisationRow[]> {
  const ids = (kind: string) =>
    demoUsers.filter((u) => u.viewer.organisation.kind === kind).map((u) => u.viewer.organisation.id);
  const councilNames = new Map(
    (
      await database.db
        .select({ id: councils.code, name: councils.name })
        .from(councils)
        .where(inArray(councils.code, ids('council')))
    ).map((r) => [r.id, r.name]),
  );
  const practiceNames = new Map(
    (
      await database.db
        .select({ id: practices.id, name: practices.name })
        .from(practices)
        .where(inArray(practices.id, ids('practice')))
    ).map((r) => [r.id, r.name]),
  );
  const rows = new Map<string, OrganisationRow>();
  for (const { viewer } of demoUsers) {
    const { kind, id } = viewer.organisation;
    const name =
      kind === 'department' ? DEPARTMENT_NAME : ((kind === 'council' ? councilNames : practiceNames).get(id) ?? id);
    rows.set(organisationRecordId(viewer.organisation), {
      id: organisationRecordId(viewer.organisation),
      kind,
      name,
      subjectId: kind === 'department' ? null : id,
    });
  }
  return [...rows.values()];
}

/** Writes the demo organisations and users (idempotent) and returns the listing for the sign-in page. */
export async function upsertDemoDirectory(database: Database): Promise<DemoListing[]> {
  const organisations = await demoOrganisations(database);
  await upsertDirectory(database.db, {
    organisations,
    users: demoUsers.map(({ viewer }) => ({
      id: viewer.userId,
      name: viewer.name,
      email: `${viewer.userId}@demo.continuity.invalid`,
      role: viewer.role,
      organisationId: organisationRecordId(viewer.organisation),
    })),
  });
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return demoUsers.map(({ viewer, title, description }) => ({
    id: viewer.userId,
    name: viewer.name,
    role: viewer.role,
    organisation: {
      ...viewer.organisation,
      name: names.get(organisationRecordId(viewer.organisation)) ?? viewer.organisation.id,
    },
    title,
    description,
  }));
}
