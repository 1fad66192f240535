/** The council table (issue 16): every council for one indicator and year, LAIT-style. */
import { gql } from '../../graphql/client';
import type {
  CouncilTableIndicatorsQuery,
  CouncilTablePeriodsQuery,
  CouncilTablePeriodsQueryVariables,
  CouncilTableQuery,
  CouncilTableQueryVariables,
} from '../../graphql/generated';

export type TableData = NonNullable<CouncilTableQuery['councilTable']>;
export type TableRow = TableData['rows'][number];

export const INDICATORS_QUERY = gql<CouncilTableIndicatorsQuery>(/* GraphQL */ `
  query CouncilTableIndicators {
    indicators {
      id
      title
    }
  }
`);

// England's published line says which years have a table.
export const PERIODS_QUERY = gql<CouncilTablePeriodsQuery, CouncilTablePeriodsQueryVariables>(/* GraphQL */ `
  query CouncilTablePeriods($indicatorId: ID!) {
    series(indicatorId: $indicatorId, subjects: [{ kind: ENGLAND, id: "E92000001" }], source: PUBLISHED) {
      periods
    }
  }
`);

export const COUNCIL_TABLE_QUERY = gql<CouncilTableQuery, CouncilTableQueryVariables>(/* GraphQL */ `
  query CouncilTable($indicatorId: ID!, $period: Int!) {
    councilTable(indicatorId: $indicatorId, period: $period) {
      period
      indicator {
        id
        title
        unit
        decimals
        periodType
        polarity
        source
      }
      funnel {
        target
        phi
        tau2
        overdispersed
        adjusted
        councils
        limits {
          denominator
          lower95
          upper95
          lower998
          upper998
        }
      }
      england {
        value
        symbol
        interval {
          lower
          upper
        }
      }
      rows {
        code
        name
        former
        lastPeriod
        value
        numerator
        denominator
        symbol
        rank
        rankOutOf
        quartile
        previous
        change
        trend
        interval {
          lower
          upper
          method
        }
        versusEngland
        funnel
        neighbourCodes
        neighbourMedian
        neighboursWithValue
      }
    }
  }
`);
