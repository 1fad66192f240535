/**
 * A tiny GraphQL client: one POST to /graphql per request, typed by the query constant, with the
 * signed-in viewer's token as `Authorization: Bearer <token>`.
 * Queries live beside the components that use them as `gql<Data, Variables>(...)` constants; their
 * types are generated from packages/schema/schema.graphql (scripts/codegen.ts -> generated.ts).
 */
import { currentToken } from '../auth/session';
import { sessionCommitPositions, type CommitPositions } from './commitPosition';

/** A query string that carries the types of its result and variables (phantom fields, never set). */
export interface TypedQuery<TData, TVariables> {
  readonly source: string;
  /** The operation name, read from the source: sent to the gateway and shown in its logs. */
  readonly operationName: string | null;
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

/** A fragment: its source is appended (once) to every query that is built with it. */
export interface Fragment {
  readonly fragmentSource: string;
  readonly fragments: readonly Fragment[];
}

export function fragment(source: string, fragments: readonly Fragment[] = []): Fragment {
  return { fragmentSource: source, fragments };
}

function collectFragments(fragments: readonly Fragment[], into: string[]): string[] {
  for (const f of fragments) {
    collectFragments(f.fragments, into);
    if (!into.includes(f.fragmentSource)) into.push(f.fragmentSource);
  }
  return into;
}

export function gql<TData, TVariables = Record<string, never>>(
  source: string,
  fragments: readonly Fragment[] = [],
): TypedQuery<TData, TVariables> {
  const match = /^\s*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(source);
  const full = [source, ...collectFragments(fragments, [])].join('\n');
  return { source: fragments.length > 0 ? full : source, operationName: match?.[1] ?? null };
}

/** `unauthenticated`: no token, or the gateway no longer accepts it (sign in again). */
export type RequestErrorKind = 'network' | 'http' | 'graphql' | 'aborted' | 'unauthenticated';

/** Why a request failed: no answer, a non-2xx answer, or GraphQL errors in the answer. */
export class RequestError extends Error {
  readonly kind: RequestErrorKind;
  readonly status: number | null;
  /** Error codes from `extensions.code`, e.g. BAD_USER_INPUT. */
  readonly codes: string[];

  constructor(
    kind: RequestErrorKind,
    message: string,
    options: { status?: number; codes?: string[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'RequestError';
    this.kind = kind;
    this.status = options.status ?? null;
    this.codes = options.codes ?? [];
  }
}

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown };
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: GraphQLErrorShape[];
}

export interface RequestOptions {
  signal?: AbortSignal;
  endpoint?: string;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** The bearer token; the signed-in session's by default (null sends none). */
  token?: string | null;
  /**
   * Read-your-writes (./commitPosition.ts): the position sent as X-Min-Lsn, and where an answer's
   * X-Commit-Lsn (a mutation's) is kept. The tab's session positions by default.
   */
  positions?: CommitPositions;
}

/** The gateway refuses requests without a valid token with 401 or the code UNAUTHENTICATED. */
function isUnauthenticated(status: number, codes: readonly string[]): boolean {
  return status === 401 || codes.includes('UNAUTHENTICATED');
}

export async function request<TData, TVariables>(
  query: TypedQuery<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TData> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const token = options.token === undefined ? currentToken() : options.token;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const positions = options.positions ?? sessionCommitPositions;
  const minLsn = positions.current();
  if (minLsn) headers['x-min-lsn'] = minLsn;
  let response: Response;
  try {
    response = await doFetch(options.endpoint ?? '/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: query.source, variables, operationName: query.operationName }),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw new RequestError('aborted', 'The request was cancelled', { cause });
    throw new RequestError('network', 'Could not reach the data service', { cause });
  }

  // A mutation's answer says where its commit is: later reads must see it.
  positions.remember(response.headers?.get('x-commit-lsn'));

  let body: GraphQLResponse<TData> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch (cause) {
    if (options.signal?.aborted) throw new RequestError('aborted', 'The request was cancelled', { cause });
    if (isUnauthenticated(response.status, [])) {
      throw new RequestError('unauthenticated', 'Not signed in', { status: response.status });
    }
    if (!response.ok)
      throw new RequestError('http', `The data service answered ${response.status}`, { status: response.status });
    throw new RequestError('http', 'The data service sent an answer that is not JSON', {
      status: response.status,
      cause,
    });
  }

  // GraphQL over HTTP answers some errors (e.g. bad input) with 4xx and a JSON body of errors.
  if (body?.errors && body.errors.length > 0) {
    const messages = body.errors.map((e) => (typeof e.message === 'string' ? e.message : 'Unknown error'));
    const codes = body.errors.flatMap((e) => (typeof e.extensions?.code === 'string' ? [e.extensions.code] : []));
    if (isUnauthenticated(response.status, codes)) {
      throw new RequestError('unauthenticated', messages.join('; '), { status: response.status, codes });
    }
    throw new RequestError('graphql', messages.join('; '), { status: response.status, codes });
  }
  if (isUnauthenticated(response.status, []))
    throw new RequestError('unauthenticated', 'Not signed in', { status: response.status });
  if (!response.ok)
    throw new RequestError('http', `The data service answered ${response.status}`, { status: response.status });
  if (body?.data == null)
    throw new RequestError('graphql', 'The data service sent no data', { status: response.status });
  return body.data;
}
