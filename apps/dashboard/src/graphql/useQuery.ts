import { useCallback, useEffect, useState } from 'react';
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
const CACHE_LIMIT = 50;

function remember(key: string, data: unknown): void {
  cache.delete(key);
  cache.set(key, data);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
}

function toRequestError(error: unknown): RequestError {
  return error instanceof RequestError ? error : new RequestError('network', String(error), { cause: error });
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
  const key = variables === null ? null : `${query.source}\n${JSON.stringify(variables)}`;
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<Failure | null>(null);
  // Bumped when an answer arrives, to re-render; the answer itself is read from the cache.
  const [, setReceived] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (key === null || variables === null || cache.has(key)) return undefined;
    const controller = new AbortController();
    request(query, variables, { signal: controller.signal }).then(
      (data) => {
        remember(key, data);
        setReceived((n) => n + 1);
      },
      (error: unknown) => {
        const failed = toRequestError(error);
        if (failed.kind === 'aborted' || controller.signal.aborted) return;
        setFailure({ key, attempt, error: failed });
      },
    );
    return () => controller.abort();
    // `variables` is left out on purpose: it is compared by value, through `key`.
  }, [key, attempt, query]);

  if (key === null) return { status: 'idle' };
  if (cache.has(key)) return { status: 'success', data: cache.get(key) as TData };
  if (failure && failure.key === key && failure.attempt === attempt) {
    return { status: 'error', error: failure.error, retry };
  }
  return { status: 'loading' };
}
