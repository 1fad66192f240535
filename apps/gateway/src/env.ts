import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root: relative paths in the environment are read from here, not from the cwd turbo picks. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const blankAsMissing = (value: unknown) => (value === '' ? undefined : value);

const schema = z.object({
  /** PostgreSQL connection string; absent means the embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.preprocess(blankAsMissing, z.string().url().optional()),
  DATA_DIR: z.preprocess(blankAsMissing, z.string().default('.data/pglite')),
  PORT: z.preprocess(blankAsMissing, z.coerce.number().int().min(0).max(65535).default(4000)),
  /** Interface to listen on; absent means all of them (what a container needs). */
  HOST: z.preprocess(blankAsMissing, z.string().optional()),
  NODE_ENV: z.preprocess(blankAsMissing, z.enum(['development', 'test', 'production']).default('development')),
});

export type Env = Omit<z.infer<typeof schema>, 'DATA_DIR'> & { DATA_DIR: string };

/** Validates the environment; throws one error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const { DATA_DIR, ...rest } = parsed.data;
  return { ...rest, DATA_DIR: isAbsolute(DATA_DIR) ? DATA_DIR : resolve(repoRoot, DATA_DIR) };
}

let cached: Env | undefined;

/** The process environment, validated once on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
