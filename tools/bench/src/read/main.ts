/**
 * `npm run bench:read` (issue 14): the dashboard's read path against PostGraphile v5 over the same fact table and
 * against the raw SQL, in one run on one database. See ../../README.md for the method.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:read -- [--seconds 10] [--rounds 2] [--no-build] [--reuse]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { check, load, type LoadResult } from './load';
import { launch, visit, type PageResult, type PageSpec } from './pages';
import { peerQuery, startPostGraphile } from './peers';
import { PEER_ROWS_SQL, timeRawSql } from './sql';
import { build, databaseIn, freshDatabase, startProduct, tokenFor } from './stack';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../../..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    'no-build': { type: 'boolean', default: false },
    // Keep the database of an earlier run (the demo data is then already in; start-up skips it).
    reuse: { type: 'boolean', default: false },
    port: { type: 'string', default: '4160' },
    'peer-port': { type: 'string', default: '5678' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const log = (line: string) => console.error(`[bench:read] ${line}`);

const POLICY = { id: 'demo-policy', name: 'Policy', role: 'policy', organisation: { kind: 'department', id: 'dfe' } };
const COUNCIL = {
  id: 'demo-council-kent',
  name: 'Kent',
  role: 'council',
  organisation: { kind: 'council', id: '886' },
};
const PRACTICE = {
  id: 'demo-practice-kent',
  name: 'Practice',
  role: 'practice',
  organisation: { kind: 'practice', id: 'swp-kent' },
};
const PAGES: PageSpec[] = [
  { name: 'compare', user: POLICY, path: '/' },
  { name: 'all areas', user: POLICY, path: '/?show=areas' },
  { name: 'shortage monitor', user: COUNCIL, path: '/shortages' },
  { name: 'my benchmark', user: PRACTICE, path: '/benchmark' },
];

interface Row {
  target: string;
  connections: number;
  round: number;
  result: LoadResult;
  bytesPerAnswer: number;
}

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server (the bench makes its own database there).');
  const databaseUrl = values.reuse
    ? databaseIn(server, 'continuity_bench_read')
    : await freshDatabase(server, 'continuity_bench_read');
  if (!values['no-build']) build(repoRoot);
  log('starting the production build on a fresh database (DfE data, then the demo returns)');
  const product = await startProduct(repoRoot, databaseUrl, Number(values.port), log);
  const peer = await startPostGraphile(
    join(repoRoot, 'tools/bench/.peers'),
    databaseUrl,
    Number(values['peer-port']),
    log,
  ).catch(async (error) => {
    await product.stop();
    throw error;
  });
  const rows: Row[] = [];
  const pages: PageResult[] = [];
  try {
    const tokens = new Map<string, string>();
    for (const u of [POLICY, COUNCIL, PRACTICE]) tokens.set(u.id, await tokenFor(product.origin, u.id));

    const browser = await launch();
    try {
      for (const spec of PAGES) {
        const result = await visit(browser, product.origin, spec, tokens.get(spec.user.id)!);
        pages.push(result);
        log(
          `${spec.name}: ${result.requests.length} GraphQL requests, first chart ${Math.round(result.firstChartMs)} ms, settled ${Math.round(result.settledMs)} ms`,
        );
      }
    } finally {
      await browser.close();
    }

    const compare = pages[0]!;
    const series = compare.requests.find(
      (r) => r.operationName === 'FigureSeries' && (JSON.parse(r.body).variables?.subjects?.length ?? 0) > 1,
    );
    if (!series)
      throw new Error(
        `the compare page sent no FigureSeries for several councils: ${compare.requests.map((r) => r.operationName).join(', ')}`,
      );
    const variables = JSON.parse(series.body).variables as {
      indicatorId: string;
      subjects: { kind: string; id: string }[];
    };
    const councils = variables.subjects.filter((s) => s.kind === 'COUNCIL').map((s) => s.id);
    log(`comparison query: ${variables.indicatorId}, ${councils.length} councils`);

    const gql = `${product.origin}/graphql`;
    const policyHeaders = { authorization: `Bearer ${tokens.get(POLICY.id)}` };
    const peerBody = peerQuery(variables.indicatorId, councils);
    const targets = [
      {
        target: 'continuity: comparison query (FigureSeries)',
        url: gql,
        bodies: [series.body],
        headers: policyHeaders,
      },
      {
        target: `PostGraphile ${peer.version}: bare rows (allIndicatorValues)`,
        url: peer.url,
        bodies: [peerBody],
        headers: {},
      },
    ];
    const pageTargets = pages.map((p) => ({
      target: `continuity: ${p.name} page (${p.requests.length} requests in turn)`,
      url: gql,
      bodies: p.requests.map((r) => r.body),
      headers: { authorization: `Bearer ${tokens.get(p.user)}` },
    }));
    const bytes = new Map<string, number>();
    for (const t of [...targets, ...pageTargets]) bytes.set(t.target, await check(t.url, t.bodies, t.headers));

    for (const connections of [1, 10]) {
      for (const t of [...targets, ...pageTargets])
        await load(t.url, t.bodies, t.headers, connections, Math.min(3, seconds)); // warm-up
      for (let round = 1; round <= rounds; round++) {
        for (const t of targets) {
          rows.push({
            target: t.target,
            connections,
            round,
            result: await load(t.url, t.bodies, t.headers, connections, seconds),
            bytesPerAnswer: bytes.get(t.target)!,
          });
        }
      }
      for (const t of pageTargets) {
        rows.push({
          target: t.target,
          connections,
          round: 1,
          result: await load(t.url, t.bodies, t.headers, connections, seconds),
          bytesPerAnswer: bytes.get(t.target)!,
        });
      }
    }
    const raw = await timeRawSql(databaseUrl, variables.indicatorId, councils, 300);

    const report = {
      at: new Date().toISOString(),
      machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
      seconds,
      rounds,
      comparison: { indicatorId: variables.indicatorId, councils },
      pages: pages.map((p) => ({
        name: p.name,
        user: p.user,
        requests: p.requests.length,
        operations: p.requests.map((r) => r.operationName),
        firstChartMs: p.firstChartMs,
        settledMs: p.settledMs,
      })),
      load: rows,
      rawSql: { sql: PEER_ROWS_SQL, ...raw },
    };
    const out = join(repoRoot, 'tools/bench/results');
    mkdirSync(out, { recursive: true });
    const file = join(out, `read-${report.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(table(report.load, raw));
    console.log('\npages, cold (new browser context):');
    for (const p of report.pages)
      console.log(
        `  ${p.name.padEnd(18)} ${String(p.requests).padStart(3)} requests   first chart ${Math.round(p.firstChartMs)} ms   settled ${Math.round(p.settledMs)} ms`,
      );
    console.log(`\nwritten to ${file}`);
  } finally {
    await peer.stop();
    await product.stop();
  }
}

function table(rows: Row[], raw: { p50: number; p95: number; p99: number; rows: number }): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');
  const lines = [
    '| target | connections | round | req/s | p50 ms | p95 ms | p99 ms | non-2xx | bytes/answer |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.target} | ${r.connections} | ${r.round} | ${f(r.result.perSecond)} | ${f(r.result.p50)} | ${f(r.result.p95)} | ${f(r.result.p99)} | ${r.result.non2xx} | ${Math.round(r.bytesPerAnswer)} |`,
    );
  }
  lines.push(
    `| raw SQL of the bare rows (prepared, one connection, ${raw.rows} rows) | 1 | - | - | ${f(raw.p50)} | ${f(raw.p95)} | ${f(raw.p99)} | - | - |`,
  );
  return lines.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
