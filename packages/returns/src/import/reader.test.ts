import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerReader, inThreadReader } from './reader';
import type { ReadRequest } from './read';
import { cswwFile, ssda903Files } from './testing';
import { TEST_REGISTRATION_SECRET } from '@continuity/db/testing';

const request = (seed: string, council = '886'): ReadRequest => ({
  key: { kind: 'ssda903', councilCode: council, practiceId: null, collectionYear: 2025 },
  files: ssda903Files(seed, council, 2025, 15),
  submissionId: 41,
  registrationSecret: TEST_REGISTRATION_SECRET,
});

describe('createWorkerReader', () => {
  const reader = createWorkerReader({ size: 2 });
  afterAll(() => reader.close());

  it('reads in worker threads exactly what the calling thread reads, COPY text included', async () => {
    const requests = ['a', 'b', 'c', 'd', 'e'].map((s) => request(s));
    const parsed: number[] = [];
    const [inWorkers, inThread] = await Promise.all([
      Promise.all(requests.map((r) => reader.read(r, (rows) => parsed.push(rows)))),
      Promise.all(requests.map((r) => inThreadReader.read(r))),
    ]);
    const strip = (o: (typeof inWorkers)[number]) => ({ ...o, parseMs: 0, validateMs: 0, prepareMs: 0 });
    expect(inWorkers.map(strip)).toEqual(inThread.map(strip));
    expect(inWorkers.every((o) => o.status === 'valid')).toBe(true);
    expect(parsed).toHaveLength(5);
    const first = inWorkers[0]!;
    if (first.status !== 'valid') throw new Error('unreachable');
    const header = first.tables.find((t) => t.table === 'cla903_header')!;
    expect(header.rows).toBeGreaterThan(0);
    // Every COPY row starts with the reserved submission id, the council and a null practice.
    expect(new TextDecoder().decode(header.chunks[0]).split('\n')[0]).toMatch(/^41\t886\t\\N\t/);
  });

  it('reports unreadable and invalid returns as the calling thread does', async () => {
    const census: ReadRequest = {
      key: { kind: 'csww', councilCode: '886', practiceId: null, collectionYear: 2024 },
      files: [cswwFile('x'), cswwFile('y')],
      submissionId: 1,
      registrationSecret: TEST_REGISTRATION_SECRET,
    };
    const broken: ReadRequest = {
      ...census,
      files: [{ name: 'c.xml', bytes: new TextEncoder().encode('<Message><Header>') }],
    };
    for (const [r, status] of [
      [census, 'unreadable'],
      [broken, 'invalid'],
    ] as const) {
      const [a, b] = [await reader.read(r), await inThreadReader.read(r)];
      expect(a.status).toBe(status);
      expect(a).toEqual({ ...b, parseMs: a.parseMs, validateMs: a.validateMs, prepareMs: a.prepareMs });
    }
  });

  it('sends only the file, not the larger buffer a view sits in', async () => {
    const big = new Uint8Array(1_000_000);
    const bytes = new TextEncoder().encode('not a census');
    big.set(bytes, 500);
    const view = big.subarray(500, 500 + bytes.length);
    const outcome = await reader.read({
      ...request('v'),
      key: { ...request('v').key, kind: 'csww' },
      files: [{ name: 'x.xml', bytes: view }],
    });
    expect(outcome.status).toBe('invalid');
    expect(big.byteLength).toBe(1_000_000); // not transferred away
  });

  it('leaves the event loop free while it reads (the calling thread blocks it)', async () => {
    const big: ReadRequest = { ...request('big'), files: ssda903Files('big', '886', 2025, 3000) };
    const ticksDuring = async (read: () => Promise<unknown>) => {
      let ticks = 0;
      let spinning = true;
      const spin = () => {
        ticks++;
        if (spinning) setImmediate(spin);
      };
      setImmediate(spin);
      const before = ticks;
      await read();
      spinning = false;
      return ticks - before;
    };
    await reader.read(big); // threads started and warm
    expect(await ticksDuring(() => inThreadReader.read(big))).toBeLessThanOrEqual(1);
    expect(await ticksDuring(() => reader.read(big))).toBeGreaterThan(10);
  });

  it('refuses reads once closed', async () => {
    const other = createWorkerReader({ size: 1 });
    await other.read(request('z'));
    await other.close();
    await expect(other.read(request('z'))).rejects.toThrow(/closed/);
  });
});
