import { describe, expect, it } from 'vitest';
import {
  computedEntitlement,
  canSeeComputed,
  canSeeFigure,
  canSeeSubject,
  mustAnonymise,
  ownershipContext,
  ownsSubject,
  partOf,
  practicePartId,
  type Role,
  type Subject,
  type Viewer,
} from './viewer';

// Kent's practice serves Kent (886); Hillingdon's serves Hillingdon (312); one practice serves two councils.
const ctx = ownershipContext({
  'swp-kent': ['886'],
  'swp-hillingdon': ['312'],
  'swp-north-tyneside-northumberland': ['392', '929'],
});

const viewers: Record<Role, Viewer> = {
  policy: { userId: 'u-policy', name: 'P', role: 'policy', organisation: { kind: 'department', id: 'dfe' } },
  admin: { userId: 'u-admin', name: 'A', role: 'admin', organisation: { kind: 'department', id: 'dfe' } },
  council: { userId: 'u-kent', name: 'K', role: 'council', organisation: { kind: 'council', id: '886' } },
  practice: { userId: 'u-swp', name: 'S', role: 'practice', organisation: { kind: 'practice', id: 'swp-kent' } },
};

const subjects = {
  england: { kind: 'england', id: 'E92000001' },
  region: { kind: 'region', id: 'E12000008' },
  ownCouncil: { kind: 'council', id: '886' },
  otherCouncil: { kind: 'council', id: '312' },
  ownPractice: { kind: 'practice', id: 'swp-kent' },
  otherPractice: { kind: 'practice', id: 'swp-hillingdon' },
} satisfies Record<string, Subject>;

type Row = [Role, keyof typeof subjects, owns: boolean, sees: boolean, computed: boolean, anonymise: boolean];

// Every role x subject kind x ownership. For policy and admin "own" subjects are simply Kent's: they own nothing.
const table: Row[] = [
  ['policy', 'england', false, true, true, false],
  ['policy', 'region', false, true, true, false],
  ['policy', 'ownCouncil', false, true, true, false],
  ['policy', 'otherCouncil', false, true, true, false],
  ['policy', 'ownPractice', false, true, true, false],
  ['policy', 'otherPractice', false, true, true, false],
  ['admin', 'england', false, true, true, false],
  ['admin', 'region', false, true, true, false],
  ['admin', 'ownCouncil', false, true, true, false],
  ['admin', 'otherCouncil', false, true, true, false],
  ['admin', 'ownPractice', false, true, true, false],
  ['admin', 'otherPractice', false, true, true, false],
  ['council', 'england', false, true, false, false],
  ['council', 'region', false, true, false, false],
  ['council', 'ownCouncil', true, true, true, false],
  ['council', 'otherCouncil', false, true, false, false],
  ['council', 'ownPractice', true, true, true, false],
  ['council', 'otherPractice', false, false, false, false],
  ['practice', 'england', false, true, false, false],
  ['practice', 'region', false, true, false, false],
  ['practice', 'ownCouncil', false, true, false, false],
  ['practice', 'otherCouncil', false, true, false, false],
  ['practice', 'ownPractice', true, true, true, false],
  ['practice', 'otherPractice', false, true, true, true],
];

describe('entitlements', () => {
  it.each(table)(
    '%s viewing %s: owns %s, sees %s, computed %s, anonymised %s',
    (role, key, owns, sees, computed, anon) => {
      const viewer = viewers[role];
      const subject = subjects[key];
      expect(ownsSubject(viewer, subject, ctx)).toBe(owns);
      expect(canSeeSubject(viewer, subject, ctx)).toBe(sees);
      expect(canSeeComputed(viewer, subject, ctx)).toBe(computed);
      expect(mustAnonymise(viewer, subject)).toBe(anon);
      expect(canSeeFigure(viewer, subject, 'published', ctx)).toBe(sees);
      expect(canSeeFigure(viewer, subject, 'computed', ctx)).toBe(computed);
    },
  );

  it('covers every role and subject', () => {
    expect(table).toHaveLength(Object.keys(viewers).length * Object.keys(subjects).length);
  });

  it('a council sees a practice it shares with another council under control, and owns only its own part (issue 11)', () => {
    const northumberland: Viewer = { ...viewers.council, organisation: { kind: 'council', id: '929' } };
    const shared: Subject = { kind: 'practice', id: 'swp-north-tyneside-northumberland' };
    const ownPart: Subject = { kind: 'practice_part', id: practicePartId(shared.id, '929') };
    const otherPart: Subject = { kind: 'practice_part', id: practicePartId(shared.id, '392') };
    // pooled over both councils' returns: seen, disclosure-controlled, not owned
    expect(ownsSubject(northumberland, shared, ctx)).toBe(false);
    expect(canSeeSubject(northumberland, shared, ctx)).toBe(true);
    expect(canSeeComputed(northumberland, shared, ctx)).toBe(true);
    // its part (from the returns sent to it) is its own; North Tyneside's part is not seen at all
    expect(ownsSubject(northumberland, ownPart, ctx)).toBe(true);
    expect(canSeeComputed(northumberland, otherPart, ctx)).toBe(false);
    expect(canSeeSubject(northumberland, otherPart, ctx)).toBe(false);
    // Kent: neither
    expect(ownsSubject(viewers.council, shared, ctx)).toBe(false);
    expect(canSeeSubject(viewers.council, shared, ctx)).toBe(false);
    expect(canSeeComputed(viewers.council, ownPart, ctx)).toBe(false);
  });

  it('a practice owns its pooled figure and every part; peers never see its parts; policy sees them controlled', () => {
    const sharedPractice: Viewer = {
      ...viewers.practice,
      organisation: { kind: 'practice', id: 'swp-north-tyneside-northumberland' },
    };
    const part: Subject = { kind: 'practice_part', id: 'swp-north-tyneside-northumberland@392' };
    expect(ownsSubject(sharedPractice, part, ctx)).toBe(true);
    expect(ownsSubject(sharedPractice, { kind: 'practice', id: 'swp-north-tyneside-northumberland' }, ctx)).toBe(true);
    expect(canSeeSubject(viewers.practice, part, ctx)).toBe(false);
    expect(canSeeComputed(viewers.practice, part, ctx)).toBe(false);
    expect(ownsSubject(viewers.policy, part, ctx)).toBe(false);
    expect(canSeeComputed(viewers.policy, part, ctx)).toBe(true);
    expect(partOf(part.id)).toEqual({ practiceId: 'swp-north-tyneside-northumberland', councilCode: '392' });
    expect(partOf('no-council')).toBeUndefined();
  });

  it('an unknown practice is owned by no council', () => {
    expect(ownsSubject(viewers.council, { kind: 'practice', id: 'swp-new' }, ctx)).toBe(false);
  });

  it('a role on the wrong kind of organisation owns and sees nothing, and peers stay anonymous', () => {
    const odd: Viewer = { ...viewers.council, organisation: { kind: 'practice', id: 'swp-kent' } };
    for (const subject of Object.values(subjects)) {
      expect(ownsSubject(odd, subject, ctx)).toBe(false);
      expect(canSeeSubject(odd, subject, ctx)).toBe(false);
      expect(canSeeComputed(odd, subject, ctx)).toBe(false);
    }
    expect(mustAnonymise(odd, subjects.ownPractice)).toBe(true);
  });

  it('a council code equal to a practice id does not confuse kinds', () => {
    const weird = ownershipContext(new Map([['886', ['312']]]));
    const practiceCalled886: Viewer = { ...viewers.practice, organisation: { kind: 'practice', id: '886' } };
    expect(ownsSubject(practiceCalled886, subjects.ownCouncil, weird)).toBe(false);
    expect(ownsSubject(practiceCalled886, { kind: 'practice', id: '886' }, weird)).toBe(true);
  });
});

describe('computedEntitlement (what SQL may read)', () => {
  const practiceIds = ['swp-kent', 'swp-hillingdon', 'swp-north-tyneside-northumberland'];
  const inScope = (viewer: Viewer, subject: Subject) => {
    const entitlement = computedEntitlement(viewer, ctx, practiceIds);
    if (entitlement === null) return true;
    return (
      entitlement.kinds.includes(subject.kind) ||
      entitlement.subjects.some((s) => s.kind === subject.kind && s.id === subject.id) ||
      (subject.kind === 'practice_part' && (entitlement.partsOf ?? []).includes(partOf(subject.id)!.practiceId))
    );
  };

  it.each(Object.keys(viewers) as Role[])('agrees with canSeeComputed for %s on every subject', (role) => {
    const extra: Subject[] = [
      { kind: 'practice', id: 'swp-north-tyneside-northumberland' },
      { kind: 'practice_part', id: 'swp-kent@886' },
      { kind: 'practice_part', id: 'swp-kent@312' },
      { kind: 'practice_part', id: 'swp-hillingdon@312' },
    ];
    for (const subject of [...Object.values(subjects), ...extra]) {
      expect(inScope(viewers[role], subject), `${role} ${subject.kind} ${subject.id}`).toBe(
        canSeeComputed(viewers[role], subject, ctx),
      );
    }
  });

  it('lets a council read its own council and practices only, and nobody read anything when inconsistent', () => {
    expect(computedEntitlement(viewers.council, ctx, practiceIds)).toEqual({
      kinds: [],
      subjects: [
        { kind: 'council', id: '886' },
        { kind: 'practice', id: 'swp-kent' },
        { kind: 'practice_part', id: 'swp-kent@886' },
      ],
    });
    const odd: Viewer = { ...viewers.policy, organisation: { kind: 'council', id: '886' } };
    expect(computedEntitlement(odd, ctx, practiceIds)).toEqual({ kinds: [], subjects: [] });
  });
});
