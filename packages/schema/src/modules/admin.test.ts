/**
 * Admin: moving a user between organisations (setUserOrganisation) and the audit log's time filter.
 * Directory: the demo users, as the gateway seeds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, organisationRecordId } from '@continuity/access';
import { auditLog, type Database } from '@continuity/db';
import { openTestDatabase, testEngines } from '@continuity/db/testing';
import { upsertDirectory } from '../providers/directory';
import { execute, seedFixture, testViewers } from '../testing';

const MOVE = `mutation ($id: ID!, $organisationId: ID!) {
  setUserOrganisation(id: $id, organisationId: $organisationId) { id role organisation { id kind } }
}`;

describe.each(testEngines())('admin on %s', (engine) => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    await seedFixture(database);
    await upsertDirectory(database.db, {
      organisations: demoUsers
        .map(({ viewer }) => ({
          id: organisationRecordId(viewer.organisation),
          kind: viewer.organisation.kind,
          name: viewer.organisation.id,
          subjectId: viewer.organisation.kind === 'department' ? null : viewer.organisation.id,
        }))
        .filter((o, i, all) => all.findIndex((p) => p.id === o.id) === i),
      users: demoUsers.map(({ viewer }) => ({
        id: viewer.userId,
        name: viewer.name,
        email: `${viewer.userId}@example.test`,
        role: viewer.role,
        organisationId: organisationRecordId(viewer.organisation),
      })),
    });
  });
  afterAll(() => database?.close());

  it('moves a council user to another council, audited with where from and where to', async () => {
    const moved = await execute(database, testViewers.admin, MOVE, {
      id: 'demo-council-kent',
      organisationId: 'council-312',
    });
    expect(moved.errors).toBeUndefined();
    expect(moved.data.setUserOrganisation).toEqual({
      id: 'demo-council-kent',
      role: 'COUNCIL',
      organisation: { id: 'council-312', kind: 'COUNCIL' },
    });
    const log = await execute(
      database,
      testViewers.admin,
      '{ auditLog(limit: 1, action: "move_user") { userId action target detail } }',
    );
    const [entry] = log.data.auditLog;
    expect({ ...entry, detail: JSON.parse(entry.detail) }).toEqual({
      userId: 'demo-admin',
      action: 'move_user',
      target: 'user:demo-council-kent',
      detail: { from: 'council-886', to: 'council-312' },
    });
    // Back again, so the other tests see the demo directory.
    const back = await execute(database, testViewers.admin, MOVE, {
      id: 'demo-council-kent',
      organisationId: 'council-886',
    });
    expect(back.data.setUserOrganisation.organisation.id).toBe('council-886');
  });

  it('a move to the same organisation changes and audits nothing', async () => {
    const before = await execute(database, testViewers.admin, '{ auditLog(limit: 500, action: "move_user") { id } }');
    const same = await execute(database, testViewers.admin, MOVE, {
      id: 'demo-council-kent',
      organisationId: 'council-886',
    });
    expect(same.data.setUserOrganisation.organisation.id).toBe('council-886');
    const after = await execute(database, testViewers.admin, '{ auditLog(limit: 500, action: "move_user") { id } }');
    expect(after.data.auditLog).toHaveLength(before.data.auditLog.length);
  });

  it.each([
    ['an unknown user', { id: 'nobody', organisationId: 'council-886' }, 'id: no user nobody'],
    [
      'an unknown organisation',
      { id: 'demo-council-kent', organisationId: 'council-999' },
      'organisationId: no organisation council-999',
    ],
    [
      'the wrong kind for the role',
      { id: 'demo-council-kent', organisationId: 'dfe' },
      'organisationId: a council user cannot belong to a department',
    ],
    [
      'a practice user to a council',
      { id: 'demo-practice-kent', organisationId: 'council-886' },
      'organisationId: a practice user cannot belong to a council',
    ],
  ])('refuses %s', async (_name, variables, message) => {
    const result = await execute(database, testViewers.admin, MOVE, variables);
    expect(result.errors?.map((e) => [e.message, e.extensions.code])).toEqual([[message, 'BAD_USER_INPUT']]);
  });

  it('is refused to every other role, and moves nothing', async () => {
    for (const viewer of ['policy', 'councilKent', 'practiceKent'] as const) {
      const result = await execute(database, testViewers[viewer], MOVE, {
        id: 'demo-council-kent',
        organisationId: 'council-312',
      });
      expect(result.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    }
    const users = await execute(database, testViewers.admin, '{ users { id organisation { id } } }');
    expect(users.data.users.find((u: { id: string }) => u.id === 'demo-council-kent').organisation.id).toBe(
      'council-886',
    );
  });

  it('filters the audit log by time: from inclusive, to exclusive, a date alone as "to" covering that day', async () => {
    await database.db.insert(auditLog).values([
      {
        at: new Date('2020-03-01T23:59:59Z'),
        userId: 'u-time',
        role: 'admin',
        organisationId: 'dfe',
        action: 'read',
        target: 't1',
        detail: {},
      },
      {
        at: new Date('2020-03-02T00:00:00Z'),
        userId: 'u-time',
        role: 'admin',
        organisationId: 'dfe',
        action: 'read',
        target: 't2',
        detail: {},
      },
      {
        at: new Date('2020-03-02T23:00:00Z'),
        userId: 'u-time',
        role: 'admin',
        organisationId: 'dfe',
        action: 'read',
        target: 't3',
        detail: {},
      },
      {
        at: new Date('2020-03-03T00:00:00Z'),
        userId: 'u-time',
        role: 'admin',
        organisationId: 'dfe',
        action: 'read',
        target: 't4',
        detail: {},
      },
    ]);
    const targets = async (args: string) => {
      const result = await execute(database, testViewers.admin, `{ auditLog(userId: "u-time", ${args}) { target } }`);
      expect(result.errors).toBeUndefined();
      return result.data.auditLog.map((e: { target: string }) => e.target);
    };
    expect(await targets('from: "2020-03-02", to: "2020-03-02"')).toEqual(['t3', 't2']);
    expect(await targets('from: "2020-03-02T00:00:00Z"')).toEqual(['t4', 't3', 't2']);
    expect(await targets('to: "2020-03-02T23:00:00Z"')).toEqual(['t2', 't1']);
    const bad = await execute(database, testViewers.admin, '{ auditLog(from: "yesterday") { id } }');
    expect(bad.errors?.map((e) => [e.message, e.extensions.code])).toEqual([
      ['from: not an ISO date or date-time', 'BAD_USER_INPUT'],
    ]);
  });
});
