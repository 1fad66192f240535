/**
 * The claims a token must carry to become a Viewer, and back. Flat string claims (role, org_kind,
 * org_id) because every identity provider can map those; nested objects are not always possible.
 */
import { z } from 'zod';
import { ROLE_ORGANISATION, type Viewer } from './viewer';

const COUNCIL_CODE = /^\d{3}$/;
/** Practice ids are slugs made by the reference loader (swp-kent). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const viewerClaims = z
  .object({
    sub: z.string().min(1).max(200),
    name: z.string().min(1).max(200).optional(),
    role: z.enum(['policy', 'council', 'practice', 'admin']),
    org_kind: z.enum(['department', 'council', 'practice']),
    org_id: z.string().min(1).max(100),
  })
  .superRefine((claims, ctx) => {
    if (ROLE_ORGANISATION[claims.role] !== claims.org_kind) {
      const message = `role ${claims.role} cannot belong to a ${claims.org_kind}`;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }
    if (claims.org_kind === 'council' && !COUNCIL_CODE.test(claims.org_id)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'council org_id must be a 3-digit DfE code' });
    }
    if (claims.org_kind !== 'council' && !SLUG.test(claims.org_id)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'org_id must be a lower-case slug' });
    }
  });

export type ViewerClaims = z.infer<typeof viewerClaims>;

/** Throws a ZodError when the claims do not describe a valid viewer. */
export function viewerFromClaims(payload: unknown): Viewer {
  const claims = viewerClaims.parse(payload);
  return {
    userId: claims.sub,
    name: claims.name ?? claims.sub,
    role: claims.role,
    organisation: { kind: claims.org_kind, id: claims.org_id },
  };
}

export function claimsFromViewer(viewer: Viewer): ViewerClaims {
  return viewerClaims.parse({
    sub: viewer.userId,
    name: viewer.name,
    role: viewer.role,
    org_kind: viewer.organisation.kind,
    org_id: viewer.organisation.id,
  });
}
