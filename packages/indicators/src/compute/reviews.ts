import { sql, type SQL } from 'drizzle-orm';
import { sourceCte, type Scope } from './scope';

export const REVIEWS = ['review_participation'] as const;

/**
 * review_participation. Reviews held in the year (REVIEW between 1 April and 31 March).
 * Denominator: those coded PN1..PN7; PN0 (child under 4 at the review) and blank codes are excluded.
 * Numerator: those where the child's views reached the review: PN1 (attends and speaks), PN2
 * (attends, advocate speaks), PN3 (attends, conveys views non-verbally), PN5 (briefs an advocate),
 * PN6 (conveys views by a facilitative medium). Not PN4 (attends without contributing) nor PN7
 * (neither attends nor views conveyed): the former PAF C63 reading of "communicated their views".
 * Written for every return with a Reviews table.
 */
export function reviews(scope: Scope): SQL {
  return sql`${sourceCte(scope)},
  computed AS (
    SELECT 'review_participation' AS indicator_id, src.subject_kind, src.subject_id, src.period,
      max(src.submission_id) AS submission_id,
      count(*) FILTER (WHERE r.review BETWEEN src.y_start AND src.y_end
        AND r.review_code IN ('PN1', 'PN2', 'PN3', 'PN5', 'PN6')) AS numerator,
      count(*) FILTER (WHERE r.review BETWEEN src.y_start AND src.y_end
        AND r.review_code IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')) AS denominator
    FROM src JOIN cla903_reviews r ON r.submission_id = src.submission_id
    GROUP BY src.subject_kind, src.subject_id, src.period
  )`;
}
