/**
 * The choices of the "Compare pilot councils" page; its series come from figures/queries.ts like every
 * other figure's. Types are generated from the schema (graphql/generated.ts).
 */
import { gql } from '../../graphql/client';
import type { CompareOptionsQuery } from '../../graphql/generated';

export type IndicatorOption = CompareOptionsQuery['outcomeAreas'][number]['indicators'][number];
export type CompareOptionsData = CompareOptionsQuery;

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
