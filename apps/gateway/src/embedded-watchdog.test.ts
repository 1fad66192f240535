import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@continuity/db';
import { deadDatabaseMessage, probe, watchEmbeddedDatabase } from './embedded-watchdog';

/*
 * A PGlite that can no longer answer is made here by closing it (what a PANIC after a full disk leaves: an
 * instance every query fails on). The real full disk, on a small tmpfs, is in the fault suite (npm run faults).
 */
describe('the embedded database watchdog', () => {
  it('passes a live database and reports a dead one once, with the reason', async () => {
    const database = await openDatabase({ migrate: false });
    expect(await probe(database, 10_000)).toBeNull();
    const dead: string[] = [];
    const stop = watchEmbeddedDatabase(database, { timeoutMs: 10_000, intervalMs: 20, onDead: (r) => dead.push(r) });
    await database.close();
    // Bounded: the next probes run every 20 ms; the first failing one reports.
    for (let i = 0; i < 250 && dead.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatch(/closed/i);
  });

  it('kills a process whose main thread is stuck (as PGlite was, spinning after a full disk), saying why', async () => {
    const module = fileURLToPath(new URL('./embedded-watchdog.ts', import.meta.url));
    // The child blocks its own main thread for at most 60 s: the watcher (timeout 2 s) must end it first.
    const code = `const { watchEventLoop } = await import(${JSON.stringify(module)});
      watchEventLoop(2000, (r) => 'stuck: ' + r);
      setTimeout(() => { const end = Date.now() + 60000; while (Date.now() < end) {} console.log('survived'); }, 1500);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((r) =>
      child.once('exit', (c, s) => r([c, s])),
    );
    expect(signal).toBe('SIGKILL');
    expect(exitCode).toBeNull();
    expect(out).toMatch(/stuck: the main thread has not run for \d+ s/);
    expect(out).not.toContain('survived');
  });

  it('says what happened, what the exit code is for and what to do', () => {
    const message = deadDatabaseMessage('/data/pglite', 'PGlite is closed');
    expect(message).toContain('/data/pglite');
    expect(message).toContain('code 75');
    expect(message).toMatch(/free space/);
  });
});
