import { useMemo } from 'react';
import { Empty, LoadError, Loading } from '../../components/States';
import { numeric, TableHead } from '../../components/TableHead';
import { DownloadCsv } from '../../figures/DownloadCsv';
import { useQuery } from '../../graphql/useQuery';
import { RECONCILIATION_QUERY } from './queries';
import { reconciliationCsv, reconciliationFileName, reconciliationTable } from './reconcile';

/**
 * "Your figures against DfE's": for each indicator and year the council's return gives a figure for,
 * the figure computed from it beside DfE's published one, the difference and why (from the API).
 */
export function Reconciliation({ code }: { code: string }) {
  const state = useQuery(
    RECONCILIATION_QUERY,
    useMemo(() => ({ code }), [code]),
  );
  const rows = state.status === 'success' ? (state.data.reconciliation ?? []) : [];
  const table = useMemo(() => reconciliationTable(rows), [rows]);
  const csv = useMemo(() => reconciliationCsv(rows), [rows]);
  return (
    <section aria-labelledby="reconciliation-heading" data-testid="reconciliation">
      <h2 className="govuk-heading-l" id="reconciliation-heading">
        Your figures against DfE&rsquo;s
      </h2>
      <p className="govuk-body">
        Each figure computed from your accepted returns beside the figure DfE published for the same indicator and year,
        exactly as DfE published it. Differences usually come from DfE&rsquo;s cut-off (late returns, records amended
        since), DfE&rsquo;s rounding, or a different cohort.
      </p>
      {state.status === 'loading' || state.status === 'idle' ? <Loading>Loading your figures…</Loading> : null}
      {state.status === 'error' ? <LoadError what="your figures" error={state.error} onRetry={state.retry} /> : null}
      {state.status === 'success' && table.length === 0 ? (
        <Empty>No figures computed from your returns yet: send a return first.</Empty>
      ) : null}
      {table.length > 0 ? (
        <>
          <table className="govuk-table" data-testid="reconciliation-table">
            <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">
              Computed against published figures
            </caption>
            <TableHead
              columns={[
                'Indicator',
                'Year',
                numeric('From your return'),
                numeric('Published by DfE'),
                numeric('Difference'),
                'Why',
              ]}
            />
            <tbody className="govuk-table__body">
              {table.map((r) => (
                <tr key={r.key} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {r.indicator}
                  </th>
                  <td className="govuk-table__cell">{r.year}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.computed}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.published}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{r.difference}</td>
                  <td className="govuk-table__cell">{r.reasons.join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <DownloadCsv rows={csv} fileName={reconciliationFileName(code)} label="Download these figures" />
        </>
      ) : null}
    </section>
  );
}
