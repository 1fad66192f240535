import { isLsn, reachedLsn } from '@continuity/db';

/**
 * Read-your-writes on one gateway: the commit position (WAL LSN) of each user's last write, so that
 * user's next reads wait for the standby to replay past it (or go to the primary). Kept for
 * `keepMs` (the standby has long replayed it by then); across gateways the client carries the
 * position itself: write responses say `X-Commit-Lsn`, reads may send it back as `X-Min-Lsn`.
 */
export class RecentWrites {
  private readonly byUser = new Map<string, { lsn: string; at: number }>();

  constructor(
    private readonly keepMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  record(userId: string, lsn: string): void {
    const previous = this.byUser.get(userId);
    if (previous && reachedLsn(previous.lsn, lsn)) return;
    this.byUser.set(userId, { lsn, at: this.now() });
    if (this.byUser.size > 10_000) this.prune();
  }

  /** The position this user's reads must see: the later of their own last write here and `given`. */
  minLsnFor(userId: string | undefined, given: string | undefined): string | undefined {
    const supplied = given && isLsn(given) ? given.trim() : undefined;
    const entry = userId ? this.byUser.get(userId) : undefined;
    const own = entry && this.now() - entry.at <= this.keepMs ? entry.lsn : undefined;
    if (!own) return supplied;
    if (!supplied) return own;
    return reachedLsn(own, supplied) ? own : supplied;
  }

  private prune(): void {
    const cutoff = this.now() - this.keepMs;
    for (const [user, entry] of this.byUser) if (entry.at < cutoff) this.byUser.delete(user);
  }
}
