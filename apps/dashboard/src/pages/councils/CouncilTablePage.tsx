/**
 * Every council (issue 16), as DfE's LAIT tabulates them: one indicator and year, each council's
 * published figure, rank and quartile band (the same for every viewer), change and trend, its 95%
 * interval and whether that excludes England's figure, and its statistical neighbours' median;
 * sortable, with CSV and spreadsheet downloads, and one council's neighbours one by one.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Empty, LoadError, Loading } from '../../components/States';
import { useQuery } from '../../graphql/useQuery';
import { formatValue, periodLabel, polarityLabel } from '../../format/values';
import { useUrlView } from '../../router';
import { SelectField } from '../payments/fields';
import { Downloads } from './Downloads';
import { COUNCIL_TABLE_QUERY, INDICATORS_QUERY, PERIODS_QUERY, type TableData, type TableRow } from './queries';
import {
  bandLabel,
  changeText,
  councilName,
  downloadRows,
  fileStem,
  funnelLabel,
  intervalText,
  sortRows,
  specOf,
  trendLabel,
  valueText,
  verdictLabel,
  type SortKey,
} from './table';
import { parseView, serialiseView, type CouncilTableView } from './urlState';

const NO_VARIABLES = {};

const FunnelChart = lazy(() => import('./FunnelChart'));

export default function CouncilTablePage() {
  const { view, show } = useUrlView(parseView, serialiseView);
  const indicators = useQuery(INDICATORS_QUERY, NO_VARIABLES);
  const periods = useQuery(PERIODS_QUERY, { indicatorId: view.indicator });
  const years = periods.status === 'success' ? [...periods.data.series.periods].sort((a, b) => b - a) : [];
  const year = view.year !== null && years.includes(view.year) ? view.year : (years[0] ?? null);
  const table = useQuery(COUNCIL_TABLE_QUERY, year === null ? null : { indicatorId: view.indicator, period: year });
  const data = table.status === 'success' ? table.data.councilTable : null;

  useEffect(() => {
    document.title = `${data ? `${data.indicator.title} - ` : ''}Every council - Continuity data hub`;
  }, [data]);

  return (
    <>
      <h1 className="govuk-heading-xl">Every council</h1>
      <p className="govuk-body">
        DfE's published figure for every council, for one indicator and year, ranked and banded as DfE's Local Authority
        Interactive Tool (LAIT) does, so every reader sees the same ranks. Small councils' figures move by chance: the
        95% interval shows how much, and a council is called better or worse than England only when its interval leaves
        England's figure out.
      </p>
      {indicators.status === 'success' ? (
        <ChooseForm
          key={`${view.indicator}-${year}`}
          view={{ ...view, year }}
          indicators={indicators.data.indicators}
          years={years}
          periodType={data && data.indicator.id === view.indicator ? data.indicator.periodType : null}
          onShow={(next) => show({ ...view, ...next })}
        />
      ) : null}
      {indicators.status === 'error' ? (
        <LoadError what="the indicators" error={indicators.error} onRetry={indicators.retry} />
      ) : null}
      {periods.status === 'error' ? <LoadError what="the years" error={periods.error} onRetry={periods.retry} /> : null}
      {periods.status === 'success' && years.length === 0 ? (
        <Empty>DfE publishes no council figures for this indicator.</Empty>
      ) : null}
      {table.status === 'loading' || periods.status === 'loading' ? (
        <Loading>Loading every council's figures…</Loading>
      ) : null}
      {table.status === 'error' ? (
        <LoadError what="the council table" error={table.error} onRetry={table.retry} />
      ) : null}
      {data ? (
        <>
          <Table data={data} view={view} onSort={(sort, direction) => show({ ...view, year, sort, direction })} />
          <Funnel data={data} chosen={view.council || null} />
          <Neighbours data={data} council={view.council} onChoose={(council) => show({ ...view, year, council })} />
          <Method data={data} />
        </>
      ) : null}
    </>
  );
}

function ChooseForm({
  view,
  indicators,
  years,
  periodType,
  onShow,
}: {
  view: CouncilTableView;
  periodType: string | null;
  indicators: readonly { id: string; title: string }[];
  years: readonly number[];
  onShow: (next: { indicator: string; year: number | null }) => void;
}) {
  const [indicator, setIndicator] = useState(view.indicator);
  const [year, setYear] = useState(view.year === null ? '' : String(view.year));
  return (
    <form
      className="app-results"
      aria-label="Choose the indicator and year"
      onSubmit={(event) => {
        event.preventDefault();
        onShow({ indicator, year: indicator === view.indicator && year ? Number(year) : null });
      }}
    >
      <div className="app-inline-fields">
        <SelectField
          id="table-indicator"
          label="Indicator"
          value={indicator}
          options={indicators.map((i) => ({ value: i.id, text: i.title }))}
          onChange={setIndicator}
          className="govuk-select app-select--full"
        />
        {years.length > 0 && indicator === view.indicator ? (
          <SelectField
            id="table-year"
            label="Year"
            value={year}
            options={years.map((y) => ({
              value: String(y),
              text: periodType ? periodLabel(y, periodType) : String(y),
            }))}
            onChange={setYear}
          />
        ) : null}
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show the table
      </button>
    </form>
  );
}

const COLUMNS: { key: SortKey | null; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Council' },
  { key: 'verdict', label: 'Compared with England' },
  { key: 'value', label: 'Figure', numeric: true },
  { key: null, label: '95% interval' },
  { key: 'rank', label: 'Rank', numeric: true },
  { key: null, label: 'Quartile band' },
  { key: 'change', label: 'Change from last year', numeric: true },
  { key: null, label: 'Three-year trend' },
  { key: 'neighbours', label: "Neighbours' median", numeric: true },
  { key: null, label: 'Funnel plot' },
];

function Table({
  data,
  view,
  onSort,
}: {
  data: TableData;
  view: CouncilTableView;
  onSort: (key: SortKey, direction: 'ascending' | 'descending') => void;
}) {
  const spec = specOf(data);
  const rows = useMemo(() => sortRows(data.rows, view.sort, view.direction), [data.rows, view.sort, view.direction]);
  const downloads = useMemo(() => downloadRows(data, rows), [data, rows]);
  const year = periodLabel(data.period, data.indicator.periodType);
  const ranked = data.rows.filter((r) => r.rank !== null).length;
  return (
    <div className="app-results">
      <div className="app-table-scroll" role="region" aria-labelledby="council-table-caption" tabIndex={0}>
        <table className="govuk-table app-data-table" data-testid="council-table">
          <caption className="govuk-table__caption govuk-table__caption--m" id="council-table-caption">
            {data.indicator.title}, {year}: {data.rows.length} councils, {ranked} ranked
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {COLUMNS.map((column) => {
                const sorted = column.key !== null && column.key === view.sort;
                const next = sorted && view.direction === 'ascending' ? 'descending' : 'ascending';
                return (
                  <th
                    key={column.label}
                    scope="col"
                    className={`govuk-table__header${column.numeric ? ' govuk-table__header--numeric' : ''}`}
                    aria-sort={column.key === null ? undefined : sorted ? view.direction : 'none'}
                  >
                    {column.key === null ? (
                      column.label
                    ) : (
                      <button
                        type="button"
                        className="app-sort-button"
                        data-sort={column.key}
                        onClick={() => onSort(column.key as SortKey, next)}
                      >
                        {column.label}
                      </button>
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {rows.map((row) => (
              <tr className="govuk-table__row" key={row.code} data-council={row.code}>
                <th scope="row" className="govuk-table__header">
                  {councilName(row, data.indicator.periodType)}
                </th>
                <td className="govuk-table__cell">{verdictLabel(row.versusEngland)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{valueText(row, spec)}</td>
                <td className="govuk-table__cell app-nowrap">{intervalText(row.interval, spec)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {row.rank === null ? 'Not ranked' : `${row.rank} of ${row.rankOutOf}`}
                </td>
                <td className="govuk-table__cell">{bandLabel(row.quartile)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{changeText(row.change, spec)}</td>
                <td className="govuk-table__cell">{trendLabel(row.trend)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {row.neighbourMedian === null ? 'No figure' : formatValue(row.neighbourMedian, spec)}
                </td>
                <td className="govuk-table__cell">{funnelLabel(row.funnel)}</td>
              </tr>
            ))}
            <tr className="govuk-table__row app-row--england">
              <th scope="row" className="govuk-table__header">
                England
              </th>
              <td className="govuk-table__cell">Not applicable</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                {data.england ? valueText(data.england, spec) : 'x'}
              </td>
              <td className="govuk-table__cell app-nowrap">{intervalText(data.england?.interval ?? null, spec)}</td>
              <td className="govuk-table__cell" colSpan={6}>
                Not applicable
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <Downloads rows={downloads} stem={fileStem(data)} />
    </div>
  );
}

function Neighbours({
  data,
  council,
  onChoose,
}: {
  data: TableData;
  council: string;
  onChoose: (code: string) => void;
}) {
  const byCode = new Map(data.rows.map((r) => [r.code, r]));
  const byName = [...data.rows].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const chosen = byCode.get(council) ?? byName[0];
  const [draft, setDraft] = useState(chosen?.code ?? '');
  if (!chosen) return null;
  const spec = specOf(data);
  const lines: { row: TableRow; position: number | null }[] = [
    { row: chosen, position: null },
    ...chosen.neighbourCodes.flatMap((code, i) => {
      const row = byCode.get(code);
      return row ? [{ row, position: i + 1 }] : [];
    }),
  ];
  return (
    <section aria-labelledby="neighbours-heading" className="app-results">
      <h2 className="govuk-heading-l" id="neighbours-heading">
        A council and its statistical neighbours
      </h2>
      <form
        aria-label="Choose a council"
        onSubmit={(event) => {
          event.preventDefault();
          onChoose(draft);
        }}
      >
        <div className="app-inline-fields">
          <SelectField
            id="neighbours-council"
            label="Council"
            value={draft}
            options={byName.map((r) => ({ value: r.code, text: councilName(r, data.indicator.periodType) }))}
            onChange={setDraft}
          />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show its neighbours
        </button>
      </form>
      <div className="app-table-scroll" role="region" aria-labelledby="neighbours-caption" tabIndex={0}>
        <table className="govuk-table app-data-table" data-testid="neighbours-table">
          <caption className="govuk-table__caption govuk-table__caption--m" id="neighbours-caption">
            {chosen.name} and its {chosen.neighbourCodes.length} statistical neighbours, closest first
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Council
              </th>
              <th scope="col" className="govuk-table__header">
                Compared with England
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Figure
              </th>
              <th scope="col" className="govuk-table__header">
                95% interval
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Rank
              </th>
              <th scope="col" className="govuk-table__header">
                Quartile band
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {lines.map(({ row, position }) => (
              <tr className="govuk-table__row" key={row.code} data-council={row.code}>
                <th scope="row" className="govuk-table__header">
                  {position === null
                    ? `${councilName(row, data.indicator.periodType)} (chosen)`
                    : `${position}. ${councilName(row, data.indicator.periodType)}`}
                </th>
                <td className="govuk-table__cell">{verdictLabel(row.versusEngland)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{valueText(row, spec)}</td>
                <td className="govuk-table__cell app-nowrap">{intervalText(row.interval, spec)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {row.rank === null ? 'Not ranked' : `${row.rank} of ${row.rankOutOf}`}
                </td>
                <td className="govuk-table__cell">{bandLabel(row.quartile)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="govuk-body">
        Neighbours' median for {chosen.name}:{' '}
        {chosen.neighbourMedian === null ? 'no neighbour has a figure' : formatValue(chosen.neighbourMedian, spec)}
        {chosen.neighbourMedian !== null
          ? ` (${chosen.neighboursWithValue} of ${chosen.neighbourCodes.length} neighbours have a figure)`
          : ''}
        .
      </p>
    </section>
  );
}

function Funnel({ data, chosen }: { data: TableData; chosen: string | null }) {
  const funnel = data.funnel;
  const spec = specOf(data);
  return (
    <section aria-labelledby="funnel-heading" className="app-results">
      <h2 className="govuk-heading-l" id="funnel-heading">
        Funnel plot
      </h2>
      {funnel ? (
        <>
          <p className="govuk-body" id="funnel-note">
            Each council's figure against its denominator. A council outside the dashed lines (95%) differs from
            England's {formatValue(funnel.target, spec)} by more than chance would usually make; outside the dotted
            lines (99.8%), by far more.{' '}
            {funnel.adjusted
              ? `The councils vary more than chance alone would make them (φ = ${funnel.phi.toFixed(2)}), so the limits are widened by the between-council variance (additive method, τ² = ${funnel.tau2.toPrecision(3)}), as Spiegelhalter (2005) advises.`
              : `The councils vary about as chance would make them (φ = ${funnel.phi.toFixed(2)}), so the limits are not widened.`}{' '}
            {funnel.councils} councils with a published numerator and denominator are placed; where each falls is in the
            table's last column.
          </p>
          <Suspense fallback={<Loading>Loading the funnel plot…</Loading>}>
            <FunnelChart data={data} chosen={chosen} describedBy="funnel-note" />
          </Suspense>
        </>
      ) : (
        <Empty>No funnel plot: this indicator is not a proportion, or England has no published figure this year.</Empty>
      )}
    </section>
  );
}

function Method({ data }: { data: TableData }) {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">How these figures are worked out</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">
          Figures, ranks and bands are DfE's published statistics ({data.indicator.source}).{' '}
          {polarityLabel(data.indicator.polarity)}.
        </p>
        <p className="govuk-body">
          Rank: 1 is the best; councils with the same figure share a rank, among the councils with a published figure.
          Quartile bands follow LAIT: A is the best quarter, D the worst, cut at the quartiles of the published figures.
        </p>
        <p className="govuk-body">
          95% interval: the Wilson score interval from the figure's numerator and denominator, or the Clopper-Pearson
          exact interval where the denominator is under 30. A suppressed figure has none. "Better" or "worse than
          England" means England's figure lies outside the council's interval; otherwise the difference may be chance.
          Ratios and scores have no interval here.
        </p>
        <p className="govuk-body">
          Trend: the direction over the last three years (rising, falling, steady, or up and down). Neighbours' median:
          the middle of the council's statistical neighbours' published figures that year.
        </p>
      </div>
    </details>
  );
}
