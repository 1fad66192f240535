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
} from '../graphql/generated';

export type IndicatorFields = IndicatorFieldsFragment;
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

const POINT_FIELDS = fragment(/* GraphQL */ `
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

/** A comparator's figure (England, a region, statistical neighbours pooled): no rank; England and region say their source and, computed, their coverage. */
const COMPARATOR_POINT_FIELDS = fragment(/* GraphQL */ `
  fragment ComparatorPointFields on ComparatorPoint {
    period
    value
    symbol
    source
    coverage {
      councils
      of
    }
  }
`);

/** What every series answer holds besides its lines. */
const SERIES_FIELDS = fragment(
  /* GraphQL */ `
    fragment SeriesFields on Series {
      indicator {
        ...IndicatorFields
      }
      periods
      england {
        ...ComparatorPointFields
      }
    }
  `,
  [INDICATOR_FIELDS, COMPARATOR_POINT_FIELDS],
);

const SERIES_LINE_FIELDS = fragment(
  /* GraphQL */ `
    fragment SeriesLineFields on SeriesLine {
      subject {
        kind
        id
        name
      }
      points {
        ...PointFields
      }
    }
  `,
  [POINT_FIELDS],
);

/**
 * One indicator for some subjects, with England and each subject's region and statistical neighbours.
 * Every period is asked for: the year choices come from the answer, and the chosen years are cut on
 * the client (a few dozen figures).
 */
export const FIGURE_SERIES_QUERY = gql<FigureSeriesQuery, FigureSeriesQueryVariables>(
  /* GraphQL */ `
    query FigureSeries($indicatorId: ID!, $subjects: [SubjectInput!]!, $source: ValueSource) {
      series(indicatorId: $indicatorId, subjects: $subjects, source: $source) {
        ...SeriesFields
        lines {
          ...SeriesLineFields
          region {
            ...ComparatorPointFields
          }
          neighbourAverage {
            ...ComparatorPointFields
          }
        }
      }
    }
  `,
  [SERIES_FIELDS, SERIES_LINE_FIELDS, COMPARATOR_POINT_FIELDS],
);

/** The same without comparators: a practice may not see its peers' region or neighbours. */
export const PEER_SERIES_QUERY = gql<PeerSeriesQuery, PeerSeriesQueryVariables>(
  /* GraphQL */ `
    query PeerSeries($indicatorId: ID!, $subjects: [SubjectInput!]!, $source: ValueSource) {
      series(indicatorId: $indicatorId, subjects: $subjects, source: $source) {
        ...SeriesFields
        lines {
          ...SeriesLineFields
        }
      }
    }
  `,
  [SERIES_FIELDS, SERIES_LINE_FIELDS],
);
