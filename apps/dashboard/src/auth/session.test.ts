import { describe, expect, it } from 'vitest';
import { homePath, journeysFor, safeNext } from './roles';
import { parseDemoUsers, tokenExpiry } from './session';

describe('demo users', () => {
  it('reads the gateway\u2019s list ({ users: [...] }) and skips what it cannot read', () => {
    const users = parseDemoUsers({
      users: [
        {
          id: 'demo-council-kent',
          name: 'Tom',
          role: 'council',
          organisation: { kind: 'council', id: '886', name: 'Kent' },
          title: 'Council: Kent',
          description: 'd',
        },
        { id: 'x' },
        'nonsense',
      ],
    });
    expect(users).toEqual([
      {
        id: 'demo-council-kent',
        name: 'Tom',
        role: 'council',
        organisation: { kind: 'council', id: '886', name: 'Kent' },
        title: 'Council: Kent',
        description: 'd',
      },
    ]);
  });

  it('also reads a bare array, and a viewer wrapper as in packages/access', () => {
    const users = parseDemoUsers([
      {
        viewer: { userId: 'u', name: 'N', role: 'practice', organisation: { kind: 'practice', id: 'p' } },
        description: 'x',
      },
    ]);
    expect(users[0]).toMatchObject({
      id: 'u',
      role: 'practice',
      organisation: { kind: 'practice', id: 'p', name: null },
    });
  });
});

describe('tokens and next pages', () => {
  it('reads a JWT\u2019s expiry, or none', () => {
    const payload = btoa(JSON.stringify({ exp: 1_900_000_000 })).replace(/=+$/, '');
    expect(tokenExpiry(`h.${payload}.s`)).toBe(1_900_000_000_000);
    expect(tokenExpiry('not-a-jwt')).toBeNull();
  });

  it('follows `next` only inside the site', () => {
    expect(safeNext('/shortages?council=886')).toBe('/shortages?council=886');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/sign-in?next=/')).toBeNull();
    expect(safeNext(null)).toBeNull();
  });

  it('gives each role its journeys and start page', () => {
    expect(journeysFor('council')).toEqual(['shortages', 'compare', 'returns', 'payments']);
    expect(journeysFor('policy')).toContain('payments');
    expect(journeysFor('admin')).not.toContain('payments');
    expect(journeysFor('practice')[0]).toBe('benchmark');
    expect(journeysFor('stranger')).toEqual(['compare']);
    expect(homePath(null)).toBe('/');
  });
});
