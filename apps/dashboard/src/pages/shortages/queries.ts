/** The shortage monitor's own query: the indicators, and the council with its practices and neighbours. */
import { gql } from '../../graphql/client';
import { INDICATOR_FIELDS } from '../../figures/queries';
import type { CouncilListQuery, ShortageOptionsQuery, ShortageOptionsQueryVariables } from '../../graphql/generated';

export type ShortageOptionsData = ShortageOptionsQuery;

export const SHORTAGE_OPTIONS_QUERY = gql<ShortageOptionsQuery, ShortageOptionsQueryVariables>(
  /* GraphQL */ `
    query ShortageOptions($code: ID!) {
      outcomeAreas {
        area
        title
        indicators {
          ...IndicatorFields
        }
      }
      council(code: $code) {
        code
        name
        region {
          code
          name
        }
        statisticalNeighbours {
          code
          name
        }
        practices {
          id
          name
        }
      }
    }
  `,
  [INDICATOR_FIELDS],
);

/** Every council, for policy staff choosing whose shortages to look at. */
export const COUNCIL_LIST_QUERY = gql<CouncilListQuery>(/* GraphQL */ `
  query CouncilList {
    councils {
      code
      name
      pilotWave
    }
  }
`);
