import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplicaRouting, isLsn, parseLsn, reachedLsn } from './replica';
import { openTestDatabase, testEngines } from './testing';
import type { Database } from './open';

describe('WAL positions', () => {
  it('reads "hi/lo" as two 32-bit hex halves', () => {
    expect(parseLsn('0/3016060')).toBe(0x3016060n);
    // 0x16 * 2^32 + 0xB374D848 = 94489280512 + 3010779208
    expect(parseLsn('16/B374D848')).toBe(97_500_059_720n);
    expect(isLsn('16/B374D848')).toBe(true);
    expect(isLsn('16-B374D848')).toBe(false);
    expect(() => parseLsn('nonsense')).toThrow(/Not a WAL position/);
  });

  it('compares by number, not by text', () => {
    // As text "0/A0" < "0/9F"; as positions 0xA0 > 0x9F.
    expect(reachedLsn('0/A0', '0/9F')).toBe(true);
    expect(reachedLsn('0/9F', '0/A0')).toBe(false);
    expect(reachedLsn('1/0', '0/FFFFFFFF')).toBe(true);
    expect(reachedLsn('0/A0', '0/A0')).toBe(true);
  });
});

describe.each(testEngines())('read routing when the read database is not a standby, on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('says so and sends every read to the primary', async () => {
    // A server that is not in recovery (a misconfigured DATABASE_READ_URL) must never take reads meant
    // to be consistent with the primary.
    const routing = createReplicaRouting({ primary: database, replica: database, probeIntervalMs: 0 });
    expect(routing.status().state).toBe('down'); // not measured yet: not trusted
    expect((await routing.forRead()).target).toBe('primary');
    const status = await routing.probe();
    expect(status).toMatchObject({ state: 'not-standby', lagBytes: null });
    expect((await routing.forRead()).target).toBe('primary');
    expect(isLsn(await routing.primaryLsn())).toBe(true);
    routing.stop();
  });
});
