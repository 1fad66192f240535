/** Who a return can be for: a council's practices, or a practice's councils. */
import { gql } from '../../graphql/client';
import type { ReturnsCouncilQuery, ReturnsCouncilQueryVariables, ReturnsPracticeQuery, ReturnsPracticeQueryVariables } from '../../graphql/generated';

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
