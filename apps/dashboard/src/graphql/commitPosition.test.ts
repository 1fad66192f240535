import { describe, expect, it } from 'vitest';
import { gql, request } from './client';
import { commitPositions, lsnValue } from './commitPosition';
import { readResult, rememberUpload } from '../pages/returns/upload';

const QUERY = gql<{ hello: string }>('query Hello { hello }');

/** A fetch that records the request headers and answers with `headers`. */
function fakeFetch(seen: Headers[], answer: Record<string, string> = {}): typeof fetch {
  return (async (_url: string | URL | Request, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return new Response(JSON.stringify({ data: { hello: 'hi' } }), {
      status: 200,
      headers: { 'content-type': 'application/json', ...answer },
    });
  }) as typeof fetch;
}

describe('commit positions (read-your-writes)', () => {
  it('compares LSNs by value, not as text', () => {
    expect(lsnValue('0/9')! < lsnValue('0/10')!).toBe(true);
    expect(lsnValue('1/0')! > lsnValue('0/FFFFFFFF')!).toBe(true);
    expect(lsnValue('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(lsnValue('nonsense')).toBeNull();
    expect(lsnValue('0/1; drop')).toBeNull();
  });

  it('keeps the latest position only, ignores what is not one, and forgets it', () => {
    const positions = commitPositions();
    expect(positions.current()).toBeNull();
    positions.remember('0/1A2B3C4');
    positions.remember('0/10');
    positions.remember(undefined);
    positions.remember('not an lsn');
    expect(positions.current()).toBe('0/1A2B3C4');
    positions.remember('1/0');
    expect(positions.current()).toBe('1/0');
    positions.forget();
    expect(positions.current()).toBeNull();
  });

  it('sends no X-Min-Lsn before a write, then the latest commit position on every request', async () => {
    const positions = commitPositions();
    const seen: Headers[] = [];
    await request(QUERY, {}, { fetch: fakeFetch(seen), positions, token: null });
    expect(seen[0]!.has('x-min-lsn')).toBe(false);

    // an upload's streamed result line carries the position
    rememberUpload(
      readResult({ submissionId: 7, status: 'accepted', errors: [], warnings: [], counts: {}, commitLsn: '0/3000060' }),
      null,
      positions,
    );
    await request(QUERY, {}, { fetch: fakeFetch(seen), positions, token: null });
    expect(seen[1]!.get('x-min-lsn')).toBe('0/3000060');

    // a mutation's answer carries it as a header
    await request(QUERY, {}, { fetch: fakeFetch(seen, { 'x-commit-lsn': '0/3000100' }), positions, token: null });
    await request(QUERY, {}, { fetch: fakeFetch(seen), positions, token: null });
    expect(seen[3]!.get('x-min-lsn')).toBe('0/3000100');

    // a JSON (not streamed) upload answer: the header; an older position changes nothing
    rememberUpload(
      readResult({ submissionId: 8, status: 'unchanged', errors: [], warnings: [], counts: {} }),
      '0/2000000',
      positions,
    );
    expect(positions.current()).toBe('0/3000100');
  });

  it('keeps the position in the storage it is given (sessionStorage in the browser)', () => {
    const values = new Map<string, string>();
    const storage = {
      getItem: (k: string) => values.get(k) ?? null,
      setItem: (k: string, v: string) => void values.set(k, v),
      removeItem: (k: string) => void values.delete(k),
    };
    commitPositions(storage).remember('0/abc');
    expect(commitPositions(storage).current()).toBe('0/ABC');
  });
});
