/** The INDIGO export of one contract the viewer may read (project.ts), from its latest terms and issued statements. */
import type { Viewer } from '@continuity/access';
import type { Database } from '@continuity/db';
import type { StatementDocument } from '../document';
import { readDefinitions } from '../facts';
import { getContract, getStatements, listStatements, listVersions } from '../service';
import { indigoProject } from './project';

export async function indigoExport(database: Database, viewer: Viewer, contractId: number) {
  const contract = await getContract(database, viewer, contractId);
  if (!contract) return null;
  const terms = (await listVersions(database, viewer, contractId))!.at(-1)!.terms;
  // the latest revision of each year: a superseded statement was replaced
  const current = (await listStatements(database, viewer, { contractId })).filter((s) => s.supersededById === null);
  const documents = (
    await getStatements(
      database,
      viewer,
      current.map((s) => s.id),
    )
  ).map((s) => JSON.parse(s.document) as StatementDocument);
  const ids = [
    ...terms.indicators.map((t) => t.indicatorId),
    ...(terms.rateCard?.rates ?? []).map((r) => r.indicatorId),
  ];
  const definitions = [...(await readDefinitions(database.db, ids)).values()].map((d) => ({
    id: d.id,
    title: d.title,
  }));
  return indigoProject(contract, terms, definitions, documents);
}
