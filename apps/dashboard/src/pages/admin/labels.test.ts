import { describe, expect, it } from 'vitest';
import { actionLabel, auditTime, roleLabelOf, targetLabel } from './labels';

describe('admin labels', () => {
  it('names actions and roles in words, leaving unknown codes as recorded', () => {
    expect(actionLabel('move_user')).toBe("Changed a user's organisation");
    expect(actionLabel('something_new')).toBe('something_new');
    expect(roleLabelOf('council')).toBe('Council staff');
    expect(roleLabelOf('robot')).toBe('robot');
  });

  it('shows audit times in UTC, in words', () => {
    expect(auditTime('2026-12-04T19:35:01.000Z')).toBe('4 December 2026, 19:35:01 UTC');
    expect(auditTime('not a time')).toBe('not a time');
  });

  it('says what an entry is about in words', () => {
    const names = {
      users: new Map([['jo', 'Jo Smith']]),
      organisations: new Map([['council-886', 'Kent']]),
      indicators: new Map([['placements_3plus', 'Three or more placements']]),
    };
    expect(targetLabel('user:jo', names)).toBe('Jo Smith (user)');
    expect(targetLabel('organisation:council-886', names)).toBe('Kent (organisation)');
    expect(targetLabel('series:placements_3plus', names)).toBe('Figures: Three or more placements');
    expect(targetLabel('ssda903:886:2025', names)).toBe('SSDA903 return, Kent, 2025');
    expect(targetLabel('reconciliation:312', names)).toBe('Reconciliation, council 312');
    expect(targetLabel('something:else', names)).toBe('something:else');
    expect(targetLabel(null, names)).toBe('');
  });
});
