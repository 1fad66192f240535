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

  it('says what happened, what the exit code is for and what to do', () => {
    const message = deadDatabaseMessage('/data/pglite', 'PGlite is closed');
    expect(message).toContain('/data/pglite');
    expect(message).toContain('code 75');
    expect(message).toMatch(/free space/);
  });
});
