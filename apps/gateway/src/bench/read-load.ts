/**
 * A bounded read load against a running gateway, for docs/capacity.md: signs in as a demo council user,
 * then autocannon sends the dashboard's heaviest common read (FigureSeries: one indicator over time for a
 * council and its statistical neighbours, with region and neighbour comparators) and a light one
 * (CouncilList) for a fixed time, and prints requests a second and latency percentiles as JSON.
 *
 *   npm run bench:reads -w @continuity/gateway -- --url http://127.0.0.1:4150 --seconds 20 --connections 20
 */
import autocannon from 'autocannon';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const origin = arg('url', 'http://127.0.0.1:4150');
const seconds = Number(arg('seconds', '20'));
const connections = Number(arg('connections', '20'));
const user = arg('user', 'demo-council-kent');
/** series | councils | both (default). */
const only = arg('only', 'both');

const series = `query FigureSeries($indicatorId: ID!, $subjects: [SubjectInput!]!) {
  series(indicatorId: $indicatorId, subjects: $subjects) {
    periods england { period value }
    lines { subject { kind id name } points { period value numerator denominator symbol source rank rankOutOf quartile }
      region { period value } neighbourAverage { period value numerator denominator } }
  }
}`;
const councils = 'query CouncilList { councils { code name region { code name } } }';

async function main() {
  const signIn = await fetch(`${origin}/auth/demo-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: user }),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  const { token } = (await signIn.json()) as { token: string };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
  const seriesBody = body(series, {
    indicatorId: 'placements_3plus',
    subjects: ['886', '312', '887', '850'].map((id) => ({ kind: 'COUNCIL', id })),
  });
  // One check before loading: the answer carries figures, not errors.
  const probe = (await (await fetch(`${origin}/graphql`, { method: 'POST', headers, body: seriesBody })).json()) as {
    errors?: unknown;
    data?: any;
  };
  if (probe.errors) throw new Error(`the series query failed: ${JSON.stringify(probe.errors)}`);

  const run = (title: string, requestBody: string) =>
    autocannon({
      url: `${origin}/graphql`,
      connections,
      duration: seconds,
      method: 'POST',
      headers,
      body: requestBody,
      title,
    });
  const results = [];
  for (const [title, requestBody] of [
    ['FigureSeries (4 councils, comparators)', seriesBody],
    ['CouncilList', body(councils)],
  ] as const) {
    if (only !== 'both' && !title.toLowerCase().includes(only === 'series' ? 'figureseries' : 'councillist')) continue;
    const r = await run(title, requestBody);
    results.push({
      title,
      connections,
      seconds,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors,
      requestsPerSecond: r.requests.average,
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    });
  }
  console.log(JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
