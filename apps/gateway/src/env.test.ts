import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv, repoRoot } from './env';

describe('parseEnv', () => {
  it('defaults to PGlite under the repository root, port 4000, development', () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: undefined,
      DATA_DIR: join(repoRoot, '.data/pglite'),
      PORT: 4000,
      HOST: undefined,
      NODE_ENV: 'development',
    });
  });

  it('reads and coerces what is set, treating blanks as unset', () => {
    expect(
      parseEnv({ DATABASE_URL: 'postgres://u@db:5432/x', DATA_DIR: '/var/data', PORT: '0', NODE_ENV: 'production', HOST: '' }),
    ).toEqual({ DATABASE_URL: 'postgres://u@db:5432/x', DATA_DIR: '/var/data', PORT: 0, HOST: undefined, NODE_ENV: 'production' });
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    expect(() => parseEnv({ PORT: 'eighty', NODE_ENV: 'staging' })).toThrow(/PORT.*NODE_ENV|NODE_ENV.*PORT/);
  });
});
