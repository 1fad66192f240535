import type { CswwReturn } from './csww';
import { dayOf, type Day } from './dates';
import { socialWorkerId } from './identifiers';
import { Rng, type SeedPart } from './random';
import type { Ssda903Return } from './ssda903';

/*
 * Makes a council-year's 903 social worker episodes and its workforce census agree on registration
 * numbers (issue 15, the continuity ledger), as a real council's would, with the mismatches real returns
 * carry. The two generators draw workers independently; this pass, run where both are generated
 * together (generateCouncilYear), renames each 903 worker:
 * - a worker the child lost because the worker left the role (the next episode's SW_REASON is LEFTRL)
 *   becomes, where the census has one, an employed leaver whose RoleEndDate is within LEFT_WITHIN_DAYS
 *   of the change; failing that, when the change falls in the census year, a leaver no child has lost yet,
 *   whose RoleEndDate becomes the day of the change (leavers' number and FTE, hence turnover, unchanged);
 * - any other worker becomes an employed or agency worker in post at the census date, chosen by the
 *   worker's own number, so the same worker keeps the same number across children and across years
 *   (the census numbers its in-post workers from 0 each year);
 * - a few workers are recorded as "XX" (unknown), mistyped (a digit dropped) or are agency workers the
 *   census does not hold (numbers beyond it), in the shares below.
 * Distinct workers stay distinct within a child, so the 3+ social workers figure is unchanged.
 */
const LEFT_WITHIN_DAYS = 45;
export const MISMATCH_SHARES = { unknown: 0.02, typo: 0.015, absentAgency: 0.03 } as const;

export function linkRegistrationNumbers(seed: SeedPart, ssda903: Ssda903Return, csww: CswwReturn): void {
  const council = ssda903.councilCode;
  const inPost = csww.workers.filter((w) => w.roleEndDate === null).map((w) => w.sweNo);
  const leaverRecords = csww.workers.filter((w) => w.agencyWorker === '0' && w.roleEndDate !== null);
  const leavers = leaverRecords.map((w) => ({ sweNo: w.sweNo, left: w.roleEndDate as Day, claimed: false, record: w }));
  // The census year: leavers' dates may be moved within it (the census's own figures do not change).
  const censusStart = dayOf(csww.censusYear - 1, 10, 1);
  const censusEnd = dayOf(csww.censusYear, 9, 30) - 1;
  if (inPost.length === 0) return;

  /** The stable name of an original worker: its census twin, or a deliberate mismatch. */
  const stable = new Map<string, string>();
  const stableName = (original: string): string => {
    let name = stable.get(original);
    if (name !== undefined) return name;
    const r = new Rng(seed, 'registration', council, original);
    const u = r.next();
    const { unknown, typo, absentAgency } = MISMATCH_SHARES;
    const twin = inPost[r.int(0, inPost.length - 1)] as string;
    if (u < unknown) name = 'XX';
    else if (u < unknown + typo) name = twin.slice(0, -2) + twin.slice(-1);
    else if (u < unknown + typo + absentAgency) name = socialWorkerId(council, 8_000_000 + r.int(0, 999_999));
    else name = twin;
    stable.set(original, name);
    return name;
  };

  for (const child of ssda903.children) {
    const eps = child.swEpisodes;
    if (eps.length === 0) continue;
    const given = new Map<string, string>();
    const used = new Set<string>();
    for (let i = 0; i < eps.length; i++) {
      const ep = eps[i]!;
      const original = ep.swId;
      let name = given.get(original);
      if (name === undefined) {
        const next = eps[i + 1];
        const change = next && next.swReason === 'LEFTRL' ? next.swDecom : null;
        const near =
          change === null
            ? []
            : leavers.filter((l) => Math.abs(l.left - change) <= LEFT_WITHIN_DAYS && !used.has(l.sweNo));
        const free =
          change !== null && change >= censusStart && change <= censusEnd
            ? leavers.find((l) => !l.claimed && !used.has(l.sweNo))
            : undefined;
        if (near.length) {
          const l = near[new Rng(seed, 'leaver', council, child.child, i).int(0, near.length - 1)]!;
          l.claimed = true;
          name = l.sweNo;
        } else if (free && change !== null) {
          // A leaver no child has lost yet leaves on the day of this change: the census then agrees with the 903.
          free.claimed = true;
          free.left = change;
          free.record.roleEndDate = change;
          if (free.record.roleStartDate !== null && free.record.roleStartDate >= change)
            free.record.roleStartDate = change - 30;
          name = free.sweNo;
        } else name = stableName(original);
        // distinct workers stay distinct within the child ("XX" may repeat, as in real returns)
        const start = Math.max(0, inPost.indexOf(name));
        for (let k = 1; name !== 'XX' && used.has(name) && k <= inPost.length; k++)
          name = inPost[(start + k) % inPost.length] as string;
        if (name !== 'XX' && used.has(name)) name = socialWorkerId(council, 8_000_000 + i);
        given.set(original, name);
        used.add(name);
      }
      ep.swId = name;
    }
  }
}
