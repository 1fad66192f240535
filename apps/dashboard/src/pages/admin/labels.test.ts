import { describe, expect, it } from 'vitest';
import { actionLabel, auditTime, roleLabelOf } from './labels';

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
});
