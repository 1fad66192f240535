import { describe, expect, it } from 'vitest';
import { isStoredRegistration, normaliseRegistration, REGISTRATION_HASH_PATTERN, storedRegistration } from './registration';

const secret = 'a registration test secret';

describe('storedRegistration', () => {
  it('keeps one value per council and number, whatever the spacing or case, in every year', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(a).toMatch(REGISTRATION_HASH_PATTERN);
    expect(storedRegistration(secret, '886', ' sw886 0000001 ')).toBe(a);
    expect(normaliseRegistration(' sw886 0000001 ')).toBe('SW8860000001');
  });

  it('gives unrelated values in other councils, under other secrets, and for other numbers', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(storedRegistration(secret, '341', 'SW8860000001')).not.toBe(a);
    expect(storedRegistration('another registration secret', '886', 'SW8860000001')).not.toBe(a);
    expect(storedRegistration(secret, '886', 'SW8860000002')).not.toBe(a);
  });

  it('never holds the number itself, and keeps "XX" and blanks as codes', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(a).not.toContain('8860000001');
    expect(storedRegistration(secret, '886', 'xx')).toBe('XX');
    expect(storedRegistration(secret, '886', '  ')).toBe('');
    expect(storedRegistration(secret, '886', null)).toBe('');
  });

  it('is idempotent and refuses a short secret', () => {
    const a = storedRegistration(secret, '886', 'SW8860000001');
    expect(storedRegistration(secret, '886', a)).toBe(a);
    expect(isStoredRegistration(a)).toBe(true);
    expect(isStoredRegistration('SW8860000001')).toBe(false);
    expect(() => storedRegistration('short', '886', 'SW8860000001')).toThrow('at least 16 bytes');
  });
});
