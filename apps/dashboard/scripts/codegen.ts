/**
 * Typed queries from the schema: reads packages/schema/schema.graphql and every GraphQL document in
 * src/ (template literals marked `/* GraphQL *\/`, beside the components that use them), validates
 * each operation (with the fragments it spreads) against the schema, and writes TypeScript types for
 * each operation's result and variables and each fragment to src/graphql/generated.ts.
 *
 *   npm run codegen -w @continuity/dashboard      # write
 *   (src/graphql/codegen.test.ts fails when the file is out of date or a query no longer fits the schema)
 *
 * A small equivalent of GraphQL Code Generator's typescript-operations, on graphql-js only.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  GraphQLScalarType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
export const DASHBOARD = join(here, '..');
export const SCHEMA_FILE = join(DASHBOARD, '../../packages/schema/schema.graphql');
export const OUTPUT_FILE = join(DASHBOARD, 'src/graphql/generated.ts');

const MARKER = /\/\*\s*GraphQL\s*\*\/\s*`([^`]*)`/g;

export interface SourceDocument {
  file: string;
  text: string;
}

/** Every marked template literal under src/ (generated.ts and tests excluded). */
export function findDocuments(root: string = join(DASHBOARD, 'src')): SourceDocument[] {
  const out: SourceDocument[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && full !== OUTPUT_FILE) {
        const source = readFileSync(full, 'utf8');
        for (const match of source.matchAll(MARKER)) {
          const text = match[1] ?? '';
          if (text.includes('${'))
            throw new Error(
              `${relative(DASHBOARD, full)}: GraphQL documents may not interpolate; pass fragments to gql() instead`,
            );
          out.push({ file: relative(DASHBOARD, full), text });
        }
      }
    }
  };
  walk(root);
  return out;
}

const SCALARS: Record<string, string> = {
  ID: 'string',
  String: 'string',
  Int: 'number',
  Float: 'number',
  Boolean: 'boolean',
};

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

class Generator {
  private readonly fragments = new Map<string, { node: FragmentDefinitionNode; file: string }>();
  private readonly operations: { node: OperationDefinitionNode; file: string }[] = [];
  private readonly usedEnums = new Set<string>();
  private readonly usedInputs = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    documents: SourceDocument[],
  ) {
    for (const doc of documents) {
      let parsed: DocumentNode;
      try {
        parsed = parse(doc.text);
      } catch (error) {
        throw new Error(`${doc.file}: ${(error as Error).message}`);
      }
      for (const def of parsed.definitions) {
        if (def.kind === Kind.FRAGMENT_DEFINITION) {
          if (this.fragments.has(def.name.value))
            throw new Error(`${doc.file}: fragment ${def.name.value} is defined twice`);
          this.fragments.set(def.name.value, { node: def, file: doc.file });
        } else if (def.kind === Kind.OPERATION_DEFINITION) {
          if (!def.name) throw new Error(`${doc.file}: every operation needs a name`);
          if (this.operations.some((o) => o.node.name?.value === def.name?.value))
            throw new Error(`${doc.file}: operation ${def.name.value} is defined twice`);
          this.operations.push({ node: def, file: doc.file });
        }
      }
    }
  }

  /** The fragments a selection spreads, transitively. */
  private spreads(selection: SelectionSetNode, into: Set<string>): Set<string> {
    for (const s of selection.selections) {
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        if (!into.has(s.name.value)) {
          into.add(s.name.value);
          const fragment = this.fragments.get(s.name.value);
          if (fragment) this.spreads(fragment.node.selectionSet, into);
        }
      } else if (s.selectionSet) this.spreads(s.selectionSet, into);
    }
    return into;
  }

  validateAll(): string[] {
    const problems: string[] = [];
    for (const { node, file } of this.operations) {
      const used = [...this.spreads(node.selectionSet, new Set())];
      const missing = used.filter((n) => !this.fragments.has(n));
      if (missing.length > 0) {
        problems.push(`${file}: ${node.name?.value}: unknown fragment ${missing.join(', ')}`);
        continue;
      }
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [node, ...used.map((n) => this.fragments.get(n)!.node)],
      };
      for (const error of validate(this.schema, document))
        problems.push(`${file}: ${node.name?.value}: ${error.message}`);
    }
    for (const [name, { node, file }] of this.fragments) {
      const used = [...this.spreads(node.selectionSet, new Set())];
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [node, ...used.map((n) => this.fragments.get(n)!.node)],
      };
      // NoUnusedFragments does not apply to a fragment checked on its own.
      for (const error of validate(this.schema, document)) {
        if (!/is never used/.test(error.message)) problems.push(`${file}: fragment ${name}: ${error.message}`);
      }
    }
    return problems;
  }

  private outputType(type: GraphQLOutputType, selection: SelectionSetNode | undefined): string {
    if (isNonNullType(type)) return this.nonNullOutput(type.ofType, selection);
    return `${this.nonNullOutput(type, selection)} | null`;
  }

  private nonNullOutput(type: GraphQLOutputType, selection: SelectionSetNode | undefined): string {
    if (isListType(type)) return `Array<${this.outputType(type.ofType, selection)}>`;
    if (type instanceof GraphQLScalarType) return SCALARS[type.name] ?? 'unknown';
    if (type instanceof GraphQLEnumType) {
      this.usedEnums.add(type.name);
      return type.name;
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      if (!selection) throw new Error(`A selection is needed on ${type.name}`);
      return this.objectType(type as GraphQLObjectType, selection);
    }
    return 'unknown';
  }

  /** Fields selected on `parent`, by response key, merging fragment spreads and inline fragments. */
  private collect(parent: GraphQLObjectType, selection: SelectionSetNode, fields: Map<string, { type: string }>): void {
    for (const s of selection.selections) {
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        if (s.name.value === '__typename') {
          fields.set(key, { type: `'${parent.name}'` });
          continue;
        }
        const field = parent.getFields()[s.name.value];
        if (!field) throw new Error(`${parent.name} has no field ${s.name.value}`);
        const type = this.outputType(field.type, s.selectionSet);
        const previous = fields.get(key);
        // The same key selected twice (e.g. directly and in a fragment): merge object selections.
        if (previous && previous.type !== type && s.selectionSet) {
          fields.set(key, { type: `${previous.type} & ${type}` });
        } else fields.set(key, { type });
      } else if (s.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = this.fragments.get(s.name.value);
        if (!fragment) throw new Error(`Unknown fragment ${s.name.value}`);
        this.collect(parent, fragment.node.selectionSet, fields);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        this.collect(parent, s.selectionSet, fields);
      }
    }
  }

  private objectType(parent: GraphQLObjectType, selection: SelectionSetNode): string {
    const fields = new Map<string, { type: string }>();
    this.collect(parent, selection, fields);
    const lines = [...fields.entries()].map(([key, { type }]) => `${key}: ${type};`);
    return `{\n${indent(lines.join('\n'), 2)}\n}`;
  }

  private inputType(type: GraphQLInputType): string {
    if (isNonNullType(type)) return this.inputTypeNonNull(type.ofType);
    return `${this.inputTypeNonNull(type)} | null`;
  }

  private inputTypeNonNull(type: GraphQLInputType): string {
    if (type instanceof GraphQLList) return `Array<${this.inputType(type.ofType)}>`;
    if (type instanceof GraphQLNonNull) return this.inputTypeNonNull(type.ofType);
    if (type instanceof GraphQLScalarType) return SCALARS[type.name] ?? 'unknown';
    if (type instanceof GraphQLEnumType) {
      this.usedEnums.add(type.name);
      return type.name;
    }
    if (type instanceof GraphQLInputObjectType) {
      this.markInput(type);
      return type.name;
    }
    return 'unknown';
  }

  private markInput(type: GraphQLInputObjectType): void {
    if (this.usedInputs.has(type.name)) return;
    this.usedInputs.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isInputObjectType(named)) this.markInput(named);
      if (named instanceof GraphQLEnumType) this.usedEnums.add(named.name);
    }
  }

  private variables(node: OperationDefinitionNode): string {
    const defs = node.variableDefinitions ?? [];
    if (defs.length === 0) return 'Record<string, never>';
    const lines = defs.map((d) => {
      const type = typeFromAST(this.schema, d.type) as GraphQLInputType | undefined;
      if (!type) throw new Error(`Unknown type for $${d.variable.name.value}`);
      const optional = !isNonNullType(type) || d.defaultValue !== undefined;
      return `${d.variable.name.value}${optional ? '?' : ''}: ${this.inputType(type)};`;
    });
    return `{\n${indent(lines.join('\n'), 2)}\n}`;
  }

  generate(): string {
    const problems = this.validateAll();
    if (problems.length > 0) throw new Error(`GraphQL documents do not fit the schema:\n${problems.join('\n')}`);
    const body: string[] = [];
    for (const [name, { node, file }] of [...this.fragments.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const parent = this.schema.getType(node.typeCondition.name.value) as GraphQLObjectType;
      body.push(
        `/** fragment ${name} on ${parent.name} (${file}) */\nexport type ${name}Fragment = ${this.objectType(parent, node.selectionSet)};`,
      );
    }
    for (const { node, file } of [...this.operations].sort((a, b) =>
      a.node.name!.value.localeCompare(b.node.name!.value),
    )) {
      const name = node.name!.value;
      const root = node.operation === 'mutation' ? this.schema.getMutationType() : this.schema.getQueryType();
      if (!root) throw new Error(`The schema has no ${node.operation} type`);
      const suffix = node.operation === 'mutation' ? 'Mutation' : 'Query';
      body.push(
        `/** ${node.operation} ${name} (${file}) */\nexport type ${name}${suffix} = ${this.objectType(root, node.selectionSet)};`,
      );
      body.push(`export type ${name}${suffix}Variables = ${this.variables(node)};`);
    }
    const head: string[] = [];
    for (const name of [...this.usedEnums].sort()) {
      const type = this.schema.getType(name) as GraphQLEnumType;
      head.push(
        `export type ${name} = ${type
          .getValues()
          .map((v) => `'${v.name}'`)
          .join(' | ')};`,
      );
    }
    for (const name of [...this.usedInputs].sort()) {
      const type = this.schema.getType(name) as GraphQLInputObjectType;
      const lines = Object.values(type.getFields()).map(
        (f) => `${f.name}${isNonNullType(f.type) ? '' : '?'}: ${this.inputType(f.type)};`,
      );
      head.push(`export interface ${name} {\n${indent(lines.join('\n'), 2)}\n}`);
    }
    return [
      '// Generated by apps/dashboard/scripts/codegen.ts from packages/schema/schema.graphql and the',
      '// GraphQL documents in src/. Do not edit: run `npm run codegen -w @continuity/dashboard`.',
      '/* eslint-disable */',
      '',
      ...head.flatMap((h) => [h, '']),
      ...body.flatMap((b) => [b, '']),
    ].join('\n');
  }
}

/** The generated file's text, from the schema file and the documents in src/. */
export function generate(
  schemaText: string = readFileSync(SCHEMA_FILE, 'utf8'),
  documents: SourceDocument[] = findDocuments(),
): string {
  return new Generator(buildSchema(schemaText), documents).generate();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generate();
  writeFileSync(OUTPUT_FILE, text);
  console.log(`wrote ${relative(process.cwd(), OUTPUT_FILE)} (${text.split('\n').length} lines)`);
}
