import { describe, expect, it } from 'vitest';
import { gql, request, RequestError } from './client';

const QUERY = gql<{ hello: string }, { name: string }>('query Hello($name: String!) { hello(name: $name) }');

function fakeFetch(status: number, body: unknown, seen: { init?: RequestInit; url?: string } = {}): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.url = String(url);
    seen.init = init;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('gql', () => {
  it('reads the operation name', () => {
    expect(QUERY.operationName).toBe('Hello');
    expect(gql('{ regions { code } }').operationName).toBeNull();
  });
});

describe('request', () => {
  it('POSTs query, variables and operation name as JSON to /graphql and returns data', async () => {
    const seen: { init?: RequestInit; url?: string } = {};
    const data = await request(
      QUERY,
      { name: 'Kent' },
      { fetch: fakeFetch(200, { data: { hello: 'hi Kent' } }, seen) },
    );
    expect(data).toEqual({ hello: 'hi Kent' });
    expect(seen.url).toBe('/graphql');
    expect(seen.init?.method).toBe('POST');
    expect(JSON.parse(String(seen.init?.body))).toEqual({
      query: QUERY.source,
      variables: { name: 'Kent' },
      operationName: 'Hello',
    });
  });

  it('turns GraphQL errors into a RequestError with their codes, even with a 400', async () => {
    const body = { errors: [{ message: 'Unknown indicator: nope', extensions: { code: 'BAD_USER_INPUT' } }] };
    const error = await request(QUERY, { name: 'x' }, { fetch: fakeFetch(400, body) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({
      kind: 'graphql',
      status: 400,
      codes: ['BAD_USER_INPUT'],
      message: 'Unknown indicator: nope',
    });
  });

  it('reports a server error without a GraphQL body', async () => {
    const error = await request(QUERY, { name: 'x' }, { fetch: fakeFetch(502, 'Bad gateway') }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'http', status: 502 });
  });

  it('reports an answer without data', async () => {
    const error = await request(QUERY, { name: 'x' }, { fetch: fakeFetch(200, { data: null }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'graphql' });
  });

  it('reports a network failure, and a cancelled request as aborted', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(request(QUERY, { name: 'x' }, { fetch: failing })).rejects.toMatchObject({ kind: 'network' });
    const controller = new AbortController();
    controller.abort();
    await expect(request(QUERY, { name: 'x' }, { fetch: failing, signal: controller.signal })).rejects.toMatchObject({
      kind: 'aborted',
    });
  });
});
