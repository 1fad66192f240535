/** Which journeys each role has, and where a role lands after signing in. */
import type { Role, Session } from './session';

export type Journey = 'compare' | 'shortages' | 'benchmark' | 'returns' | 'payments';

export const JOURNEY_PATHS: Readonly<Record<Journey, string>> = {
  compare: '/',
  shortages: '/shortages',
  benchmark: '/benchmark',
  returns: '/returns',
  payments: '/payments',
};

/**
 * Policy staff compare pilots and may open any council's shortage monitor or any practice's
 * benchmark; a council's director watches its shortages and sends returns; a practice benchmarks
 * itself and sends returns. Everyone can compare pilots (published figures are public).
 */
export function journeysFor(role: string): Journey[] {
  switch (role) {
    case 'council':
      return ['shortages', 'compare', 'returns', 'payments'];
    case 'practice':
      return ['benchmark', 'compare', 'returns', 'payments'];
    case 'policy':
      return ['compare', 'shortages', 'benchmark', 'payments'];
    case 'admin':
      return ['compare', 'shortages', 'benchmark'];
    default:
      return ['compare'];
  }
}

/** The signed-in user's own organisation when their role is `role` (a council's or practice's staff see only their own). */
export function ownOrganisationId(session: Session | null, role: Role): string | null {
  return session?.user.role === role ? (session.user.organisation?.id ?? null) : null;
}

export function homePath(session: Session | null): string {
  const first = session ? journeysFor(session.user.role)[0] : undefined;
  return first ? JOURNEY_PATHS[first] : '/';
}

/** A `next` parameter is followed only to a path inside this site (no `//host` or scheme). */
export function safeNext(raw: string | null): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  if (raw.startsWith('/sign-in') || raw.startsWith('/sign-out')) return null;
  return raw;
}
