/**
 * Who may do what with contracts and statements (issue 6, on the roles of @continuity/access):
 * - council: manages (creates, amends, previews under changed terms, issues) and reads the contracts
 *   it holds, i.e. contracts of its own council with practices that serve it; full figures.
 * - practice: reads its own contracts and statements, full figures; manages nothing.
 * - policy and admin: read every contract and statement; they own no figures, so the practice's
 *   child-derived figures in a statement reach them disclosure-controlled (disclose.ts) and the
 *   frozen document itself (whose bytes would carry the raw counts) is not served to them.
 * - an inconsistent viewer (role and organisation disagree): nothing.
 * A contract a viewer may not read is reported as not found, exactly as one that does not exist.
 */
import { sql, type SQL } from 'drizzle-orm';
import { isConsistentViewer, type Viewer } from '@continuity/access';

export interface ContractParties {
  councilCode: string;
  practiceId: string;
}

export function canReadContract(viewer: Viewer, contract: ContractParties): boolean {
  if (!isConsistentViewer(viewer)) return false;
  switch (viewer.role) {
    case 'policy':
    case 'admin':
      return true;
    case 'council':
      return contract.councilCode === viewer.organisation.id;
    case 'practice':
      return contract.practiceId === viewer.organisation.id;
  }
}

/** Creating a contract also needs the practice to serve the council (checked against practice_councils). */
export function canManageContract(viewer: Viewer, contract: ContractParties): boolean {
  return isConsistentViewer(viewer) && viewer.role === 'council' && contract.councilCode === viewer.organisation.id;
}

/** Does the viewer own the contract's figures (so sees them unchanged)? The two parties do. */
export function ownsContractFigures(viewer: Viewer, contract: ContractParties): boolean {
  if (!isConsistentViewer(viewer)) return false;
  if (viewer.role === 'council') return contract.councilCode === viewer.organisation.id;
  if (viewer.role === 'practice') return contract.practiceId === viewer.organisation.id;
  return false;
}

/** The same rule as canReadContract, as SQL on a `contracts` row aliased `c`. */
export function readableContractsSql(viewer: Viewer): SQL {
  if (!isConsistentViewer(viewer)) return sql`false`;
  switch (viewer.role) {
    case 'policy':
    case 'admin':
      return sql`true`;
    case 'council':
      return sql`c.council_code = ${viewer.organisation.id}`;
    case 'practice':
      return sql`c.practice_id = ${viewer.organisation.id}`;
  }
}
