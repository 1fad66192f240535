/**
 * Fake identifiers: child ids, postcodes, Ofsted URNs and social worker numbers. All are well formed
 * and deterministic, none is real (postcodes and URNs are made up from a format, not looked up).
 */
import { hashParts, type Rng } from './random';

/**
 * A pseudonymous CHILD id for the council's k-th child: an 8-digit number from a bijection of k
 * (multiplication by a number coprime to the range plus a council-specific offset), so ids are unique
 * within a council, never start with 0 and do not reveal the order children came into care.
 */
export function childId(councilKey: number, k: number): string {
  const RANGE = 90_000_000;
  const A = 48_271; // coprime with 90,000,000 (= 2^7 * 3^2 * 5^7)
  const kk = ((k % RANGE) + RANGE) % RANGE;
  const v = (kk * A + (councilKey % RANGE)) % RANGE;
  return String(10_000_000 + v);
}

/** A stable integer key for a council (or any string). */
export function stringKey(s: string): number {
  return hashParts([s])[0];
}

/** Postcode areas used for fake postcodes (real area letters; districts and sectors are made up). */
const POSTCODE_AREAS = [
  'B',
  'BB',
  'BD',
  'BL',
  'BN',
  'BS',
  'CT',
  'CV',
  'DE',
  'DN',
  'DY',
  'HU',
  'L',
  'LE',
  'LS',
  'M',
  'ME',
  'NE',
  'NG',
  'NN',
  'OL',
  'PE',
  'PR',
  'S',
  'SR',
  'ST',
  'TN',
  'UB',
  'WF',
  'WS',
  'WV',
  'YO',
] as const;
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** The council's home postcode areas: two areas chosen from its key. */
export function councilAreas(councilKey: number): [string, string] {
  const n = POSTCODE_AREAS.length;
  const a = councilKey % n;
  const b = (a + 1 + ((councilKey >>> 8) % (n - 1))) % n;
  return [POSTCODE_AREAS[a] as string, POSTCODE_AREAS[b] as string];
}

/** A well-formed fake postcode, e.g. "LS12 4QT"; mostly in the given areas, sometimes elsewhere. */
export function fakePostcode(rng: Rng, areas: readonly [string, string], awayShare = 0.25): string {
  const area = rng.bernoulli(awayShare) ? rng.pick(POSTCODE_AREAS) : rng.bernoulli(0.7) ? areas[0] : areas[1];
  const district = rng.int(1, area.length === 1 ? 29 : 19);
  const sector = rng.int(0, 9);
  const l1 = INWARD_LETTERS[rng.int(0, INWARD_LETTERS.length - 1)] as string;
  const l2 = INWARD_LETTERS[rng.int(0, INWARD_LETTERS.length - 1)] as string;
  return `${area}${district} ${sector}${l1}${l2}`;
}

/**
 * Fake Ofsted URNs. Children's homes, secure homes and residential schools look like "SC123456";
 * fostering and adoption agencies and supported accommodation are 7-digit numbers. A council has a
 * fixed pool of providers, so children placed with the same provider share its URN.
 */
export type UrnKind = 'home' | 'secure' | 'school' | 'fostering' | 'adoption' | 'supported' | 'family';

const URN_POOL_SIZE: Record<UrnKind, number> = {
  home: 400,
  secure: 14,
  school: 60,
  fostering: 120,
  adoption: 40,
  supported: 150,
  family: 30,
};
const URN_KIND_INDEX: Record<UrnKind, number> = {
  home: 1,
  secure: 2,
  school: 3,
  fostering: 4,
  adoption: 5,
  supported: 6,
  family: 7,
};

export function fakeUrn(kind: UrnKind, regionKey: number, index: number): string {
  const slot = index % URN_POOL_SIZE[kind];
  const h = hashParts([regionKey, URN_KIND_INDEX[kind], slot])[0];
  switch (kind) {
    case 'home':
    case 'secure':
    case 'school':
    case 'family':
      return `SC${String(100_000 + (h % 900_000))}`;
    case 'fostering':
    case 'adoption':
      return String(1_000_000 + (h % 900_000));
    case 'supported':
      return String(2_000_000 + (h % 900_000));
  }
}

export function urnPoolSize(kind: UrnKind): number {
  return URN_POOL_SIZE[kind];
}

/**
 * A social worker's number: "SW" + 3-digit council code + 7-digit index. It fits both the 903 SW_ID
 * rule (begins "SW", rule SW02STG1) and the CSWW SWENo pattern ([A-Za-z]{2}\d{10}), so a council's 903
 * social worker episodes and its workforce census use the same numbers for the same index.
 */
export function socialWorkerId(councilCode: string, index: number): string {
  const code = /^\d{3}$/.test(councilCode) ? councilCode : String(stringKey(councilCode) % 1000).padStart(3, '0');
  return `SW${code}${String(index % 10_000_000).padStart(7, '0')}`;
}
