import { describe, expect, it } from 'vitest';
import { assignPseudonyms, practicePseudonym, pseudonymCode } from './pseudonyms';

const secret = 'test-secret-0123456789';

describe('practice pseudonyms', () => {
  it('are an HMAC of the id in Crockford base32', () => {
    // Worked independently: Python hmac(sha256, secret, label + id) -> base32 -> Crockford alphabet.
    expect(pseudonymCode(secret, 'swp-kent')).toBe('D15M3TPGEJVJP5RH8J8ZC4XBSPVTHMP2B0VD480SZ76HS0YG4W3G');
    expect(practicePseudonym(secret, 'swp-kent')).toBe('Practice D15M3T');
    expect(practicePseudonym(secret, 'swp-hillingdon')).toBe('Practice QYH154');
  });

  it('depend on the secret', () => {
    expect(practicePseudonym('another-secret-0123456789', 'swp-kent')).not.toBe('Practice D15M3T');
  });

  it('do not change when practices are added', () => {
    const before = assignPseudonyms(secret, ['swp-kent', 'swp-hillingdon']);
    const after = assignPseudonyms(secret, ['swp-bristol', 'swp-hillingdon', 'swp-kent', 'swp-aardvark']);
    expect(after.get('swp-kent')).toBe(before.get('swp-kent'));
    expect(after.get('swp-hillingdon')).toBe(before.get('swp-hillingdon'));
    expect(new Set(after.values()).size).toBe(4);
  });

  it('keep pseudonyms already given, whatever their form', () => {
    const out = assignPseudonyms(secret, ['swp-kent', 'swp-hillingdon'], new Map([['swp-kent', 'Practice P01']]));
    expect(out.get('swp-kent')).toBe('Practice P01');
    expect(out.get('swp-hillingdon')).toBe('Practice QYH154');
  });

  it('lengthen codes that clash, the same way in any order', () => {
    // p25575 and p62990 share the first six characters under this secret (found by a birthday search).
    const one = assignPseudonyms(secret, ['p25575', 'p62990']);
    const other = assignPseudonyms(secret, ['p62990', 'p25575']);
    expect(one).toEqual(
      new Map([
        ['p25575', 'Practice K8E2RE9'],
        ['p62990', 'Practice K8E2RE1'],
      ]),
    );
    expect(other).toEqual(one);
  });

  it('lengthen a new code that clashes with one already given', () => {
    const out = assignPseudonyms(secret, ['p62990'], new Map([['p25575', 'Practice K8E2RE']]));
    expect(out.get('p62990')).toBe('Practice K8E2RE1');
  });

  it('refuse a short secret', () => {
    expect(() => practicePseudonym('short', 'swp-kent')).toThrow(/at least 16 bytes/);
  });
});

describe('anonymous practice ids', () => {
  it('are derived from the pseudonym alone and map back to it', async () => {
    const { anonymousPracticeId, pseudonymFromAnonymousId } = await import('./pseudonyms');
    expect(anonymousPracticeId('Practice D15M3T')).toBe('anon-D15M3T');
    expect(pseudonymFromAnonymousId('anon-D15M3T')).toBe('Practice D15M3T');
    // A pseudonym of another form (kept from before) is encoded whole.
    const odd = anonymousPracticeId('Practice p-1 (old)');
    expect(odd).toMatch(/^anon_[A-Za-z0-9_-]+$/);
    expect(pseudonymFromAnonymousId(odd)).toBe('Practice p-1 (old)');
  });

  it('are never a practice id, and anything else is not one', async () => {
    const { pseudonymFromAnonymousId } = await import('./pseudonyms');
    for (const id of ['swp-kent', 'anon-', 'anon-abc', 'anon_', 'anon_!!', 'ANON-D15M3T', `anon-${'A'.repeat(60)}`]) {
      expect(pseudonymFromAnonymousId(id), id).toBeUndefined();
    }
  });
});
