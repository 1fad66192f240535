/**
 * Who is asking, and what they own or may see. Pure functions: the API decides per subject with these
 * and then applies disclosure control (disclosure.ts) to every figure the viewer does not own.
 *
 * Entitlements (issue 4):
 * - policy (the Department): every subject, aggregates only, owns nothing, so every figure it sees is
 *   disclosure-controlled. Practices by name.
 * - admin: manages users and organisations; sees figures like policy (owns nothing).
 * - council: owns its council, every practice that serves it alone, and its part of every practice that
 *   serves it (the part of the practice's figure computed from the returns sent to that council:
 *   subject kind 'practice_part', id `<practice>@<council>`). The pooled figure of a practice it shares
 *   with another council is not its own: it sees it disclosure-controlled, so "pooled minus my part"
 *   cannot give the other council's small counts (issue 11). Ownership is by the council the returns
 *   went to, so an empty return for the practice changes only the council's own part. Sees England,
 *   regions and other councils' *published* figures only. Practices of other councils: not at all.
 * - practice: owns only its practice, its pooled figure and its parts. Sees peers' computed (pooled)
 *   figures, anonymised; never their parts (which would name their councils); England, regions and
 *   councils' published figures (they are public DfE statistics).
 * A shared practice's pooled figure can be owned by a council in a period where every part is its own
 * (the other council sent nothing): the disclosure table decides that per period (@continuity/schema).
 */

export type Role = 'policy' | 'council' | 'practice' | 'admin';
export type OrganisationKind = 'department' | 'council' | 'practice';
export type SubjectKind = 'england' | 'region' | 'council' | 'practice' | 'practice_part';
export type FigureSource = 'published' | 'computed';

export interface Organisation {
  kind: OrganisationKind;
  /** 'department' id (e.g. 'dfe'), a council's 3-digit DfE code, or a practice id. */
  id: string;
}

export interface Viewer {
  userId: string;
  name: string;
  role: Role;
  organisation: Organisation;
}

export interface Subject {
  kind: SubjectKind;
  id: string;
}

/** The subject id of a practice's part for a council: `<practice>@<council>`. */
export function practicePartId(practiceId: string, councilCode: string): string {
  return `${practiceId}@${councilCode}`;
}

/** A part's practice and council, or undefined for an id that is not a part's. */
export function partOf(id: string): { practiceId: string; councilCode: string } | undefined {
  const at = id.lastIndexOf('@');
  if (at <= 0 || at === id.length - 1) return undefined;
  return { practiceId: id.slice(0, at), councilCode: id.slice(at + 1) };
}

/** What ownership needs to know beyond the viewer: which councils a practice serves. */
export interface OwnershipContext {
  councilsServedBy(practiceId: string): readonly string[];
}

export const ROLES: readonly Role[] = ['policy', 'council', 'practice', 'admin'];

/** The organisation kind each role must belong to; anything else is refused (tokens.ts) or owns nothing. */
export const ROLE_ORGANISATION: Readonly<Record<Role, OrganisationKind>> = {
  policy: 'department',
  admin: 'department',
  council: 'council',
  practice: 'practice',
};

/** Builds the context from practice id -> council codes (the practice_councils table). */
export function ownershipContext(
  servedBy: ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>,
): OwnershipContext {
  const map: ReadonlyMap<string, readonly string[]> =
    servedBy instanceof Map ? servedBy : new Map(Object.entries(servedBy));
  return { councilsServedBy: (practiceId) => map.get(practiceId) ?? [] };
}

/** A role paired with the wrong kind of organisation is treated as owning and seeing nothing (fail closed). */
export function isConsistentViewer(viewer: Viewer): boolean {
  return ROLE_ORGANISATION[viewer.role] === viewer.organisation.kind;
}

/** Owners see their figures unchanged; everyone else gets disclosure control. */
export function ownsSubject(viewer: Viewer, subject: Subject, ctx: OwnershipContext): boolean {
  if (!isConsistentViewer(viewer)) return false;
  const own = viewer.organisation.id;
  switch (viewer.role) {
    case 'council': {
      if (subject.kind === 'council') return subject.id === own;
      if (subject.kind === 'practice') {
        // The pooled figure is the council's only when every council the practice serves is this one.
        const served = ctx.councilsServedBy(subject.id);
        return served.length > 0 && served.every((code) => code === own);
      }
      if (subject.kind === 'practice_part') return partOf(subject.id)?.councilCode === own;
      return false;
    }
    case 'practice':
      if (subject.kind === 'practice_part') return partOf(subject.id)?.practiceId === own;
      return subject.kind === 'practice' && subject.id === own;
    case 'policy':
    case 'admin':
      return false;
  }
}

/** May the viewer see any figure about the subject (published or computed, controlled or not)? */
export function canSeeSubject(viewer: Viewer, subject: Subject, ctx: OwnershipContext): boolean {
  if (!isConsistentViewer(viewer)) return false;
  if (ownsSubject(viewer, subject, ctx)) return true;
  switch (viewer.role) {
    case 'policy':
    case 'admin':
      return true;
    case 'practice':
      // A peer's parts would tie it to its councils.
      return subject.kind !== 'practice_part';
    case 'council':
      // Another council's practices are not in the council's entitlement (issue 4 lists only its own);
      // a practice it shares is (its pooled figure under disclosure control); another council's part is not.
      if (subject.kind === 'practice') return ctx.councilsServedBy(subject.id).includes(viewer.organisation.id);
      return subject.kind !== 'practice_part';
  }
}

/**
 * May the viewer see figures computed from returns (as opposed to DfE's published ones) for the subject?
 * Council viewers: only for what they own. Computed England / region figures pool other councils'
 * returns; with few councils submitting, "region minus mine" would give another council's computed
 * figure, so they are withheld too.
 */
export function canSeeComputed(viewer: Viewer, subject: Subject, ctx: OwnershipContext): boolean {
  if (!canSeeSubject(viewer, subject, ctx)) return false;
  if (ownsSubject(viewer, subject, ctx)) return true;
  switch (viewer.role) {
    case 'policy':
    case 'admin':
      return true;
    case 'council':
      // A practice it shares with another council: pooled, disclosure-controlled.
      return subject.kind === 'practice';
    case 'practice':
      // Peers, anonymised (mustAnonymise) and disclosure-controlled.
      return subject.kind === 'practice';
  }
}

/** One question for the API: may this viewer see this subject's figure from this source? */
export function canSeeFigure(viewer: Viewer, subject: Subject, source: FigureSource, ctx: OwnershipContext): boolean {
  return source === 'published' ? canSeeSubject(viewer, subject, ctx) : canSeeComputed(viewer, subject, ctx);
}

/** A practice seen by another practice appears only under its pseudonym. Inconsistent viewers: always. */
export function mustAnonymise(viewer: Viewer, subject: Subject): boolean {
  if (subject.kind !== 'practice' && subject.kind !== 'practice_part') return false;
  if (!isConsistentViewer(viewer)) return true;
  const practiceId = subject.kind === 'practice' ? subject.id : partOf(subject.id)?.practiceId;
  return viewer.role === 'practice' && viewer.organisation.id !== practiceId;
}

/**
 * Whose computed figures the viewer may read, in a form SQL can apply before anything is chosen,
 * ranked or pooled (@continuity/indicators `computedFor`): every subject of `kinds`, plus `subjects`.
 * Null means every subject (policy, admin). Agrees with canSeeComputed for every subject:
 * `practiceIds` are the practices to consider for a council viewer (those serving it are kept, with
 * its part of each). `partsOf`: practices every part of which may be read (a practice's own).
 */
export interface ComputedEntitlement {
  kinds: SubjectKind[];
  subjects: Subject[];
  partsOf?: string[];
}

export function computedEntitlement(
  viewer: Viewer,
  ctx: OwnershipContext,
  practiceIds: readonly string[],
): ComputedEntitlement | null {
  if (!isConsistentViewer(viewer)) return { kinds: [], subjects: [] };
  switch (viewer.role) {
    case 'policy':
    case 'admin':
      return null;
    case 'council': {
      const code = viewer.organisation.id;
      const own: Subject = { kind: 'council', id: code };
      const practices = practiceIds
        .map((id): Subject => ({ kind: 'practice', id }))
        .filter((subject) => canSeeComputed(viewer, subject, ctx));
      const parts = practices.map((p): Subject => ({ kind: 'practice_part', id: practicePartId(p.id, code) }));
      return { kinds: [], subjects: [own, ...practices, ...parts] };
    }
    case 'practice':
      return { kinds: ['practice'], subjects: [], partsOf: [viewer.organisation.id] };
  }
}
