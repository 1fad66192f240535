/** The continuity ledger for one subject (issue 15): survival curve, headline, changes by reason. */
import { gql } from '../../graphql/client';
import type { ContinuityLedgerQuery, ContinuityLedgerQueryVariables } from '../../graphql/generated';

export type ContinuityLedgerData = ContinuityLedgerQuery;
export type LedgerYear = NonNullable<ContinuityLedgerQuery['continuityLedger']>['years'][number];

export const CONTINUITY_LEDGER_QUERY = gql<ContinuityLedgerQuery, ContinuityLedgerQueryVariables>(/* GraphQL */ `
  query ContinuityLedger($subject: SubjectInput!) {
    continuityLedger(subject: $subject) {
      subjectKind
      subjectId
      owned
      years {
        period
        councils
        headline {
          relationships
          medianDays
          truncated
          sixMonths {
            survival
            lower
            upper
          }
          twelveMonths {
            survival
            lower
            upper
          }
        }
        points {
          day
          atRisk
          events
          censored
          symbol
          survival
          lower
          upper
        }
        changes {
          reason
          reasonLabel
          outcome
          outcomeLabel
          changes
          symbol
        }
      }
    }
  }
`);
