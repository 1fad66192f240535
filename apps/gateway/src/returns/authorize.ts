import { eq } from 'drizzle-orm';
import { practiceCouncils, type Db } from '@continuity/db';
import type { Viewer } from '@continuity/schema';

/** The return a viewer asks to submit. */
export interface SubmissionTarget {
  councilCode: string;
  practiceId: string | null;
}

/** Which councils a practice serves (the practice_councils table). */
export type CouncilsServedBy = (practiceId: string) => Promise<readonly string[]>;

export function councilsServedBy(db: Db): CouncilsServedBy {
  return async (practiceId) =>
    (
      await db
        .select({ councilCode: practiceCouncils.councilCode })
        .from(practiceCouncils)
        .where(eq(practiceCouncils.practiceId, practiceId))
    ).map((r) => r.councilCode);
}

/** Only council and practice users submit returns (policy and admin read; they never write child-level data). */
export function maySubmitAtAll(viewer: Viewer): boolean {
  return (
    (viewer.role === 'council' && viewer.organisation.kind === 'council') ||
    (viewer.role === 'practice' && viewer.organisation.kind === 'practice')
  );
}

/**
 * May this viewer submit this return?
 * - a council user: for its own council; with a practice, only one that serves it;
 * - a practice user: for its own practice only, to a council the practice serves;
 * - policy, admin, or a role paired with the wrong kind of organisation: never.
 */
export async function maySubmit(
  viewer: Viewer,
  target: SubmissionTarget,
  servedBy: CouncilsServedBy,
): Promise<boolean> {
  if (!maySubmitAtAll(viewer)) return false;
  const own = viewer.organisation.id;
  if (viewer.role === 'council') {
    if (target.councilCode !== own) return false;
    return target.practiceId === null || (await servedBy(target.practiceId)).includes(own);
  }
  if (target.practiceId !== own) return false;
  return (await servedBy(own)).includes(target.councilCode);
}

/**
 * Fills in what the viewer's organisation implies: a council user's council; a practice user's practice,
 * and its council when it serves exactly one.
 */
export async function defaultTarget(
  viewer: Viewer,
  given: { councilCode?: string | undefined; practiceId?: string | undefined },
  servedBy: CouncilsServedBy,
): Promise<{ councilCode: string | undefined; practiceId: string | null }> {
  if (viewer.role === 'council') {
    return { councilCode: given.councilCode ?? viewer.organisation.id, practiceId: given.practiceId ?? null };
  }
  if (viewer.role === 'practice') {
    const practiceId = given.practiceId ?? viewer.organisation.id;
    if (given.councilCode) return { councilCode: given.councilCode, practiceId };
    const councils = practiceId === viewer.organisation.id ? await servedBy(practiceId) : [];
    return { councilCode: councils.length === 1 ? councils[0] : undefined, practiceId };
  }
  return { councilCode: given.councilCode, practiceId: given.practiceId ?? null };
}
