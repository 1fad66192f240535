/**
 * An admin list read afresh whenever `version` changes (after each change the admin makes), not
 * from the dashboard's query cache: the directory and the log change under the admin's own hands.
 */
import { useEffect, useState } from 'react';
import { signOut, useSession } from '../../auth/session';
import { request, RequestError, type TypedQuery } from '../../graphql/client';
import { clearQueryCache } from '../../graphql/useQuery';

export type FreshState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: RequestError; retry: () => void }
  | { status: 'success'; data: T };

export function useFresh<TData, TVariables>(
  query: TypedQuery<TData, TVariables>,
  variables: TVariables,
  version: number,
): FreshState<TData> {
  const token = useSession()?.token ?? null;
  const [state, setState] = useState<FreshState<TData>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    const controller = new AbortController();
    request(query, variables, { signal: controller.signal, token }).then(
      (data) => setState({ status: 'success', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failed =
          error instanceof RequestError ? error : new RequestError('network', String(error), { cause: error });
        if (failed.kind === 'unauthenticated') {
          clearQueryCache();
          signOut();
          return;
        }
        setState({ status: 'error', error: failed, retry: () => setAttempt((n) => n + 1) });
      },
    );
    return () => controller.abort();
    // `variables` is compared by value, through `key`.
  }, [query, key, token, version, attempt]);
  return state;
}
