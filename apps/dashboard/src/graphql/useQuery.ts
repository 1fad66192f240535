import { useCallback, useEffect, useState } from 'react';
import { signOut, useSession } from '../auth/session';
import { request, RequestError, type TypedQuery } from './client';

export type QueryState<TData> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: RequestError; retry: () => void }
  | { status: 'success'; data: TData };

/**
 * Answers already received, by query and variables, so back / forward shows a view again at once.
 * Small and per page load: figures change at most daily.
 */
const cache = new Map<string, unknown>();
const CACHE_LIMIT = 300;

function remember(key: string, data: unknown): void {
  cache.delete(key);
  cache.set(key, data);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
}

/** Forgets every answer (on sign-in and sign-out: what a viewer may see differs). */
export function clearQueryCache(): void {
  cache.clear();
}

function toRequestError(error: unknown): RequestError {
  return error instanceof RequestError ? error : new RequestError('network', String(error), { cause: error });
}

/** Answers depend on who asks: the signed-in token is part of the key. */
function cacheKey<TVariables>(
  token: string | null,
  query: TypedQuery<unknown, TVariables>,
  variables: TVariables,
): string {
  return `${token ?? ''}\n${query.source}\n${JSON.stringify(variables)}`;
}

/**
 * Asks for one answer, caches it under `key` and tells `on.answer` (the hook reads it from the cache).
 * A cancelled request is dropped; a refused or expired token signs out (App sends anyone signed out
 * to the sign-in page); any other failure goes to `on.failure`.
 */
function fetchIntoCache<TData, TVariables>(
  query: TypedQuery<TData, TVariables>,
  variables: TVariables,
  key: string,
  token: string | null,
  signal: AbortSignal,
  on: { answer: () => void; failure: (error: RequestError) => void },
): void {
  request(query, variables, { signal, token }).then(
    (data) => {
      remember(key, data);
      on.answer();
    },
    (error: unknown) => {
      const failed = toRequestError(error);
      if (failed.kind === 'aborted' || signal.aborted) return;
      if (failed.kind === 'unauthenticated') {
        clearQueryCache();
        signOut();
        return;
      }
      on.failure(failed);
    },
  );
}

interface Failure {
  key: string;
  attempt: number;
  error: RequestError;
}

/**
 * Runs a query whenever its variables change (compared by value). `variables === null` skips it
 * (state `idle`), e.g. until there is something to ask for.
 */
export function useQuery<TData, TVariables>(
  query: TypedQuery<TData, TVariables>,
  variables: TVariables | null,
): QueryState<TData> {
  const session = useSession();
  const token = session?.token ?? null;
  const key = variables === null ? null : cacheKey(token, query, variables);
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Bumped when an answer arrives, to re-render; the answer itself is read from the cache.
  const [, setReceived] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (key === null || variables === null || cache.has(key)) return undefined;
    const controller = new AbortController();
    fetchIntoCache(query, variables, key, token, controller.signal, {
      answer: () => setReceived((n) => n + 1),
      failure: (error) => setFailure({ key, attempt, error }),
    });
    return () => controller.abort();
    // `variables` is left out on purpose: it is compared by value, through `key`.
  }, [key, attempt, query, token]);

  if (key === null) return { status: 'idle' };
  if (cache.has(key)) return { status: 'success', data: cache.get(key) as TData };
  if (failure && failure.key === key && failure.attempt === attempt) {
    return { status: 'error', error: failure.error, retry };
  }
  return { status: 'loading' };
}

/**
 * The same query for a list of variables (e.g. one series per indicator), answered in parallel and
 * cached like useQuery; one state per entry, in order. `list === null` skips them all.
 */
export function useQueries<TData, TVariables>(
  query: TypedQuery<TData, TVariables>,
  list: readonly TVariables[] | null,
): QueryState<TData>[] {
  const session = useSession();
  const token = session?.token ?? null;
  const keys = (list ?? []).map((variables) => cacheKey(token, query, variables));
  const joined = keys.join('\u0000');
  const [attempt, setAttempt] = useState(0);
  const [failures, setFailures] = useState<Map<string, Failure>>(() => new Map());
  const [, setReceived] = useState(0);
  const retry = useCallback(() => {
    setFailures(new Map());
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!list) return undefined;
    const controller = new AbortController();
    list.forEach((variables, index) => {
      const key = keys[index];
      if (key === undefined || cache.has(key)) return;
      fetchIntoCache(query, variables, key, token, controller.signal, {
        answer: () => setReceived((n) => n + 1),
        failure: (error) => setFailures((current) => new Map(current).set(key, { key, attempt, error })),
      });
    });
    return () => controller.abort();
    // `list` is compared by value, through `joined`.
  }, [joined, attempt, query, token]);

  return keys.map((key): QueryState<TData> => {
    if (cache.has(key)) return { status: 'success', data: cache.get(key) as TData };
    const failure = failures.get(key);
    if (failure && failure.attempt === attempt) return { status: 'error', error: failure.error, retry };
    return { status: 'loading' };
  });
}
