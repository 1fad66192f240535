/** Small shared pieces of the payments page: CSV link, a mutation/request hook, years. */
import { useEffect, useState, type ReactNode } from 'react';
import { signOut } from '../../auth/session';
import { clearQueryCache } from '../../graphql/useQuery';
import { request, RequestError, type TypedQuery } from '../../graphql/client';

/** A download link for CSV text as the API sent it. */
export function CsvLink({ csv, fileName, children }: { csv: string; fileName: string; children: ReactNode }) {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [csv]);
  if (!href) return null;
  return (
    <p className="govuk-body app-download">
      <a className="govuk-link" href={href} download={fileName} data-testid="statement-csv">
        {children}
      </a>
    </p>
  );
}

export type RunState<T> =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'error'; error: RequestError }
  | { status: 'done'; data: T };

/** Runs a query or mutation on demand (not cached); signs out on a refused token. */
export function useRun<TData, TVariables>(query: TypedQuery<TData, TVariables>) {
  const [state, setState] = useState<RunState<TData>>({ status: 'idle' });
  const run = async (variables: TVariables): Promise<TData | null> => {
    setState({ status: 'running' });
    try {
      const data = await request(query, variables);
      setState({ status: 'done', data });
      return data;
    } catch (error) {
      const failed = error instanceof RequestError ? error : new RequestError('network', String(error));
      if (failed.kind === 'unauthenticated') {
        clearQueryCache();
        signOut();
      }
      setState({ status: 'error', error: failed });
      return null;
    }
  };
  const reset = () => setState({ status: 'idle' });
  return { state, run, reset };
}

/** A reporting year, "2023-24". */
export function yearLabel(period: number): string {
  return `${period - 1}-${String(period % 100).padStart(2, '0')}`;
}

export function yearsOf(start: number, end: number): number[] {
  const out: number[] = [];
  for (let y = start; y <= end && out.length < 50; y += 1) out.push(y);
  return out;
}
