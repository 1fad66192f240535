/**
 * A tiny GraphQL client: one POST to /graphql per request, typed by the query constant.
 * Queries live beside the components that use them as `gql<Data, Variables>(...)` constants.
 */

/** A query string that carries the types of its result and variables (phantom fields, never set). */
export interface TypedQuery<TData, TVariables> {
  readonly source: string;
  /** The operation name, read from the source: sent to the gateway and shown in its logs. */
  readonly operationName: string | null;
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

export type ResultOf<Q> = Q extends TypedQuery<infer D, unknown> ? D : never;
export type VariablesOf<Q> = Q extends TypedQuery<unknown, infer V> ? V : never;

export function gql<TData, TVariables = Record<string, never>>(source: string): TypedQuery<TData, TVariables> {
  const match = /^\s*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(source);
  return { source, operationName: match?.[1] ?? null };
}

export type RequestErrorKind = 'network' | 'http' | 'graphql' | 'aborted';

/** Why a request failed: no answer, a non-2xx answer, or GraphQL errors in the answer. */
export class RequestError extends Error {
  readonly kind: RequestErrorKind;
  readonly status: number | null;
  /** Error codes from `extensions.code`, e.g. BAD_USER_INPUT. */
  readonly codes: string[];

  constructor(kind: RequestErrorKind, message: string, options: { status?: number; codes?: string[]; cause?: unknown } = {}) {
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
}

export async function request<TData, TVariables>(
  query: TypedQuery<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<TData> {
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(options.endpoint ?? '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query: query.source, variables, operationName: query.operationName }),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw new RequestError('aborted', 'The request was cancelled', { cause });
    throw new RequestError('network', 'Could not reach the data service', { cause });
  }

  let body: GraphQLResponse<TData> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch (cause) {
    if (options.signal?.aborted) throw new RequestError('aborted', 'The request was cancelled', { cause });
    if (!response.ok) throw new RequestError('http', `The data service answered ${response.status}`, { status: response.status });
    throw new RequestError('http', 'The data service sent an answer that is not JSON', { status: response.status, cause });
  }

  // GraphQL over HTTP answers some errors (e.g. bad input) with 4xx and a JSON body of errors.
  if (body?.errors && body.errors.length > 0) {
    const messages = body.errors.map((e) => (typeof e.message === 'string' ? e.message : 'Unknown error'));
    const codes = body.errors.flatMap((e) => (typeof e.extensions?.code === 'string' ? [e.extensions.code] : []));
    throw new RequestError('graphql', messages.join('; '), { status: response.status, codes });
  }
  if (!response.ok) throw new RequestError('http', `The data service answered ${response.status}`, { status: response.status });
  if (body?.data == null) throw new RequestError('graphql', 'The data service sent no data', { status: response.status });
  return body.data;
}
