import { ageOn, showDate } from '../dates';

/*
 * A deterministic synthetic 903 return of national size, for measuring speed (not for tests of meaning).
 * Children enter care at random dates, move through one to four chained episodes, and about a third leave.
 */

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface GeneratedReturn {
  collectionYear: number;
  files: { name: string; bytes: Uint8Array }[];
  children: number;
  episodes: number;
}

export function generateSsda903Csv(targetEpisodes: number, collectionYear = 2025, seed = 903): GeneratedReturn {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const start = Date.UTC(collectionYear - 1, 3, 1);
  const end = Date.UTC(collectionYear, 2, 31);
  const header = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  const episodes = ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'];
  const reviews = ['CHILD,DOB,REVIEW,REVIEW_CODE'];
  const sw = ['CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON'];
  const oc2 = ['CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED'];
  let n = 0;
  let count = 0;
  while (count < targetEpisodes) {
    n++;
    const child = `C${String(n).padStart(7, '0')}`;
    const dobMs = end - Math.floor((1 + rnd() * 16) * 365.25) * DAY;
    const dob = iso(dobMs);
    header.push(`${child},${pick(['M', 'F'])},${showDate(dob)},${pick(['WBRI', 'WOTH', 'MWBC', 'BAFR', 'AIND', 'OOTH'])},A${String(n).padStart(12, '0')},,`);
    // Entered care between birth and the year end, at most four years before the year began.
    const earliest = Math.max(dobMs + DAY, start - 4 * 365 * DAY);
    let from = earliest + Math.floor(rnd() * ((end - earliest) / DAY)) * DAY;
    const entered = from;
    let left = false;
    const k = 1 + Math.floor(rnd() * 3);
    const leaves = rnd() < 0.35;
    const ls = pick(['C1', 'C2', 'V2', 'E1']);
    const cin = pick(['N1', 'N2', 'N3', 'N4']);
    let inYear = false;
    for (let i = 0; i < k; i++) {
      const last = i === k - 1;
      const to = from + (10 + Math.floor(rnd() * 300)) * DAY;
      const closes = !last || leaves;
      if (closes && to > end) {
        // Keep every date inside the year: this episode stays open.
        episodes.push(`${child},${showDate(iso(from))},${i === 0 ? 'S' : 'P'},${ls},${cin},U1,PR1,,,,AB1 2CD,EF3 4GH,SC123456`);
        count++;
        inYear ||= from <= end;
        break;
      }
      const rec = !closes ? '' : last ? pick(['E11', 'E12', 'E13', 'E4A', 'E41']) : 'X1';
      const reason = closes && !last ? pick(['CARPL', 'CHILD', 'LAREQ', 'OTHER']) : '';
      const place = pick(['U1', 'U4', 'R1', 'K2']);
      episodes.push(
        `${child},${showDate(iso(from))},${i === 0 ? 'S' : 'P'},${ls},${cin},${place},PR${1 + (i % 4)},${closes ? showDate(iso(to)) : ''},${rec},${reason},AB1 2CD,EF${i} 4GH,SC12345${i}`,
      );
      count++;
      inYear ||= (closes ? to : end) >= start;
      left ||= closes && last;
      from = to;
      if (!closes) break;
    }
    if (inYear) {
      const reviewDay = iso(start + Math.floor(rnd() * 300) * DAY);
      const code = ageOn(dob, reviewDay) < 4 ? 'PN0' : pick(['PN1', 'PN2', 'PN3', 'PN4']);
      if (reviewDay >= dob) reviews.push(`${child},${showDate(dob)},${showDate(reviewDay)},${code}`);
      // Looked after for the whole year: the OC2 cohort.
      if (entered <= start && !left) oc2.push(`${child},${showDate(dob)},,SDQ4,,,1,1,1,0,,`);
      sw.push(`${child},${showDate(dob)},SW${n % 5000},${showDate(iso(start - 30 * DAY))},,`);
    }
  }
  const enc = new TextEncoder();
  const file = (name: string, lines: string[]) => ({ name, bytes: enc.encode(lines.join('\r\n') + '\r\n') });
  return {
    collectionYear,
    files: [file('header.csv', header), file('episodes.csv', episodes), file('reviews.csv', reviews), file('sw.csv', sw), file('oc2.csv', oc2)],
    children: n,
    episodes: count,
  };
}
