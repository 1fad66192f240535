/**
 * How a viewer's organisation (kind + the subject it is: a council code, a practice id, or the
 * Department's slug) maps to a row of the `organisations` table, whose ids are one namespace.
 */
import type { Organisation, OrganisationKind } from './viewer';

/** 'dfe' for the Department, 'council-886', 'practice-swp-kent'. */
export function organisationRecordId(organisation: Organisation): string {
  return organisation.kind === 'department' ? organisation.id : `${organisation.kind}-${organisation.id}`;
}

/** The inverse of organisationRecordId for a row: what a viewer of that organisation carries. */
export function organisationOfRecord(row: {
  id: string;
  kind: OrganisationKind;
  subjectId: string | null;
}): Organisation {
  return { kind: row.kind, id: row.kind === 'department' ? row.id : (row.subjectId ?? row.id) };
}
