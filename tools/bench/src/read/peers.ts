/**
 * PostGraphile v5, the auto-generated GraphQL API a user would point at the same database instead, serving the
 * bare rows of the fact table. Installed once into tools/bench/.peers with a Node 22 binary from the `node@22` npm
 * package (PostGraphile 5.1 needs Promise.withResolvers; this machine's Node is 20), then started on its own port
 * with GraphiQL, watch and explain off.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSIONS = { postgraphile: '5.1.5', filter: '4.0.1', node: '22' };

export interface Peer {
  url: string;
  version: string;
  stop(): Promise<void>;
}

function install(dir: string, log: (line: string) => void): void {
  if (existsSync(join(dir, 'node_modules/postgraphile')) && existsSync(join(dir, 'node_modules/node/bin/node'))) return;
  log(`installing postgraphile@${VERSIONS.postgraphile} and node@${VERSIONS.node} into ${dir}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'continuity-bench-peers', private: true, type: 'module' }),
  );
  const run = spawnSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `postgraphile@${VERSIONS.postgraphile}`,
      `postgraphile-plugin-connection-filter@${VERSIONS.filter}`,
      `node@${VERSIONS.node}`,
    ],
    { cwd: dir, stdio: 'inherit' },
  );
  if (run.status !== 0) throw new Error('npm install of the peers failed');
}

export async function startPostGraphile(
  dir: string,
  databaseUrl: string,
  port: number,
  log: (line: string) => void,
): Promise<Peer> {
  install(dir, log);
  // Filtering on any column (the fact table's index leads with indicator_id only), as the measurement did.
  writeFileSync(
    join(dir, 'server.mjs'),
    `import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';
const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: process.env.PEER_DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).then(() => server.listen(Number(process.env.PEER_PORT), '127.0.0.1', () => console.log('listening')));
`,
  );
  const node = join(dir, 'node_modules/node/bin/node');
  const child: ChildProcess = spawn(node, ['server.mjs'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      GRAPHILE_ENV: 'production',
      NODE_ENV: 'production',
      PEER_DATABASE_URL: databaseUrl,
      PEER_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`PostGraphile exited:\n${output}`);
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      return {
        url,
        version: VERSIONS.postgraphile,
        stop: async () => {
          if (child.exitCode === null) {
            child.kill('SIGTERM');
            await new Promise((resolve) => child.once('exit', resolve));
          }
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`PostGraphile did not answer:\n${output}`);
}

/** The bare rows the comparison chart is drawn from: one indicator, the chosen councils, every period. */
export function peerQuery(indicatorId: string, councils: readonly string[]): string {
  return JSON.stringify({
    query: `query PeerRows($ind: String!, $ids: [String!]!) {
  allIndicatorValues(condition: { indicatorId: $ind, subjectKind: council }, filter: { subjectId: { in: $ids } }, orderBy: [SUBJECT_ID_ASC, PERIOD_ASC]) {
    nodes { subjectId period source value numerator denominator symbol }
  }
}`,
    variables: { ind: indicatorId, ids: councils },
  });
}
