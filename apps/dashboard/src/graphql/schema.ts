/**
 * The schema's enums and input types, and the indicator shape every figure reads: re-exported from
 * generated.ts (scripts/codegen.ts, from packages/schema/schema.graphql), so there is one source.
 */
export type { Polarity, SubjectInput, SubjectKind, ValueSource } from './generated';
export type { IndicatorFieldsFragment as Indicator } from './generated';
