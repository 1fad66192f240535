/** The gateway's demo sign-in routes: `GET /auth/demo-users` and `POST /auth/demo-token {userId} -> {token}`. */
import { RequestError } from '../graphql/client';
import { parseDemoUsers, type DemoUser } from './session';

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (cause) {
    throw new RequestError('http', `The sign-in service answered ${response.status}`, {
      status: response.status,
      cause,
    });
  }
}

export async function fetchDemoUsers(
  signal?: AbortSignal,
  doFetch: typeof fetch = globalThis.fetch,
): Promise<DemoUser[]> {
  let response: Response;
  try {
    response = await doFetch('/auth/demo-users', { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (cause) {
    if (signal?.aborted) throw new RequestError('aborted', 'The request was cancelled', { cause });
    throw new RequestError('network', 'Could not reach the sign-in service', { cause });
  }
  if (!response.ok)
    throw new RequestError('http', `The sign-in service answered ${response.status}`, { status: response.status });
  return parseDemoUsers(await readJson(response));
}

export async function requestDemoToken(userId: string, doFetch: typeof fetch = globalThis.fetch): Promise<string> {
  let response: Response;
  try {
    response = await doFetch('/auth/demo-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ userId }),
    });
  } catch (cause) {
    throw new RequestError('network', 'Could not reach the sign-in service', { cause });
  }
  const body = (await readJson(response)) as { token?: unknown; error?: unknown };
  if (!response.ok || typeof body.token !== 'string') {
    const message = typeof body.error === 'string' ? body.error : `The sign-in service answered ${response.status}`;
    throw new RequestError('http', message, { status: response.status });
  }
  return body.token;
}
