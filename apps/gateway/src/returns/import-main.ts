/**
 * `npm run import -- <folders or files>`: the import command's entry point (cli.ts holds the command).
 * A file of its own so the production build has an entry for it (build.ts) and tests import cli.ts freely.
 */
import { runImportCli } from './cli';

const code = await runImportCli(process.argv.slice(2), {
  // biome-ignore lint/style/noProcessEnv: the entry point hands the environment to env.ts's parseEnv
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // biome-ignore lint/style/noProcessEnv: npm's INIT_CWD, where the user ran `npm run import` (not a setting)
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
process.exitCode = code;
