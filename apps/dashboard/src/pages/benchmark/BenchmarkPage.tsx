import { useEffect, useMemo, useRef } from 'react';
import { ownOrganisationId } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { ChooserForm } from '../../components/ChooserForm';
import { Link } from '../../components/Link';
import { Empty, LoadError, Loading } from '../../components/States';
import { numeric, TableHead } from '../../components/TableHead';
import { TrendText } from '../../components/Trend';
import { YearsForm } from '../../components/YearsForm';
import { csvFileName } from '../../figures/csv';
import { DownloadCsv } from '../../figures/DownloadCsv';
import { Figure, preloadChart } from '../../figures/Figure';
import { PEER_SERIES_QUERY, type IndicatorFields, type PeerSeriesData } from '../../figures/queries';
import { formatCell, formatValue, periodLabel } from '../../format/values';
import { useQueries, useQuery, type QueryState } from '../../graphql/useQuery';
import { useUrlView } from '../../router';
import { periodsInWindow } from '../compare/shape';
import { ContinuityLedger } from '../continuity/ContinuityLedger';
import { BENCHMARK_OPTIONS_QUERY, PRACTICE_LIST_QUERY, type BenchmarkOptionsData } from './queries';
import {
  benchmarkFigure,
  benchmarkSubjects,
  benchmarkVariables,
  PEER_BAND_TEXT,
  scoreOf,
  summariseArea,
  type BenchmarkSubjects,
  type Score,
} from './shape';
import { parseBenchmarkView, serialiseBenchmarkView, type BenchmarkView } from './urlState';

const NO_VARIABLES = {};
type Series = PeerSeriesData['series'];

/**
 * My benchmark: every indicator for a practice against its anonymised peers and its host council,
 * the quartile band among peers, trend, a scorecard by outcome area, and one indicator's trend chart.
 */
export default function BenchmarkPage() {
  const { view, show } = useUrlView(parseBenchmarkView, serialiseBenchmarkView);
  const ownPractice = ownOrganisationId(useSession(), 'practice');
  const practiceId = ownPractice ?? view.practice;

  useEffect(() => {
    document.title = 'My benchmark - Continuity data hub';
  }, []);

  return (
    <>
      <h1 className="govuk-heading-xl">{ownPractice ? 'My benchmark' : 'Practice benchmark'}</h1>
      <p className="govuk-body-l">
        Every outcome indicator for a social work practice against its peers (other practices, under pseudonyms) and the
        council it works for, with where it falls among its peers and how it has moved.
      </p>
      {ownPractice ? null : (
        <PracticeChooser
          current={view.practice}
          onChoose={(practice) => show({ ...view, practice, indicator: null })}
        />
      )}
      {practiceId ? <PracticeBenchmark practiceId={practiceId} view={view} show={show} /> : null}
    </>
  );
}

function PracticeChooser({ current, onChoose }: { current: string | null; onChoose: (id: string) => void }) {
  const list = useQuery(PRACTICE_LIST_QUERY, NO_VARIABLES);
  if (list.status === 'loading' || list.status === 'idle') return <Loading>Loading practices…</Loading>;
  if (list.status === 'error')
    return <LoadError what="the list of practices" error={list.error} onRetry={list.retry} />;
  const choices = list.data.practices.map((p) => ({
    value: p.id,
    text: p.councils.length > 0 ? `${p.name} (${p.councils.map((c) => c.name).join(', ')})` : p.name,
  }));
  return (
    <ChooserForm
      id="benchmark-practice"
      name="practice"
      label="Practice"
      placeholder="Choose a practice"
      button="Show practice"
      prompt="Choose a practice to see its benchmark."
      choices={choices}
      current={current}
      onChoose={onChoose}
    />
  );
}

function PracticeBenchmark({
  practiceId,
  view,
  show,
}: {
  practiceId: string;
  view: BenchmarkView;
  show: (view: BenchmarkView) => void;
}) {
  // A practice sees its own ledger; its host council's computed figures are the council's (not offered).
  const practiceViewer = ownOrganisationId(useSession(), 'practice') !== null;
  const options = useQuery(
    BENCHMARK_OPTIONS_QUERY,
    useMemo(() => ({ practiceId }), [practiceId]),
  );
  const data = options.status === 'success' ? options.data : null;
  const indicators = useMemo(() => (data ? data.outcomeAreas.flatMap((a) => a.indicators) : []), [data]);
  const subjects = useMemo(() => (data ? benchmarkSubjects(data, practiceId) : null), [data, practiceId]);
  const variables = useMemo(
    () => (subjects && data?.practice ? indicators.map((i) => benchmarkVariables(i.id, subjects)) : null),
    [subjects, indicators, data],
  );
  const states = useQueries(PEER_SERIES_QUERY, variables);

  useEffect(() => {
    if (variables) preloadChart();
  }, [variables]);
  useEffect(() => {
    if (data?.practice) document.title = `${data.practice.name} - Benchmark - Continuity data hub`;
  }, [data]);

  if (options.status === 'loading' || options.status === 'idle')
    return <Loading>Loading the practice and its peers…</Loading>;
  if (options.status === 'error')
    return <LoadError what="the practice" error={options.error} onRetry={options.retry} />;
  if (!data || !data.practice || !subjects)
    return <Empty>There is no practice with id {practiceId} that you can see.</Empty>;
  const practice = data.practice;
  const byId = new Map<string, QueryState<PeerSeriesData>>(
    indicators.map((i, index) => [i.id, states[index] ?? { status: 'loading' }]),
  );
  const chosen = indicators.find((i) => i.id === view.indicator) ?? indicators[0] ?? null;
  const views = indicators.filter((i) => /view|survey|voice/i.test(`${i.id} ${i.title}`));

  return (
    <>
      <h2 className="govuk-heading-l" data-testid="benchmark-practice">
        {practice.name}
      </h2>
      <p className="govuk-body">
        {practice.councils.length > 0 ? `Host council: ${practice.councils.map((c) => c.name).join(', ')}. ` : ''}
        Compared with {subjects.peerIds.length} other {subjects.peerIds.length === 1 ? 'practice' : 'practices'}
        {subjects.peerIds.length > 0 ? ', named by pseudonym so that no peer can be identified' : ''}.
      </p>

      {chosen ? (
        <Detail
          practice={practice}
          subjects={subjects}
          indicator={chosen}
          state={byId.get(chosen.id)}
          view={view}
          show={show}
        />
      ) : null}

      <section aria-labelledby="scorecard-heading" className="app-results">
        <h2 className="govuk-heading-l" id="scorecard-heading">
          Scorecard by outcome area
        </h2>
        <p className="govuk-body">
          Each indicator&rsquo;s latest figure for {practice.name}, where it falls among its peers (quarters, best
          first), its host council and England in the same year, and the change since its previous figure.
        </p>
        {data.outcomeAreas
          .filter((a) => a.indicators.length > 0)
          .map((area) => (
            <AreaCard key={area.area} area={area} practice={practice} subjects={subjects} states={byId} view={view} />
          ))}
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">How the peers&rsquo; quarters are worked out</span>
          </summary>
          <div className="govuk-details__text">
            For each indicator and year, the figures of the other practices that have a number are sorted and their
            lower quartile, median and upper quartile taken with linear interpolation (as a spreadsheet&rsquo;s
            QUARTILE.INC); at least four are needed. The best quarter is below the lower quartile when a lower figure is
            better, above the upper quartile when a higher one is. Peers&rsquo; figures are suppressed by the data
            service where numbers are small (shown as c); those are left out.
          </div>
        </details>
      </section>

      <ContinuityLedger
        subjects={[
          { kind: 'PRACTICE', id: practice.id, name: practice.name },
          ...(practiceViewer
            ? []
            : practice.councils.map((c) => ({ kind: 'COUNCIL' as const, id: c.code, name: c.name }))),
        ]}
        intro={`Practices exist to give children continuity: how long ${practice.name}'s children keep their social worker, why they changed and how many changes were caused by workers leaving, from its 903 and workforce census returns.`}
      />

      <section aria-labelledby="views-heading" className="app-results">
        <h2 className="govuk-heading-l" id="views-heading">
          Children&rsquo;s views
        </h2>
        {views.length > 0 ? (
          <ul className="govuk-list govuk-list--bullet">
            {views.map((i) => (
              <li key={i.id}>
                <Link className="govuk-link" href={`/benchmark${serialiseBenchmarkView({ ...view, indicator: i.id })}`}>
                  {i.title}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>
            The data service holds no children&rsquo;s views (survey results) for practices yet. They will be shown here
            beside the indicators when they are.
          </Empty>
        )}
      </section>
    </>
  );
}

function bandTag(band: 1 | 2 | 3 | 4 | null) {
  if (band === null) return <span className="app-muted">Cannot be placed</span>;
  const b = PEER_BAND_TEXT[band];
  return <strong className={`govuk-tag ${b.tag}`}>{b.text}</strong>;
}

function AreaCard({
  area,
  practice,
  subjects,
  states,
  view,
}: {
  area: BenchmarkOptionsData['outcomeAreas'][number];
  practice: NonNullable<BenchmarkOptionsData['practice']>;
  subjects: BenchmarkSubjects;
  states: Map<string, QueryState<PeerSeriesData>>;
  view: BenchmarkView;
}) {
  const loaded: { indicator: IndicatorFields; series: Series; score: Score }[] = [];
  let pending = 0;
  let failed: QueryState<PeerSeriesData> | null = null;
  for (const indicator of area.indicators) {
    const state = states.get(indicator.id);
    if (!state || state.status === 'loading' || state.status === 'idle') pending += 1;
    else if (state.status === 'error') failed = state;
    else loaded.push({ indicator, series: state.data.series, score: scoreOf(state.data.series, subjects) });
  }
  const summary = summariseArea(
    loaded.map((l) => l.score),
    area.indicators.length,
  );
  const id = `area-${area.area.toLowerCase()}`;
  const csv = [
    [
      'area',
      'indicator_id',
      'indicator',
      'unit',
      'period',
      'practice_value',
      'practice_symbol',
      'peers_lower_quartile',
      'peers_median',
      'peers_upper_quartile',
      'peers_counted',
      'band_among_peers',
      'host_council_value',
      'host_council_symbol',
      'england_value',
      'england_symbol',
    ],
    ...loaded.map(({ indicator, score }) => [
      area.area,
      indicator.id,
      indicator.title,
      indicator.unit,
      score.period,
      score.practice?.value ?? null,
      score.practice ? score.practice.symbol : 'x',
      score.peers?.lower ?? null,
      score.peers?.median ?? null,
      score.peers?.upper ?? null,
      score.peers?.count ?? null,
      score.band,
      score.council?.value ?? null,
      score.council ? score.council.symbol : 'x',
      score.england?.value ?? null,
      score.england ? score.england.symbol : 'x',
    ]),
  ];

  return (
    <section className="app-area-card" aria-labelledby={`${id}-title`} data-area={area.area}>
      <h3 className="govuk-heading-m" id={`${id}-title`}>
        {area.title}
      </h3>
      <p className="govuk-body-s app-area-card__summary">
        {summary.placed === 0
          ? 'No indicator in this area can be placed among peers yet.'
          : `${summary.bands[1] + summary.bands[2]} of ${summary.placed} placed ${summary.placed === 1 ? 'indicator is' : 'indicators are'} in the better half of peers; ${summary.bands[4]} in the worst quarter.`}
        {summary.placed < summary.total && summary.placed > 0
          ? ` ${summary.total - summary.placed} cannot be placed.`
          : ''}
      </p>
      {failed && failed.status === 'error' ? (
        <LoadError what={`the ${area.title} figures`} error={failed.error} onRetry={failed.retry} />
      ) : null}
      <div className="app-table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table className="govuk-table app-data-table">
          <caption className="govuk-table__caption govuk-visually-hidden" id={`${id}-caption`}>
            {area.title}: {practice.name} against peers, host council and England
          </caption>
          <TableHead
            columns={[
              'Indicator',
              numeric(practice.name),
              numeric('Peers’ middle half'),
              'Among peers',
              numeric('Host council'),
              numeric('England'),
              'Trend',
            ]}
          />
          <tbody className="govuk-table__body">
            {loaded.map(({ indicator, score }) => {
              const spec = { unit: indicator.unit, decimals: indicator.decimals };
              const cell = (p: { value: number | null; symbol: string | null } | null) => {
                const c = formatCell(p ?? undefined, spec);
                return (
                  <>
                    {c.text}
                    {c.description ? <span className="govuk-visually-hidden"> ({c.description})</span> : null}
                  </>
                );
              };
              const q = score.peers;
              return (
                <tr className="govuk-table__row" key={indicator.id} data-indicator={indicator.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link
                      className="govuk-link"
                      href={`/benchmark${serialiseBenchmarkView({ ...view, indicator: indicator.id })}`}
                    >
                      {indicator.title}
                    </Link>
                    {score.period !== null ? (
                      <span className="app-muted app-block"> {periodLabel(score.period, indicator.periodType)}</span>
                    ) : null}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric" data-value={score.practice?.value ?? ''}>
                    {cell(score.practice)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {q && q.count >= 4 && q.lower !== null && q.upper !== null
                      ? `${formatValue(q.lower, spec)} to ${formatValue(q.upper, spec)}`
                      : 'Too few peers'}
                  </td>
                  <td className="govuk-table__cell">{bandTag(score.band)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{cell(score.council)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{cell(score.england)}</td>
                  <td className="govuk-table__cell">
                    <TrendText
                      trend={score.trend}
                      unit={indicator.unit}
                      decimals={indicator.decimals}
                      periodType={indicator.periodType}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pending > 0 ? (
        <Loading>
          Loading {pending} more {pending === 1 ? 'indicator' : 'indicators'}…
        </Loading>
      ) : null}
      {loaded.length > 0 ? (
        <DownloadCsv
          rows={csv}
          fileName={csvFileName('benchmark', practice.name, area.area)}
          label={`Download the ${area.title} scorecard`}
        />
      ) : null}
    </section>
  );
}

function Detail({
  practice,
  subjects,
  indicator,
  state,
  view,
  show,
}: {
  practice: NonNullable<BenchmarkOptionsData['practice']>;
  subjects: BenchmarkSubjects;
  indicator: IndicatorFields;
  state: QueryState<PeerSeriesData> | undefined;
  view: BenchmarkView;
  show: (view: BenchmarkView) => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownId = useRef(indicator.id);
  useEffect(() => {
    // A new indicator chosen from the scorecard: bring its chart into view and focus its heading.
    if (shownId.current === indicator.id) return;
    shownId.current = indicator.id;
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView({ block: 'start' });
  }, [indicator.id]);
  const series = state?.status === 'success' ? state.data.series : null;
  const figure = useMemo(
    () => (series ? benchmarkFigure(series, subjects, practice.name) : null),
    [series, subjects, practice.name],
  );
  return (
    <section aria-labelledby="detail-heading" className="app-results">
      <h2 className="govuk-heading-l app-focus-target" id="detail-heading" ref={headingRef} tabIndex={-1}>
        Trend: {indicator.title}
      </h2>
      <p className="govuk-body">Choose an indicator in the scorecard below to see its trend here.</p>
      {!state || state.status === 'loading' || state.status === 'idle' ? (
        <Loading>Loading {indicator.title}…</Loading>
      ) : null}
      {state?.status === 'error' ? (
        <LoadError what={indicator.title} error={state.error} onRetry={state.retry} />
      ) : null}
      {series && figure ? (
        <>
          <YearsForm
            key={`${view.from}-${view.to}`}
            id="benchmark-years"
            years={series.periods}
            periodType={series.indicator.periodType}
            from={view.from}
            to={view.to}
            onSubmit={(from, to) => show({ ...view, indicator: indicator.id, from, to })}
          />
          <Figure
            id={`figure-${indicator.id}`}
            title={`${indicator.title}: ${practice.name} against peers`}
            indicator={series.indicator}
            lines={figure.lines}
            band={figure.band}
            periods={periodsInWindow(series.periods, view.from, view.to)}
            subjectHeader="Practice, council or comparator"
            fileParts={[practice.name]}
            note={
              <p className="govuk-body-s">
                The shaded band is the middle half of the other practices (lower to upper quartile); the table lists
                each peer under its pseudonym. England is the black dashed line.
              </p>
            }
          />
        </>
      ) : null}
    </section>
  );
}
