/**
 * Read-your-writes across gateways and a lagging read replica: the gateway answers every write (an
 * upload, a mutation) with the commit position of the primary's WAL (`X-Commit-Lsn`, and `commitLsn`
 * on a streamed upload's result line). The dashboard keeps the latest one for the session and sends
 * it on every GraphQL request as `X-Min-Lsn`, so the gateway answering (whichever copy it is) reads
 * from the standby only once it has replayed past that position, or else from the primary. Without
 * it, a user who has just imported could be shown the figures from before their import.
 *
 * Kept in sessionStorage (this tab, gone when it closes) and forgotten at sign-in and sign-out: a
 * position is a user's own. Only the latest position is kept (positions only grow).
 */

/** A PostgreSQL LSN as the gateway writes it: two hexadecimal halves, e.g. 0/1A2B3C4. */
const LSN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;
const STORAGE_KEY = 'continuity.commitLsn';

export type PositionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The position as a number (the two halves are the high and low 32 bits); null when it is not an LSN. */
export function lsnValue(text: string): bigint | null {
  const m = LSN.exec(text.trim());
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : null;
}

export interface CommitPositions {
  /** Keeps `lsn` if it is an LSN past the one kept; anything else (absent, malformed) is ignored. */
  remember(lsn: string | null | undefined): void;
  /** The position the next reads must see, or null when this session has written nothing. */
  current(): string | null;
  forget(): void;
}

function memoryStorage(): PositionStorage {
  const values = new Map<string, string>();
  return {
    getItem: (k) => values.get(k) ?? null,
    setItem: (k, v) => void values.set(k, v),
    removeItem: (k) => void values.delete(k),
  };
}

export function commitPositions(storage: PositionStorage = memoryStorage()): CommitPositions {
  const read = (): string | null => {
    try {
      const kept = storage.getItem(STORAGE_KEY);
      return kept !== null && lsnValue(kept) !== null ? kept : null;
    } catch {
      return null;
    }
  };
  return {
    remember(lsn) {
      if (typeof lsn !== 'string') return;
      const value = lsnValue(lsn);
      if (value === null) return;
      const kept = read();
      if (kept !== null && lsnValue(kept)! >= value) return;
      try {
        storage.setItem(STORAGE_KEY, lsn.trim().toUpperCase());
      } catch {
        // storage full or refused: reads may then show figures a moment old, nothing worse
      }
    },
    current: read,
    forget() {
      try {
        storage.removeItem(STORAGE_KEY);
      } catch {
        // nothing kept
      }
    },
  };
}

function sessionStore(): PositionStorage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}

/** This tab's positions: the GraphQL client, the upload and the session share them. */
export const sessionCommitPositions: CommitPositions = commitPositions(sessionStore());
