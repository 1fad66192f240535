/**
 * Query limits, applied before any resolver runs (OWASP GraphQL cheat sheet): depth, aliases,
 * breadth and cost here; tokens at parse time (graphql `parse({ maxTokens })`, which the gateway
 * passes to Apollo as parseOptions). The gateway runs `operationLimitErrors` once the operation is
 * known (variables included: a cost can depend on them) and answers 400 without executing. The
 * complexity plugin in builder.ts applies the same depth / breadth / cost limits again when the
 * schema is executed directly (tests, scripts), before the first root field resolves.
 */
import {
  type GraphQLError,
  Kind,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { badInput, queryLimit } from './errors';

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

/**
 * Characters no argument may hold: NUL (PostgreSQL text cannot store it, so it would reach the driver
 * as an internal error) and the other C0 controls but tab, line feed and carriage return (no id,
 * code, name or filter has a use for them).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is this pattern's job
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const INVALID_TEXT = 'Arguments may not contain control characters';

/** A string literal anywhere in the document holding a forbidden character is one error. */
function textInputRule(): ValidationRule {
  return (context) => ({
    StringValue(node) {
      if (FORBIDDEN_CHARACTERS.test(node.value)) context.reportError(badInput(INVALID_TEXT));
    },
  });
}

/** True when a variable's value (at any depth) holds a forbidden character. */
function holdsForbiddenText(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return FORBIDDEN_CHARACTERS.test(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  const values = Array.isArray(value) ? value : Object.entries(value as Record<string, unknown>).flat();
  return values.some((v) => holdsForbiddenText(v, depth + 1));
}

/** The operation a request runs: the named one, or the only one. */
function selectedOperation(document: DocumentNode, operationName: string | null | undefined) {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
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

/** Depth, breadth, cost, alias and forbidden-text errors for the operation; empty when within every limit. */
export function operationLimitErrors(check: LimitCheck): readonly GraphQLError[] {
  const { limits } = check;
  // Text no resolver may be given (textInputRule), in variables as in literals: refused before any SQL.
  if (holdsForbiddenText(check.variables ?? {})) return [badInput(INVALID_TEXT)];
  const rules: ValidationRule[] = [maxAliasesRule(limits.maxAliases), textInputRule()];
  if (!isIntrospectionOnly(check.document, check.operationName)) {
    rules.push(
      createComplexityRule({
        context: check.context,
        variableValues: check.variables ?? {},
        operationName: check.operationName ?? null,
        validate: ({ depth, breadth, complexity }, report) => {
          if (depth > limits.maxDepth)
            report(queryLimit(`Query depth ${depth} is over the limit of ${limits.maxDepth}`));
          if (breadth > limits.maxBreadth) {
            report(queryLimit(`Query selects ${breadth} fields; the limit is ${limits.maxBreadth}`));
          }
          if (complexity > limits.maxCost)
            report(queryLimit(`Query cost ${complexity} is over the limit of ${limits.maxCost}`));
        },
      }),
    );
  }
  return validate(check.schema, check.document, rules);
}
