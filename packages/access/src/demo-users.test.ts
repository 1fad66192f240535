import { describe, expect, it } from 'vitest';
import { claimsFromViewer } from './claims';
import { demoUsers, KENT_COUNCIL_CODE, KENT_PRACTICE_ID } from './demo-users';
import { ownershipContext, ownsSubject, ROLES } from './viewer';

describe('demo users', () => {
  it('cover every role, with unique ids and valid claims', () => {
    expect(new Set(demoUsers.map((u) => u.viewer.role))).toEqual(new Set(ROLES));
    expect(new Set(demoUsers.map((u) => u.viewer.userId)).size).toBe(demoUsers.length);
    for (const { viewer, title, description } of demoUsers) {
      expect(() => claimsFromViewer(viewer)).not.toThrow();
      expect(title.length).toBeGreaterThan(0);
      expect(description.length).toBeGreaterThan(0);
    }
  });

  it("let the Kent council user own Kent's practice, and the practice user be that practice", () => {
    const ctx = ownershipContext({ [KENT_PRACTICE_ID]: [KENT_COUNCIL_CODE] });
    const practice = { kind: 'practice', id: KENT_PRACTICE_ID } as const;
    const owners = demoUsers.filter((u) => ownsSubject(u.viewer, practice, ctx)).map((u) => u.viewer.userId);
    expect(owners).toEqual(['demo-council-kent', 'demo-practice-kent']);
  });
});
