import { lazy, Suspense, useMemo, useState } from 'react';
import { Empty, LoadError, Loading } from '../../components/States';
import { numeric, TableHead } from '../../components/TableHead';
import { csvFileName } from '../../figures/csv';
import { DownloadCsv } from '../../figures/DownloadCsv';
import { useQueries } from '../../graphql/useQuery';
import { ChartErrorBoundary } from '../compare/ChartErrorBoundary';
import { CONTINUITY_LEDGER_QUERY, type ContinuityLedgerData, type LedgerYear } from './queries';
import { changesCsv, curveCsv, estimateText, outcomesOf, reasonRows, stepRows } from './shape';

const loadCharts = () => import('./LedgerCharts');
const SurvivalChart = lazy(() => loadCharts().then((m) => ({ default: m.SurvivalChart })));
const ReasonsChart = lazy(() => loadCharts().then((m) => ({ default: m.ReasonsChart })));

export interface LedgerSubject {
  kind: 'COUNCIL' | 'PRACTICE' | 'REGION' | 'ENGLAND';
  id: string;
  name: string;
}

/**
 * The continuity ledger (issue 15) for some subjects: how long children keep their social worker
 * (Kaplan-Meier with its 95% band), why workers changed and what became of the worker (the 903 joined
 * to the workforce census by registration number within the council), for a chosen year. Figures are
 * the data service's, disclosure-controlled for non-owners; the shares (no change, turnover) are
 * indicators shown with the other figures.
 */
export function ContinuityLedger({ subjects, intro }: { subjects: readonly LedgerSubject[]; intro: string }) {
  const variables = useMemo(() => subjects.map((s) => ({ subject: { kind: s.kind, id: s.id } })), [subjects]);
  const states = useQueries(CONTINUITY_LEDGER_QUERY, variables);
  const loaded = subjects.flatMap((s, i) => {
    const st = states[i];
    return st && st.status === 'success' && st.data.continuityLedger
      ? [{ subject: s, ledger: st.data.continuityLedger }]
      : [];
  });
  const years = [...new Set(loaded.flatMap((l) => l.ledger.years.map((y) => y.period)))].sort((a, b) => a - b);
  const [chosen, setChosen] = useState<number | null>(null);
  const year = chosen !== null && years.includes(chosen) ? chosen : (years[years.length - 1] ?? null);
  const failed = states.find((s) => s.status === 'error');

  return (
    <section aria-labelledby="ledger-heading" className="app-results" data-testid="continuity-ledger">
      <h2 className="govuk-heading-l" id="ledger-heading">
        What turnover costs children in continuity
      </h2>
      <p className="govuk-body">{intro}</p>
      {failed && failed.status === 'error' ? (
        <LoadError what="the continuity ledger" error={failed.error} onRetry={failed.retry} />
      ) : null}
      {states.some((s) => s.status === 'loading') ? <Loading>Loading the continuity ledger…</Loading> : null}
      {years.length === 0 && !states.some((s) => s.status === 'loading') ? (
        <Empty>No social worker episodes from returns are held for these yet.</Empty>
      ) : null}
      {years.length > 1 ? (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="ledger-year">
            Year ending 31 March
          </label>
          <select
            className="govuk-select"
            id="ledger-year"
            value={year ?? ''}
            onChange={(e) => setChosen(Number(e.target.value))}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {year !== null ? (
        <HeadlineTable rows={loaded.flatMap((l) => pickYear(l.subject, l.ledger, year))} year={year} />
      ) : null}
      {year !== null
        ? loaded
            .flatMap((l) => pickYear(l.subject, l.ledger, year))
            .map(({ subject, data }) => <SubjectLedger key={subject.id} subject={subject} year={data} />)
        : null}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How the ledger is worked out</span>
        </summary>
        <div className="govuk-details__text">
          A child-worker relationship runs from the first social worker episode with a worker to the day another worker
          takes over (consecutive episodes with the same registration number are one relationship). Relationships still
          open at 31 March, or whose child left care, are censored; those carried in from earlier years enter the risk
          set on 1 April (delayed entry). The curve is the Kaplan-Meier estimate, with Greenwood&rsquo;s 95% band. A
          change is put down to turnover when the previous worker&rsquo;s registration number is in the council&rsquo;s
          workforce census with a leaving date within 92 days of the change (an agency worker: the assignment ended);
          found without one, the worker stayed. Registration numbers are matched within the council only and never
          shown. For other organisations&rsquo; figures, the curve stops where 5 or fewer relationships remain and small
          counts are suppressed (c).
        </div>
      </details>
    </section>
  );
}

function pickYear(
  subject: LedgerSubject,
  ledger: NonNullable<ContinuityLedgerData['continuityLedger']>,
  period: number,
) {
  const data = ledger.years.find((y) => y.period === period);
  return data ? [{ subject, data }] : [];
}

function HeadlineTable({ rows, year }: { rows: { subject: LedgerSubject; data: LedgerYear }[]; year: number }) {
  const csv = [
    [
      'subject',
      'year_ending_31_march',
      'councils_included',
      'relationships',
      'median_days',
      'same_worker_6_months',
      'lower_95',
      'upper_95',
      'same_worker_12_months',
      'lower_95',
      'upper_95',
      'curve_truncated',
    ],
    ...rows.map(({ subject, data: y }) => [
      subject.name,
      year,
      y.councils,
      y.headline.relationships,
      y.headline.medianDays,
      y.headline.sixMonths?.survival ?? null,
      y.headline.sixMonths?.lower ?? null,
      y.headline.sixMonths?.upper ?? null,
      y.headline.twelveMonths?.survival ?? null,
      y.headline.twelveMonths?.lower ?? null,
      y.headline.twelveMonths?.upper ?? null,
      y.headline.truncated ? 'yes' : 'no',
    ]),
  ];
  return (
    <>
      <div className="app-table-scroll" role="region" aria-labelledby="ledger-headline-caption" tabIndex={0}>
        <table className="govuk-table app-data-table" data-testid="ledger-headline">
          <caption className="govuk-table__caption govuk-table__caption--m" id="ledger-headline-caption">
            How long children keep their social worker, year ending 31 March {year}
          </caption>
          <TableHead
            columns={[
              'Council or practice',
              numeric('Relationships'),
              numeric('Median days'),
              numeric('Same worker after 6 months (95% band)'),
              numeric('After 12 months (95% band)'),
            ]}
          />
          <tbody className="govuk-table__body">
            {rows.map(({ subject, data: y }) => (
              <tr className="govuk-table__row" key={subject.id}>
                <th scope="row" className="govuk-table__header">
                  {subject.name}
                  {y.councils > 1 ? ` (${y.councils} councils)` : ''}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{y.headline.relationships ?? 'c'}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {y.headline.medianDays ?? (y.headline.truncated ? 'Not shown' : 'Not reached')}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{estimateText(y.headline.sixMonths)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {estimateText(y.headline.twelveMonths)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DownloadCsv rows={csv} fileName={csvFileName('continuity-headline', year)} label="Download this table" />
    </>
  );
}

function SubjectLedger({ subject, year }: { subject: LedgerSubject; year: LedgerYear }) {
  const steps = useMemo(() => stepRows(year.points), [year.points]);
  const reasons = useMemo(() => reasonRows(year.changes), [year.changes]);
  const outcomes = useMemo(() => outcomesOf(year.changes), [year.changes]);
  const slug = `${subject.kind.toLowerCase()}-${subject.id}`;
  const curveTitle = `How long children keep their social worker: ${subject.name}, year ending 31 March ${year.period}`;
  const reasonTitle = `Why children's social workers changed: ${subject.name}, year ending 31 March ${year.period}`;
  return (
    <div className="app-small-multiples" data-subject={slug}>
      <section
        className="app-figure-block"
        aria-labelledby={`survival-${slug}-title`}
        data-figure="continuity-survival"
      >
        <h3 className="govuk-heading-m" id={`survival-${slug}-title`}>
          {curveTitle}
        </h3>
        <p className="govuk-body-s" id={`survival-${slug}-note`}>
          Share of child-worker relationships still going, by days since they began (Kaplan-Meier), with its 95% band.
          Computed from returns{year.councils > 1 ? `: ${year.councils} councils' returns pooled` : ''}.
          {year.headline.truncated ? ' The curve stops where 5 or fewer relationships remain.' : ''}
        </p>
        {year.points.length === 0 ? (
          <div className="govuk-inset-text">No curve can be shown.</div>
        ) : (
          <ChartErrorBoundary>
            <Suspense fallback={<Loading>Loading chart…</Loading>}>
              <SurvivalChart rows={steps} title={curveTitle} describedBy={`survival-${slug}-note`} />
            </Suspense>
          </ChartErrorBoundary>
        )}
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Table and download</span>
          </summary>
          <div className="govuk-details__text">
            <table className="govuk-table app-data-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Table: {curveTitle}</caption>
              <TableHead
                columns={[
                  numeric('Day'),
                  numeric('At risk'),
                  numeric('Changes'),
                  numeric('Censored'),
                  numeric('Still with worker'),
                  numeric('95% band'),
                ]}
              />
              <tbody className="govuk-table__body">
                {year.points.map((p) => (
                  <tr className="govuk-table__row" key={p.day}>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{p.day}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{p.atRisk ?? 'c'}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{p.events ?? 'c'}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{p.censored ?? 'c'}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{(p.survival * 100).toFixed(1)}%</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {(p.lower * 100).toFixed(0)}% to {(p.upper * 100).toFixed(0)}%
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <DownloadCsv
              rows={curveCsv(subject.name, year.period, year.points)}
              fileName={csvFileName('continuity-survival', subject.name, year.period)}
            />
          </div>
        </details>
      </section>
      <section className="app-figure-block" aria-labelledby={`reasons-${slug}-title`} data-figure="continuity-reasons">
        <h3 className="govuk-heading-m" id={`reasons-${slug}-title`}>
          {reasonTitle}
        </h3>
        <p className="govuk-body-s" id={`reasons-${slug}-note`}>
          Changes of social worker by the reason recorded (SW_REASON), split by what the workforce census says became of
          the worker the child lost. Unit: count of changes. Computed from returns.
        </p>
        {reasons.length === 0 ? (
          <div className="govuk-inset-text">No changes of worker are recorded for this year.</div>
        ) : (
          <ChartErrorBoundary>
            <Suspense fallback={<Loading>Loading chart…</Loading>}>
              <ReasonsChart
                rows={reasons}
                outcomes={outcomes}
                title={reasonTitle}
                describedBy={`reasons-${slug}-note`}
              />
            </Suspense>
          </ChartErrorBoundary>
        )}
        {reasons.length > 0 ? (
          <>
            <div className="app-table-scroll" role="region" aria-label={`Table: ${reasonTitle}`} tabIndex={0}>
              <table className="govuk-table app-data-table" data-testid="ledger-reasons">
                <caption className="govuk-table__caption govuk-table__caption--s">Table: {reasonTitle}</caption>
                <TableHead columns={['Reason', ...outcomes.map((o) => numeric(o.label))]} />
                <tbody className="govuk-table__body">
                  {reasons.map((r) => (
                    <tr className="govuk-table__row" key={r.reason}>
                      <th scope="row" className="govuk-table__header">
                        {r.label}
                      </th>
                      {outcomes.map((o) => (
                        <td className="govuk-table__cell govuk-table__cell--numeric" key={o.outcome}>
                          {o.outcome in r.counts ? (r.counts[o.outcome] ?? r.symbols[o.outcome] ?? 'c') : 0}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <DownloadCsv
              rows={changesCsv(subject.name, year.period, year.changes)}
              fileName={csvFileName('continuity-changes', subject.name, year.period)}
            />
          </>
        ) : null}
      </section>
    </div>
  );
}
