/**
 * Demo users offered by `npm start` on the sign-in page: one per role (data only). Kent (886) and
 * Hillingdon (312) are first-wave pilots, each with its own practice, so a council user can be seen
 * to own its practice and not the other's.
 */
import type { Viewer } from './viewer';

export const DEPARTMENT_ID = 'dfe';
export const KENT_COUNCIL_CODE = '886';
export const HILLINGDON_COUNCIL_CODE = '312';
/**
 * Kent's practice as the reference loader names it (packages/published/src/pilots.ts: 'swp-kent').
 * The issue said 'kent-swp'; the loader's slug wins so that the demo user owns real rows.
 */
export const KENT_PRACTICE_ID = 'swp-kent';

export interface DemoUser {
  viewer: Viewer;
  /** Heading on the sign-in page. */
  title: string;
  /** One line on what this user can see. */
  description: string;
}

export const demoUsers: readonly DemoUser[] = [
  {
    viewer: {
      userId: 'demo-policy',
      name: 'Priya Shah (Department for Education)',
      role: 'policy',
      organisation: { kind: 'department', id: DEPARTMENT_ID },
    },
    title: 'Policy: Department for Education',
    description:
      'Every council and practice, aggregates only; small numbers suppressed, national and regional counts rounded.',
  },
  {
    viewer: {
      userId: 'demo-council-kent',
      name: 'Tom Hughes (Kent County Council)',
      role: 'council',
      organisation: { kind: 'council', id: KENT_COUNCIL_CODE },
    },
    title: 'Council: Kent (886)',
    description:
      "Kent's own computed and published figures and its practice in full; other councils' published figures.",
  },
  {
    viewer: {
      userId: 'demo-council-hillingdon',
      name: 'Amara Okafor (London Borough of Hillingdon)',
      role: 'council',
      organisation: { kind: 'council', id: HILLINGDON_COUNCIL_CODE },
    },
    title: 'Council: Hillingdon (312)',
    description: "Hillingdon's own figures and its practice in full; Kent's practice is not visible.",
  },
  {
    viewer: {
      userId: 'demo-practice-kent',
      name: 'Sam Carter (Kent social work practice)',
      role: 'practice',
      organisation: { kind: 'practice', id: KENT_PRACTICE_ID },
    },
    title: 'Practice: Kent social work practice',
    description: 'Its own figures in full; other practices only under pseudonyms, with small numbers suppressed.',
  },
  {
    viewer: {
      userId: 'demo-admin',
      name: 'Jo Bennett (hub administrator)',
      role: 'admin',
      organisation: { kind: 'department', id: DEPARTMENT_ID },
    },
    title: 'Administrator',
    description: 'Manages users and organisations; sees figures as the Department does.',
  },
];
