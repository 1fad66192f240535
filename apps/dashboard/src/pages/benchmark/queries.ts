/** My benchmark's own query: every indicator, the practice, its host councils and its peers. */
import { gql } from '../../graphql/client';
import { INDICATOR_FIELDS } from '../../figures/queries';
import type { BenchmarkOptionsQuery, BenchmarkOptionsQueryVariables, PracticeListQuery } from '../../graphql/generated';

export type BenchmarkOptionsData = BenchmarkOptionsQuery;

export const BENCHMARK_OPTIONS_QUERY = gql<BenchmarkOptionsQuery, BenchmarkOptionsQueryVariables>(
  /* GraphQL */ `
    query BenchmarkOptions($practiceId: ID!) {
      outcomeAreas {
        area
        title
        indicators {
          ...IndicatorFields
        }
      }
      practice(id: $practiceId) {
        id
        name
        model
        councils {
          code
          name
        }
      }
      practices {
        id
        name
      }
    }
  `,
  [INDICATOR_FIELDS],
);

/** Every practice the viewer may see by name, for policy staff choosing one. */
export const PRACTICE_LIST_QUERY = gql<PracticeListQuery>(/* GraphQL */ `
  query PracticeList {
    practices {
      id
      name
      councils {
        code
        name
      }
    }
  }
`);
