/** The queries of the "Compare pilot councils" page (typed by hand until codegen arrives). */
import { gql } from '../../graphql/client';
import type { ComparatorPoint, Indicator, OutcomeArea, SeriesPoint, Subject, SubjectInput, ValueSource } from '../../graphql/schema';

export type IndicatorOption = Pick<Indicator, 'id' | 'title'>;

export interface CompareOptionsData {
  outcomeAreas: { area: OutcomeArea; title: string; indicators: IndicatorOption[] }[];
  pilotWaves: { wave: number; name: string; startYear: number; councils: { code: string; name: string }[] }[];
}

/** What can be chosen: indicators by outcome area, and the pilot councils by wave. */
export const COMPARE_OPTIONS_QUERY = gql<CompareOptionsData>(/* GraphQL */ `
  query CompareOptions {
    outcomeAreas {
      area
      title
      indicators {
        id
        title
      }
    }
    pilotWaves {
      wave
      name
      startYear
      councils {
        code
        name
      }
    }
  }
`);

export interface CompareSeriesData {
  series: {
    indicator: Indicator;
    periods: number[];
    lines: {
      subject: Subject;
      points: Pick<SeriesPoint, 'period' | 'value' | 'symbol' | 'source' | 'rank' | 'rankOutOf' | 'quartile'>[];
    }[];
    england: ComparatorPoint[];
  };
}

export interface CompareSeriesVariables {
  indicatorId: string;
  subjects: SubjectInput[];
  source?: ValueSource | null;
}

/**
 * One indicator for the chosen councils, with England. Every period is asked for: the year
 * choices come from the answer, and the chosen years are cut on the client (a few dozen figures).
 */
export const COMPARE_SERIES_QUERY = gql<CompareSeriesData, CompareSeriesVariables>(/* GraphQL */ `
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
