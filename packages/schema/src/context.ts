import type { Database } from '@continuity/db';

/**
 * Who is asking; null for an anonymous request. The same shape as `Viewer` in @continuity/access
 * (being written beside this package; not yet a dependency here): once it is linked, import the
 * type from there instead. The gateway builds it from a verified token; scope-auth and disclosure
 * control (later) read `role` and `organisation`.
 */
export interface Viewer {
  userId: string;
  name: string;
  role: 'policy' | 'council' | 'practice' | 'admin';
  /** 'department' (e.g. 'dfe'), a council's 3-digit DfE code, or a practice id. */
  organisation: { kind: 'department' | 'council' | 'practice'; id: string };
}

/**
 * One per request. Dataloaders are not fields here: the Pothos dataloader plugin keeps them in a
 * cache keyed on this object, so a fresh context per request gives fresh, per-request loaders
 * (nothing cached across viewers).
 */
export interface Context {
  database: Database;
  viewer: Viewer | null;
}

export function createContext(options: { database: Database; viewer?: Viewer | null }): Context {
  return { database: options.database, viewer: options.viewer ?? null };
}
