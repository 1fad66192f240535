/**
 * Series queries shared by the journeys, and the indicator and point fragments every figure reads.
 * Their types are generated from the schema (scripts/codegen.ts -> graphql/generated.ts).
 */
import { fragment, gql } from '../graphql/client';
import type {
  FigureSeriesQuery,
  FigureSeriesQueryVariables,
  IndicatorFieldsFragment,
  PeerSeriesQuery,
  PeerSeriesQueryVariables,
  PointFieldsFragment,
} from '../graphql/generated';

export type IndicatorFields = IndicatorFieldsFragment;
export type FigurePointFields = PointFieldsFragment;
export type SeriesVariables = FigureSeriesQueryVariables;
export type FigureSeriesData = FigureSeriesQuery;
export type PeerSeriesData = PeerSeriesQuery;

export const INDICATOR_FIELDS = fragment(/* GraphQL */ `
  fragment IndicatorFields on Indicator {
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
`);

export const POINT_FIELDS = fragment(/* GraphQL */ `
  fragment PointFields on SeriesPoint {
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
`);

/** One indicator for some subjects, with England and each subject's region and statistical neighbours. */
export const FIGURE_SERIES_QUERY = gql<FigureSeriesQuery, FigureSeriesQueryVariables>(
  /* GraphQL */ `
    query FigureSeries($indicatorId: ID!, $subjects: [SubjectInput!]!, $source: ValueSource) {
      series(indicatorId: $indicatorId, subjects: $subjects, source: $source) {
        indicator {
          ...IndicatorFields
        }
        periods
        lines {
          subject {
            kind
            id
            name
          }
          points {
            ...PointFields
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
  `,
  [INDICATOR_FIELDS, POINT_FIELDS],
);

/** The same without comparators: a practice may not see its peers' region or neighbours. */
export const PEER_SERIES_QUERY = gql<PeerSeriesQuery, PeerSeriesQueryVariables>(
  /* GraphQL */ `
    query PeerSeries($indicatorId: ID!, $subjects: [SubjectInput!]!, $source: ValueSource) {
      series(indicatorId: $indicatorId, subjects: $subjects, source: $source) {
        indicator {
          ...IndicatorFields
        }
        periods
        lines {
          subject {
            kind
            id
            name
          }
          points {
            ...PointFields
          }
        }
        england {
          period
          value
          symbol
        }
      }
    }
  `,
  [INDICATOR_FIELDS, POINT_FIELDS],
);
