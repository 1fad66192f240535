/** Who a return can be for: a council's practices, or a practice's councils. */
import { gql } from '../../graphql/client';
import type {
  ReconciliationQuery,
  ReconciliationQueryVariables,
  ReturnsCouncilQuery,
  ReturnsCouncilQueryVariables,
  ReturnsPracticeQuery,
  ReturnsPracticeQueryVariables,
  SubmissionHistoryQuery,
  SubmissionHistoryQueryVariables,
} from '../../graphql/generated';

export const RETURNS_COUNCIL_QUERY = gql<ReturnsCouncilQuery, ReturnsCouncilQueryVariables>(/* GraphQL */ `
  query ReturnsCouncil($code: ID!) {
    council(code: $code) {
      code
      name
      practices {
        id
        name
      }
    }
  }
`);

export const RETURNS_PRACTICE_QUERY = gql<ReturnsPracticeQuery, ReturnsPracticeQueryVariables>(/* GraphQL */ `
  query ReturnsPractice($id: ID!) {
    practice(id: $id) {
      id
      name
      councils {
        code
        name
      }
    }
  }
`);

/** The submissions the viewer may see (the API scopes them: a council's and its practices', a practice's own). */
export const SUBMISSION_HISTORY_QUERY = gql<SubmissionHistoryQuery, SubmissionHistoryQueryVariables>(/* GraphQL */ `
  query SubmissionHistory {
    submissions {
      id
      kind
      councilCode
      practiceId
      collectionYear
      status
      submittedAt
      counts {
        table
        rows
        symbol
      }
      errorCount
      warningCount
      errorTotal
      warningTotal
      supersededBy
      errors(limit: 50) {
        file
        row
        column
        rule
        message
        more
      }
      warnings(limit: 50) {
        file
        row
        column
        rule
        message
        more
      }
    }
  }
`);

/** A council's computed figures beside DfE's published ones (the API scopes it to the council itself). */
export const RECONCILIATION_QUERY = gql<ReconciliationQuery, ReconciliationQueryVariables>(/* GraphQL */ `
  query Reconciliation($code: ID!) {
    reconciliation(councilCode: $code) {
      indicator {
        id
        title
        unit
        decimals
        periodType
      }
      period
      computed {
        value
        numerator
        denominator
        symbol
      }
      published {
        value
        numerator
        denominator
        symbol
      }
      difference
      reasons
    }
  }
`);
