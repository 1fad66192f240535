import { useEffect, useState } from 'react';
import { Empty, LoadError, Loading } from '../../components/States';
import { numeric, TableHead } from '../../components/TableHead';
import { request, RequestError } from '../../graphql/client';
import { historyRows, type HistoryRow } from './history';
import { SUBMISSION_HISTORY_QUERY } from './queries';
import type { SubmissionHistoryQuery } from '../../graphql/generated';

type State =
  | { status: 'loading' }
  | { status: 'error'; error: RequestError }
  | { status: 'success'; data: SubmissionHistoryQuery };

/**
 * Every submission the viewer may see, from the data service (it decides which: a council's and its
 * practices', a practice's own), newest first. Not cached: `version` changes after each upload and the
 * list is asked for again.
 */
export function SubmissionHistory({ token, version }: { token: string; version: number }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    request(SUBMISSION_HISTORY_QUERY, {}, { signal: controller.signal, token }).then(
      (data) => setState({ status: 'success', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof RequestError ? error : new RequestError('network', String(error), { cause: error }),
        });
      },
    );
    return () => controller.abort();
  }, [token, version, attempt]);

  return (
    <section aria-labelledby="history-heading" className="app-results">
      <h2 className="govuk-heading-l" id="history-heading">
        Returns sent
      </h2>
      {state.status === 'loading' ? <Loading>Loading the returns sent…</Loading> : null}
      {state.status === 'error' ? (
        <LoadError what="the returns sent" error={state.error} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {state.status === 'success' ? <HistoryTable rows={historyRows(state.data.submissions)} /> : null}
    </section>
  );
}

function HistoryTable({ rows }: { rows: HistoryRow[] }) {
  if (rows.length === 0) return <Empty>No returns have been sent yet.</Empty>;
  return (
    <div className="app-table-scroll" role="region" aria-labelledby="return-history-caption" tabIndex={0}>
      <table className="govuk-table" data-testid="return-history">
        <caption className="govuk-table__caption govuk-table__caption--m" id="return-history-caption">
          Returns sent, newest first
        </caption>
        <TableHead
          columns={['When', 'Return', 'Year', 'For', 'Status', 'Rows read', numeric('Errors'), numeric('Warnings')]}
        />
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <HistoryTableRow key={row.id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistoryTableRow({ row }: { row: HistoryRow }) {
  const { errors, warnings } = row.submission;
  const issues = [
    ...errors.map((i) => ({ ...i, severity: 'Error' })),
    ...warnings.map((i) => ({ ...i, severity: 'Warning' })),
  ];
  // Entries the API holds (listed issues and summary lines), to say when not all were fetched.
  const entries = row.errorCount + row.warningCount;
  return (
    <>
      <tr
        className="govuk-table__row"
        data-testid="return-history-row"
        data-submission-id={row.id}
        data-status={row.submission.status}
      >
        <td className="govuk-table__cell">
          <time dateTime={row.at}>{row.when}</time>
        </td>
        <td className="govuk-table__cell">
          {row.kind} <span className="app-muted">(submission {row.id})</span>
        </td>
        <td className="govuk-table__cell">{row.year}</td>
        <td className="govuk-table__cell">{row.who}</td>
        <td className="govuk-table__cell">
          <strong className={`govuk-tag ${row.tagClass}`}>{row.status}</strong>
        </td>
        <td className="govuk-table__cell app-wrap">{row.counts}</td>
        <td className="govuk-table__cell govuk-table__cell--numeric">{row.errorTotal.toLocaleString('en-GB')}</td>
        <td className="govuk-table__cell govuk-table__cell--numeric">{row.warningTotal.toLocaleString('en-GB')}</td>
      </tr>
      {entries > 0 ? (
        <tr className="govuk-table__row">
          <td className="govuk-table__cell" colSpan={8}>
            <details className="govuk-details govuk-!-margin-bottom-0">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  What was wrong with submission {row.id} ({row.errorTotal.toLocaleString('en-GB')}{' '}
                  {row.errorTotal === 1 ? 'error' : 'errors'}, {row.warningTotal.toLocaleString('en-GB')}{' '}
                  {row.warningTotal === 1 ? 'warning' : 'warnings'})
                </span>
              </summary>
              <div className="govuk-details__text">
                <table className="govuk-table app-data-table">
                  <caption className="govuk-table__caption govuk-visually-hidden">
                    Errors and warnings of submission {row.id}, with the file, row, column and DfE rule of each
                  </caption>
                  <TableHead columns={['Severity', 'File', numeric('Row'), 'Column', 'Rule', 'What is wrong']} />
                  <tbody className="govuk-table__body">
                    {issues.map((i, n) => (
                      <tr className="govuk-table__row" key={n}>
                        <td className="govuk-table__cell">{i.severity}</td>
                        <td className="govuk-table__cell">{i.file || 'The return'}</td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          {i.more != null ? 'Not listed' : i.row === 0 ? 'Whole file' : i.row}
                        </td>
                        <td className="govuk-table__cell">{i.column || '-'}</td>
                        <td className="govuk-table__cell">{i.rule}</td>
                        <td className="govuk-table__cell app-wrap">{i.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {issues.length < entries ? (
                  <p className="govuk-body-s">
                    The first {errors.length} lines of errors and {warnings.length} of warnings are shown.
                  </p>
                ) : null}
                {issues.some((i) => i.more != null) ? (
                  <p className="govuk-body-s">
                    A return keeps a limited number of each rule; a line for each rule cut short says how many more
                    there were.
                  </p>
                ) : null}
              </div>
            </details>
          </td>
        </tr>
      ) : null}
    </>
  );
}
