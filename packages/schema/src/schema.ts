import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
// Each module adds its types and query fields to the builder; importing them is the registration.
import './modules/regions';
import './modules/councils';
import './modules/practices';
import './modules/pilots';
import './modules/indicators';
import './modules/series';
import './modules/admin';
import './modules/payments/index';
import './modules/returns';
import './modules/reconciliation';
import './modules/continuity';
import './modules/councilTable';

let built: GraphQLSchema | undefined;

/** The executable schema, built once (the builder is shared module state). */
export function buildSchema(): GraphQLSchema {
  built ??= builder.toSchema({ sortSchema: true });
  return built;
}

export const schema = buildSchema();
