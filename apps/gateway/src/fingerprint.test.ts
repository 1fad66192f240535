import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { publishedFingerprint } from './fingerprint';

describe('publishedFingerprint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuity-fingerprint-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'data/ees_cla'), { recursive: true });
  writeFileSync(join(dir, 'src/load.ts'), 'export {}');
  writeFileSync(join(dir, 'data/ees_cla/a.csv'), 'time_period\n2024\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is stable, ignores tests, and changes with a data file or the loader code', () => {
    const first = publishedFingerprint(dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    writeFileSync(join(dir, 'src/load.test.ts'), 'it()');
    expect(publishedFingerprint(dir)).toBe(first);
    writeFileSync(join(dir, 'data/ees_cla/a.csv'), 'time_period\n2025\n');
    const second = publishedFingerprint(dir);
    expect(second).not.toBe(first);
    writeFileSync(join(dir, 'src/load.ts'), 'export const x = 1');
    expect(publishedFingerprint(dir)).not.toBe(second);
  });
});
