/** What every payments module shares: the service's errors as the API's, id arguments, audit of writes. */
import type { Viewer } from '@continuity/access';
import { PaymentsError } from '@continuity/payments';
import { recordAudit } from '../../audit';
import type { Context } from '../../context';
import { badInput, forbidden } from '../../errors';

export const MAX_INT = 2_147_483_647;

/** Service errors as the API's: FORBIDDEN keeps its fixed message; the rest say what to fix. */
export async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PaymentsError) {
      if (error.code === 'FORBIDDEN') throw forbidden();
      throw badInput(error.message);
    }
    throw error;
  }
}

/** An id argument as a contract or statement id; anything else matches nothing. */
export function idOf(value: string | number): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 && String(n) === String(value) ? n : null;
}

/** Council writes: open to signed-in viewers at the field level; the service refuses all but the party (header of index.ts). */
export const partyMutation = { skipTypeScopes: true, authScopes: { signedIn: true } } as const;

export async function audit(
  ctx: Context,
  viewer: Viewer,
  action: string,
  target: string,
  detail: Record<string, unknown>,
) {
  await recordAudit(ctx.primary.db, viewer, action, target, detail);
}
