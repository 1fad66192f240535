import {
  councils,
  pilotCouncils as pilotCouncilsTable,
  pilotWaves as pilotWavesTable,
  practiceCouncils,
  practices,
  regions,
  statisticalNeighbours,
  updateFromExcluded,
  type Db,
} from '@continuity/db';
import { councilsFromLookup, LONDON_REGION, regionsFrom, type CouncilRow } from './councils';
import { neighboursFromModel } from './neighbours';
import { pilotCouncils, pilotPractices, pilotWaves } from './pilots';
import type { PseudonymSecret } from '@continuity/access';
import { practicePseudonyms } from './pseudonyms';
import { tableCache } from './tables';
import type { Row } from './subject';

const LOOKUP_FILE = 'reference/la_code_lookup_derived_from_ees.csv';
const NEIGHBOURS_FILE = 'reference/sn_model_2025_wide.csv';
const NEIGHBOUR_MODEL = '2025';
/** The lookup lists London councils under Inner/Outer London only; DfE's Regional rows name London itself. */
const REGIONS_FILE = 'ees_workforce/csww_indicators_2017_to_2025.csv';

export interface ReferenceOptions {
  /** The server's pseudonym secret (PSEUDONYM_SECRET or .data/pseudonym-secret); tests pass a fixed one. */
  pseudonymSecret: PseudonymSecret;
}

export interface ReferenceSummary {
  regions: number;
  councils: number;
  neighbours: number;
  pilotWaves: number;
  pilotCouncils: number;
  practices: number;
}

/**
 * Loads regions, councils, statistical neighbours (2025 model), the pilot waves, pilot councils and
 * pilot practices, in one transaction. Loading again changes nothing; practices keep the pseudonym they
 * were first given (legacy unkeyed ones excepted: see pseudonyms.ts).
 */
export async function loadReference(
  db: Db,
  options: ReferenceOptions,
  table: (file: string) => readonly Row[] = tableCache(),
): Promise<ReferenceSummary> {
  const lookup = table(LOOKUP_FILE);
  const councilRows = councilsFromLookup(lookup);
  const regionRows = regionsFrom([
    ...lookup,
    ...table(REGIONS_FILE).filter((row) => row.geographic_level === 'Regional'),
  ]);
  const neighbourRows = neighboursFromModel(table(NEIGHBOURS_FILE), NEIGHBOUR_MODEL);
  check(lookup, councilRows, new Set(regionRows.map((r) => r.code)), neighbourRows);

  const waveStart = new Map(pilotWaves.map((w) => [w.wave, w.started]));

  await db.transaction(async (tx) => {
    const existing = await tx.select({ id: practices.id, pseudonym: practices.pseudonym }).from(practices);
    const pseudonyms = practicePseudonyms(
      options.pseudonymSecret,
      pilotPractices.map((p) => p.id),
      new Map(existing.map((p) => [p.id, p.pseudonym])),
    );
    await tx
      .insert(regions)
      .values(regionRows)
      .onConflictDoUpdate({ target: regions.code, set: updateFromExcluded(regions, ['name']) });
    await tx
      .insert(councils)
      .values(councilRows)
      .onConflictDoUpdate({
        target: councils.code,
        set: updateFromExcluded(councils, ['onsCode', 'name', 'regionCode', 'firstPeriod', 'lastPeriod']),
      });
    await tx
      .insert(statisticalNeighbours)
      .values(neighbourRows)
      .onConflictDoUpdate({
        target: [statisticalNeighbours.councilCode, statisticalNeighbours.model, statisticalNeighbours.position],
        set: updateFromExcluded(statisticalNeighbours, ['neighbourCode', 'closeness']),
      });
    await tx
      .insert(pilotWavesTable)
      .values(pilotWaves.map(({ wave, name, startYear, description }) => ({ wave, name, startYear, description })))
      .onConflictDoUpdate({
        target: pilotWavesTable.wave,
        set: updateFromExcluded(pilotWavesTable, ['name', 'startYear', 'description']),
      });
    await tx
      .insert(pilotCouncilsTable)
      .values(
        pilotCouncils.map((c) => ({
          wave: c.wave,
          councilCode: c.code,
          withdrew: c.withdrew ?? null,
          note: c.note ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [pilotCouncilsTable.wave, pilotCouncilsTable.councilCode],
        set: updateFromExcluded(pilotCouncilsTable, ['withdrew', 'note']),
      });
    await tx
      .insert(practices)
      .values(
        pilotPractices.map((p) => ({
          id: p.id,
          name: p.name,
          model: null, // not recorded in the sources held (see pilots.ts)
          wave: p.wave,
          started: waveStart.get(p.wave) ?? null,
          ended: p.ended ?? null,
          pseudonym: pseudonyms.get(p.id)!,
        })),
      )
      .onConflictDoUpdate({
        target: practices.id,
        // pseudonym: the same one unless it was a legacy one being replaced.
        set: updateFromExcluded(practices, ['name', 'wave', 'started', 'ended', 'pseudonym']),
      });
    await tx
      .insert(practiceCouncils)
      .values(pilotPractices.flatMap((p) => p.councils.map((councilCode) => ({ practiceId: p.id, councilCode }))))
      .onConflictDoNothing();
  });

  return {
    regions: regionRows.length,
    councils: councilRows.length,
    neighbours: neighbourRows.length,
    pilotWaves: pilotWaves.length,
    pilotCouncils: pilotCouncils.length,
    practices: pilotPractices.length,
  };
}

/** Fails before writing anything when the files and the pilot data disagree. */
function check(
  lookup: readonly Row[],
  councilRows: readonly CouncilRow[],
  regionCodes: ReadonlySet<string>,
  neighbours: ReturnType<typeof neighboursFromModel>,
): void {
  const codes = new Set(councilRows.map((c) => c.code));
  if (!regionCodes.has(LONDON_REGION)) throw new Error(`region ${LONDON_REGION} (London) not found in ${REGIONS_FILE}`);
  for (const c of councilRows) {
    if (!regionCodes.has(c.regionCode)) throw new Error(`council ${c.code} is in unknown region ${c.regionCode}`);
  }
  const onsCodes = new Set(councilRows.map((c) => c.onsCode));
  if (onsCodes.size !== councilRows.length) throw new Error('two councils share an ONS code');
  for (const n of neighbours) {
    if (!codes.has(n.councilCode) || !codes.has(n.neighbourCode)) {
      throw new Error(`statistical neighbour ${n.councilCode} -> ${n.neighbourCode} is not a known council`);
    }
  }
  for (const p of pilotCouncils) {
    if (!lookup.some((row) => row.old_la_code === p.code && row.la_name === p.name)) {
      throw new Error(`pilot council ${p.code} is not "${p.name}" in ${LOOKUP_FILE}`);
    }
  }
  const pilots = new Set(pilotCouncils.map((p) => p.code));
  for (const p of pilotPractices) {
    for (const code of p.councils) {
      if (!pilots.has(code)) throw new Error(`practice ${p.id} serves ${code}, which is not a pilot council`);
    }
  }
}
