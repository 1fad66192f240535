/**
 * Payment by results (issues 6, 18): contracts, their versioned terms, statements (re-issued as new
 * revisions, never edited) and disputes on their lines. The rules and the arithmetic live in
 * @continuity/payments; these resolvers only translate. One file per type group.
 *
 * Who may do what (@continuity/payments scope.ts):
 * - council: reads its contracts and statements in full; creates contracts with the practices that
 *   serve it, amends their terms, previews (what-if under changed terms) and issues statements;
 * - practice: reads its own contracts and statements in full, and previews its own (current terms);
 * - policy, admin: read every contract and statement; the practice's child-derived figures in the
 *   lines are disclosure-controlled for them, and the frozen document (its raw bytes carry the raw
 *   counts) and its hash are null.
 * Ids a viewer may not read resolve to null, as ids that do not exist.
 *
 * The mutations are open to signed-in viewers at the field level (`skipTypeScopes`: the
 * Mutation type is admin-only, builder.ts) because councils and practices, not admins, write
 * them; the service refuses anyone but the contract's council (the practice, to raise a dispute). Each write is audited.
 *
 * Money is in whole pence (GraphQL Int, so at most 2,147,483,647p = £21,474,836.47 per amount;
 * terms whose fixed fee plus pot exceed that are refused here).
 */
import './terms';
import './contracts';
import './statements';
import './disputes';
import './open-data';
import './cohorts';
