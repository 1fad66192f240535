import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema as parseSdl, isInputObjectType, isObjectType, type GraphQLNamedType } from 'graphql';
import { printedSchema, schemaFile } from './print';
import { schema } from './schema';

/** The contract the dashboard is built against: names and types here must not change. */
const contract = /* GraphQL */ `
  enum OutcomeArea { STABILITY HEALTHY SAFE ENJOYING CONTRIBUTION ECONOMIC WORKFORCE }
  enum Polarity { HIGHER_BETTER LOWER_BETTER NEUTRAL }
  enum SubjectKind { ENGLAND REGION COUNCIL PRACTICE }
  enum ValueSource { PUBLISHED COMPUTED }
  type Region { code: ID! name: String! }
  type Council { code: ID! onsCode: String! name: String! region: Region! statisticalNeighbours: [Council!]! pilotWave: Int practices: [Practice!]! }
  type Practice { id: ID! name: String! model: String wave: Int started: String ended: String councils: [Council!]! }
  type PilotWave { wave: Int! name: String! startYear: Int! councils: [Council!]! }
  type Indicator { id: ID! title: String! area: OutcomeArea! unit: String! polarity: Polarity! numerator: String! denominator: String! source: String! method: String! periodType: String! decimals: Int! }
  type OutcomeAreaGroup { area: OutcomeArea! title: String! indicators: [Indicator!]! }
  type Subject { kind: SubjectKind! id: ID! name: String! }
  type SeriesPoint { period: Int! value: Float numerator: Float denominator: Float symbol: String source: ValueSource! rank: Int rankOutOf: Int quartile: Int }
  type ComparatorPoint { period: Int! value: Float symbol: String }
  type SeriesLine { subject: Subject! points: [SeriesPoint!]! region: [ComparatorPoint!]! neighbourAverage: [ComparatorPoint!]! }
  type Series { indicator: Indicator! periods: [Int!]! lines: [SeriesLine!]! england: [ComparatorPoint!]! }
  input SubjectInput { kind: SubjectKind! id: ID! }
  type Query {
    regions: [Region!]!
    councils(region: ID, pilotWave: Int): [Council!]!
    council(code: ID!): Council
    practices(councilCode: ID): [Practice!]!
    practice(id: ID!): Practice
    pilotWaves: [PilotWave!]!
    indicators(area: OutcomeArea): [Indicator!]!
    indicator(id: ID!): Indicator
    outcomeAreas: [OutcomeAreaGroup!]!
    series(indicatorId: ID!, subjects: [SubjectInput!]!, fromPeriod: Int, toPeriod: Int, source: ValueSource): Series!
  }
`;

/** `Type.field(arg: T): T` lines of a type, or enum values, for comparison. */
function describeType(type: GraphQLNamedType | null | undefined): string[] {
  if (!type) return [];
  if (isObjectType(type) || isInputObjectType(type)) {
    return Object.values(type.getFields()).map((f) => {
      const args =
        'args' in f && f.args.length
          ? `(${f.args
              .map((a: { name: string; type: unknown }) => `${a.name}: ${a.type}`)
              .sort()
              .join(', ')})`
          : '';
      return `${f.name}${args}: ${f.type}`;
    });
  }
  if ('getValues' in type) return type.getValues().map((v) => v.name);
  return [type.name];
}

describe('schema', () => {
  it('matches the committed schema.graphql (run `npm run print -w @continuity/schema` after a change)', () => {
    expect(printedSchema()).toBe(readFileSync(schemaFile, 'utf8'));
  });

  it('keeps every type, field, argument and enum value of the dashboard contract', () => {
    const expected = parseSdl(contract);
    for (const type of Object.values(expected.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'ID', 'Boolean'].includes(type.name)) continue;
      const actual = new Set(describeType(schema.getType(type.name)));
      for (const line of describeType(type)) expect(actual, `${type.name}.${line}`).toContain(line);
    }
  });
});
