import { describe, expect, it } from 'vitest';
import { organisationOfRecord, organisationRecordId } from './organisations';
import { demoUsers } from './demo-users';

describe('organisation records', () => {
  it('give each kind of organisation its own id namespace, and map back', () => {
    expect(organisationRecordId({ kind: 'department', id: 'dfe' })).toBe('dfe');
    expect(organisationRecordId({ kind: 'council', id: '886' })).toBe('council-886');
    expect(organisationRecordId({ kind: 'practice', id: 'swp-kent' })).toBe('practice-swp-kent');
    for (const { viewer } of demoUsers) {
      const row = {
        id: organisationRecordId(viewer.organisation),
        kind: viewer.organisation.kind,
        subjectId: viewer.organisation.kind === 'department' ? null : viewer.organisation.id,
      };
      expect(organisationOfRecord(row)).toEqual(viewer.organisation);
    }
  });
});
