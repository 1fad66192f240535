/** Words for the directory's and the audit log's codes, as people say them. */
import type { OrganisationKind, Role } from '../../graphql/generated';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  POLICY: 'Department policy',
  COUNCIL: 'Council staff',
  PRACTICE: 'Practice staff',
  ADMIN: 'Administrator',
};

export const KIND_LABELS: Readonly<Record<OrganisationKind, string>> = {
  DEPARTMENT: 'Department',
  COUNCIL: 'Council',
  PRACTICE: 'Social work practice',
};

/** The organisation kind each role belongs to (the API refuses any other). */
export const ROLE_KIND: Readonly<Record<Role, OrganisationKind>> = {
  POLICY: 'DEPARTMENT',
  ADMIN: 'DEPARTMENT',
  COUNCIL: 'COUNCIL',
  PRACTICE: 'PRACTICE',
};

const ACTION_LABELS: Readonly<Record<string, string>> = {
  read: 'Read figures',
  submit: 'Sent a return',
  create_user: 'Created a user',
  create_organisation: 'Created an organisation',
  disable_user: 'Disabled a user',
  enable_user: 'Enabled a user',
  move_user: "Changed a user's organisation",
  create_contract: 'Created a contract',
  amend_contract_terms: "Changed a contract's terms",
  issue_statement: 'Issued a statement',
};

/** The audit actions offered as a filter, in this order. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(ACTION_LABELS);

/** An audit action in words; an action this page does not know is shown as recorded. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The audit log's lower-case role ('council') in words. */
export function roleLabelOf(role: string): string {
  return ROLE_LABELS[role.toUpperCase() as Role] ?? role;
}

/** "2026-12-04T19:35:01.000Z" as "4 December 2026, 19:35:01 UTC" (the log is kept in UTC). */
export function auditTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const date = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = at.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'UTC',
  });
  return `${date}, ${time} UTC`;
}

export interface Names {
  users: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, string>;
  indicators: ReadonlyMap<string, string>;
}

const RETURN_KINDS: Readonly<Record<string, string>> = { ssda903: 'SSDA903 return', csww: 'Workforce census return' };

/**
 * What an audit entry is about, in words: "user:jo" -> "Jo Smith (user)", "series:placements_3plus"
 * -> the indicator's title, "ssda903:886:2025" -> "SSDA903 return, Kent, 2025". Unknown forms are
 * shown as recorded.
 */
export function targetLabel(target: string | null, names: Names): string {
  if (!target) return '';
  const [kind, ...rest] = target.split(':');
  const id = rest.join(':');
  const council = (code: string) => names.organisations.get(`council-${code}`) ?? `council ${code}`;
  switch (kind) {
    case 'user':
      return `${names.users.get(id) ?? id} (user)`;
    case 'organisation':
      return `${names.organisations.get(id) ?? id} (organisation)`;
    case 'series':
      return `Figures: ${names.indicators.get(id) ?? id}`;
    case 'reconciliation':
      return `Reconciliation, ${council(id)}`;
    case 'contract':
      return `Contract ${id}`;
    case 'statement':
      return `Statement ${id}`;
    case 'continuityLedger':
      return 'Continuity ledger';
    default: {
      const returnKind = kind ? RETURN_KINDS[kind] : undefined;
      if (returnKind && rest.length === 2) return `${returnKind}, ${council(rest[0]!)}, ${rest[1]}`;
      return target;
    }
  }
}
