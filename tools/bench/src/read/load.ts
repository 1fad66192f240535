/** autocannon against one target: the bodies sent in turn on each connection, every response time kept. */
import autocannon from 'autocannon';
import { summarise, type Timing } from './stats';

export interface LoadResult extends Timing {
  non2xx: number;
  errors: number;
}

export async function load(
  url: string,
  bodies: readonly string[],
  headers: Record<string, string>,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: bodies.map((body) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'application/json', ...headers },
          body,
        })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      times.push(responseTime),
    );
  });
  return { ...summarise(times, result.duration), non2xx: result.non2xx, errors: result.errors };
}

/** One answer per body, checked before any load: GraphQL errors come back 200, so they are looked for here. */
export async function check(url: string, bodies: readonly string[], headers: Record<string, string>): Promise<number> {
  let bytes = 0;
  for (const body of bodies) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const text = await r.text();
    bytes += text.length;
    const parsed = JSON.parse(text) as { errors?: { message: string }[] };
    if (!r.ok || parsed.errors?.length) throw new Error(`${url} answered ${r.status}: ${text.slice(0, 500)}`);
  }
  return bytes / Math.max(1, bodies.length);
}
