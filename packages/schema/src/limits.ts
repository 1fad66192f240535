/**
 * Query limits, applied before any resolver runs (OWASP GraphQL cheat sheet): depth, aliases,
 * breadth and cost here; tokens at parse time (graphql `parse({ maxTokens })`, which the gateway
 * passes to Apollo as parseOptions). The gateway runs `operationLimitErrors` once the operation is
 * known (variables included: a cost can depend on them) and answers 400 without executing. The
 * complexity plugin in builder.ts applies the same depth / breadth / cost limits again when the
 * schema is executed directly (tests, scripts), before the first root field resolves.
 */
import {
  GraphQLError,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { queryLimit } from './errors';

export interface QueryLimits {
  /** Deepest selection, counting the root field as 1 (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields in the document, fragments included. */
  maxAliases: number;
  /** Lexical tokens in the document (graphql's parser stops counting there). */
  maxTokens: number;
  /** Estimated cost: 1 a field, lists multiply what they select by 10 (see builder.ts). */
  maxCost: number;
  /** Fields selected in all, counting each list's selection once. */
  maxBreadth: number;
}

/**
 * Defaults, and why: the dashboard's deepest query is 4 levels, its largest costs under 1,000 and
 * selects under 60 fields in about 150 tokens; each bound is several times that, and far below what
 * a hostile query needs to hurt (a cost of 5,000 is a few thousand resolver calls).
 */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 8,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 5000,
  maxBreadth: 300,
};

/** Counts aliased fields in the whole document; more than `max` is one error. */
export function maxAliasesRule(max: number): ValidationRule {
  return (context) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases += 1;
      },
      Document: {
        leave() {
          if (aliases > max) context.reportError(queryLimit(`Query has ${aliases} aliases; the limit is ${max}`));
        },
      },
    };
  };
}

/** The operation a request runs: the named one, or the only one. */
function selectedOperation(document: DocumentNode, operationName: string | null | undefined) {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/**
 * True when the operation selects nothing but introspection (`__schema`, `__type`, `__typename`) at
 * its root: developer tools' introspection query is deeper than any data query, and introspection
 * is off in production anyway. Anything else pays every limit.
 */
export function isIntrospectionOnly(document: DocumentNode, operationName?: string | null): boolean {
  const operation = selectedOperation(document, operationName);
  if (!operation) return false;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}

export interface LimitCheck {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  operationName: string | null | undefined;
  context: object;
  limits: QueryLimits;
}

/** Depth, breadth, cost and alias errors for the operation; empty when within every limit. */
export function operationLimitErrors(check: LimitCheck): readonly GraphQLError[] {
  const { limits } = check;
  const rules: ValidationRule[] = [maxAliasesRule(limits.maxAliases)];
  if (!isIntrospectionOnly(check.document, check.operationName)) {
    rules.push(
      createComplexityRule({
        context: check.context,
        variableValues: check.variables ?? {},
        operationName: check.operationName ?? null,
        validate: ({ depth, breadth, complexity }, report) => {
          if (depth > limits.maxDepth) report(queryLimit(`Query depth ${depth} is over the limit of ${limits.maxDepth}`));
          if (breadth > limits.maxBreadth) {
            report(queryLimit(`Query selects ${breadth} fields; the limit is ${limits.maxBreadth}`));
          }
          if (complexity > limits.maxCost) report(queryLimit(`Query cost ${complexity} is over the limit of ${limits.maxCost}`));
        },
      }),
    );
  }
  return validate(check.schema, check.document, rules);
}
