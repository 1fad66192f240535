/** The queries of the "Compare pilot councils" page; their types are generated from the schema (graphql/generated.ts). */
import { gql } from '../../graphql/client';
import type { CompareOptionsQuery, CompareSeriesQuery, CompareSeriesQueryVariables } from '../../graphql/generated';

export type IndicatorOption = CompareOptionsQuery['outcomeAreas'][number]['indicators'][number];
export type CompareOptionsData = CompareOptionsQuery;
export type CompareSeriesData = CompareSeriesQuery;
export type CompareSeriesVariables = CompareSeriesQueryVariables;

/**
 * What can be chosen: indicators by outcome area, the pilot councils by wave (with their statistical
 * neighbours, the comparison councils), every council, and the practices the viewer may see.
 */
export const COMPARE_OPTIONS_QUERY = gql<CompareOptionsQuery>(/* GraphQL */ `
  query CompareOptions {
    outcomeAreas {
      area
      title
      indicators {
        id
        title
      }
    }
    councils {
      code
      name
    }
    practices {
      id
      name
    }
    pilotWaves {
      wave
      name
      startYear
      councils {
        code
        name
        statisticalNeighbours {
          code
          name
        }
      }
    }
  }
`);

/**
 * One indicator for the chosen councils, with England, each council's region and its statistical
 * neighbours pooled. Every period is asked for: the year
 * choices come from the answer, and the chosen years are cut on the client (a few dozen figures).
 */
export const COMPARE_SERIES_QUERY = gql<CompareSeriesQuery, CompareSeriesQueryVariables>(/* GraphQL */ `
  query CompareSeries($indicatorId: ID!, $subjects: [SubjectInput!]!, $source: ValueSource) {
    series(indicatorId: $indicatorId, subjects: $subjects, source: $source) {
      indicator {
        id
        title
        area
        unit
        polarity
        numerator
        denominator
        source
        method
        periodType
        decimals
      }
      periods
      lines {
        subject {
          kind
          id
          name
        }
        points {
          period
          value
          symbol
          source
          rank
          rankOutOf
          quartile
          numerator
          denominator
        }
        region {
          period
          value
          symbol
        }
        neighbourAverage {
          period
          value
          symbol
        }
      }
      england {
        period
        value
        symbol
      }
    }
  }
`);
