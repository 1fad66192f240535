import { useEffect, useMemo } from 'react';
import { ownOrganisationId } from '../../auth/roles';
import { useSession } from '../../auth/session';
import { ChooserForm } from '../../components/ChooserForm';
import { Empty, LoadError, Loading } from '../../components/States';
import { numeric, TableHead } from '../../components/TableHead';
import { TrendText } from '../../components/Trend';
import { YearsForm } from '../../components/YearsForm';
import { csvFileName } from '../../figures/csv';
import { DownloadCsv } from '../../figures/DownloadCsv';
import { Figure, preloadChart } from '../../figures/Figure';
import { FIGURE_SERIES_QUERY, type FigureSeriesData } from '../../figures/queries';
import { formatRank, formatValue, periodLabel } from '../../format/values';
import { useQueries, useQuery, type QueryState } from '../../graphql/useQuery';
import { useUrlView } from '../../router';
import { periodsInWindow } from '../compare/shape';
import { ContinuityLedger } from '../continuity/ContinuityLedger';
import { COUNCIL_LIST_QUERY, SHORTAGE_OPTIONS_QUERY, type ShortageOptionsData } from './queries';
import {
  BAND_TEXT,
  movementLines,
  shortageFigure,
  shortageVariables,
  standingOf,
  standingValueText,
  workforceIndicators,
  worstFirst,
  type Standing,
} from './shape';
import { parseShortageView, serialiseShortageView, type ShortageView } from './urlState';

type Council = NonNullable<ShortageOptionsData['council']>;
type Series = FigureSeriesData['series'];

/** Placement and social-worker stability, set beside workforce movement (ids from the indicator catalogue). */
const STABILITY_IDS = ['placements_3plus', 'social_workers_3plus'];
const MOVEMENT_IDS = ['workforce_turnover', 'workforce_agency_rate'];

const NO_VARIABLES = {};

/**
 * Shortage monitor: a council's workforce (turnover, agency, vacancy, caseload, absence) and its
 * practices', with trend, against its statistical neighbours' quartiles; where it stands worst
 * first; and workforce movement beside placement and social-worker stability.
 */
export default function ShortagesPage() {
  const { view, show } = useUrlView(parseShortageView, serialiseShortageView);
  const ownCouncil = ownOrganisationId(useSession(), 'council');
  const code = ownCouncil ?? view.council;

  useEffect(() => {
    document.title = 'Shortage monitor - Continuity data hub';
  }, []);

  return (
    <>
      <h1 className="govuk-heading-xl">Shortage monitor</h1>
      <p className="govuk-body-l">
        Social worker turnover, agency use, vacancies, caseloads and absence for a council and its practices, against
        its statistical neighbours, with where it stands worst first.
      </p>
      {ownCouncil ? null : <CouncilChooser current={view.council} onChoose={(council) => show({ ...view, council })} />}
      {code ? <CouncilShortages code={code} view={view} onYears={(from, to) => show({ ...view, from, to })} /> : null}
    </>
  );
}

function CouncilChooser({ current, onChoose }: { current: string | null; onChoose: (code: string) => void }) {
  const list = useQuery(COUNCIL_LIST_QUERY, NO_VARIABLES);
  if (list.status === 'loading' || list.status === 'idle') return <Loading>Loading councils…</Loading>;
  if (list.status === 'error') return <LoadError what="the list of councils" error={list.error} onRetry={list.retry} />;
  const choices = [...list.data.councils]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.code, text: c.pilotWave ? `${c.name} (pilot, wave ${c.pilotWave})` : c.name }));
  return (
    <ChooserForm
      id="shortage-council"
      name="council"
      label="Council"
      placeholder="Choose a council"
      button="Show council"
      prompt="Choose a council to see its workforce against its statistical neighbours."
      choices={choices}
      current={current}
      onChoose={onChoose}
    />
  );
}

function CouncilShortages({
  code,
  view,
  onYears,
}: {
  code: string;
  view: ShortageView;
  onYears: (from: number | null, to: number | null) => void;
}) {
  const options = useQuery(
    SHORTAGE_OPTIONS_QUERY,
    useMemo(() => ({ code }), [code]),
  );
  const data = options.status === 'success' ? options.data : null;
  const council = data?.council ?? null;
  const workforce = useMemo(() => (data ? workforceIndicators(data) : []), [data]);
  const stability = useMemo(
    () => (data ? data.outcomeAreas.flatMap((a) => a.indicators).filter((i) => STABILITY_IDS.includes(i.id)) : []),
    [data],
  );
  const workforceVariables = useMemo(
    () => (council ? workforce.map((i) => shortageVariables(i.id, council)) : null),
    [council, workforce],
  );
  const stabilityVariables = useMemo(
    () =>
      council
        ? stability.map((i) => ({
            indicatorId: i.id,
            subjects: [{ kind: 'COUNCIL' as const, id: council.code }],
            source: null,
          }))
        : null,
    [council, stability],
  );
  const workforceStates = useQueries(FIGURE_SERIES_QUERY, workforceVariables);
  const stabilityStates = useQueries(FIGURE_SERIES_QUERY, stabilityVariables);

  useEffect(() => {
    if (council) preloadChart();
  }, [council]);
  useEffect(() => {
    if (council) document.title = `${council.name} - Shortage monitor - Continuity data hub`;
  }, [council]);

  if (options.status === 'loading' || options.status === 'idle')
    return <Loading>Loading the council and its neighbours…</Loading>;
  if (options.status === 'error') return <LoadError what="the council" error={options.error} onRetry={options.retry} />;
  if (!council) return <Empty>There is no council with code {code} that you can see. Choose another council.</Empty>;
  if (workforce.length === 0) return <Empty>The data service holds no workforce indicators yet.</Empty>;

  const loaded = workforceStates.flatMap((s) => (s.status === 'success' ? [s.data.series] : []));
  const failed = workforceStates.find((s) => s.status === 'error');
  const allPeriods = [...new Set(loaded.flatMap((s) => s.periods))].sort((a, b) => a - b);
  const neighbourCodes = council.statisticalNeighbours.map((n) => n.code);
  const standings = worstFirst(loaded.map((s) => standingOf(s, council.code, neighbourCodes)));
  const periodType = loaded[0]?.indicator.periodType ?? workforce[0]?.periodType ?? 'census';

  return (
    <>
      <h2 className="govuk-heading-l app-council-name" data-testid="shortage-council">
        {council.name}
      </h2>
      <p className="govuk-body">
        Region: {council.region.name}. Statistical neighbours:{' '}
        {council.statisticalNeighbours.map((n) => n.name).join(', ') || 'none held'}.
        {council.practices.length > 0
          ? ` Practices: ${council.practices.map((p) => p.name).join(', ')}.`
          : ' No practices serve it.'}
      </p>
      <YearsForm
        key={`${view.from}-${view.to}`}
        id="shortage-years"
        years={allPeriods}
        periodType={periodType}
        from={view.from}
        to={view.to}
        onSubmit={onYears}
      />
      {failed && failed.status === 'error' ? (
        <LoadError what="some workforce figures" error={failed.error} onRetry={failed.retry} />
      ) : null}

      <StandingsTable
        council={council}
        standings={standings}
        pending={workforceStates.filter((s) => s.status === 'loading').length}
      />

      <h2 className="govuk-heading-l">Trends, worst first</h2>
      <p className="govuk-body">
        Each chart shows {council.name}, its practices, its region, its statistical neighbours pooled and England. The
        shaded band is the middle half of its neighbours: below it or above it is outside the usual range for similar
        councils.
      </p>
      <div className="app-small-multiples">
        {standings.map((standing) => {
          const series = loaded.find((s) => s.indicator.id === standing.indicator.id);
          if (!series) return null;
          return (
            <ShortageFigure
              key={series.indicator.id}
              series={series}
              council={council}
              view={view}
              standing={standing}
            />
          );
        })}
        {workforceStates.some((s) => s.status === 'loading') ? <Loading>Loading workforce figures…</Loading> : null}
      </div>

      <MovementFigure council={council} workforce={loaded} stability={stabilityStates} view={view} />

      <ContinuityLedger
        subjects={[
          { kind: 'COUNCIL', id: council.code, name: council.name },
          ...council.practices.map((p) => ({ kind: 'PRACTICE' as const, id: p.id, name: p.name })),
        ]}
        intro={`How long ${council.name}'s children keep their social worker, why they changed and how many changes its turnover caused: the 903 social worker episodes joined to the workforce census by registration number, within the council.`}
      />
    </>
  );
}

function bandTag(standing: Standing) {
  if (standing.band === null) return <span className="app-muted">Cannot be placed</span>;
  const band = BAND_TEXT[standing.band];
  return <strong className={`govuk-tag ${band.tag}`}>{band.text}</strong>;
}

function StandingsTable({ council, standings, pending }: { council: Council; standings: Standing[]; pending: number }) {
  const rows = [
    [
      'indicator_id',
      'indicator',
      'unit',
      'period',
      'value',
      'neighbours_lower_quartile',
      'neighbours_median',
      'neighbours_upper_quartile',
      'neighbours_counted',
      'band_among_neighbours',
      'rank',
      'rank_out_of',
      'national_quartile',
    ],
    ...standings.map((s) => [
      s.indicator.id,
      s.indicator.title,
      s.indicator.unit,
      s.period,
      s.value,
      s.quartiles?.lower ?? null,
      s.quartiles?.median ?? null,
      s.quartiles?.upper ?? null,
      s.quartiles?.count ?? null,
      s.band,
      s.rank?.rank ?? null,
      s.rank?.rankOutOf ?? null,
      s.rank?.quartile ?? null,
    ]),
  ];
  return (
    <section aria-labelledby="standings-title" className="app-results">
      <h2 className="govuk-heading-l" id="standings-title">
        Where {council.name} stands, worst first
      </h2>
      <p className="govuk-body">
        Each indicator's latest figure for {council.name}, placed among its statistical neighbours: the worst quarter of
        neighbours is highlighted first. A higher turnover, agency, vacancy, caseload or absence figure is worse.
      </p>
      <div className="app-table-scroll" role="region" aria-labelledby="standings-caption" tabIndex={0}>
        <table className="govuk-table app-data-table" data-testid="standings">
          <caption className="govuk-table__caption govuk-table__caption--s" id="standings-caption">
            {council.name}: workforce against statistical neighbours, latest figure for each indicator
          </caption>
          <TableHead
            columns={[
              'Indicator',
              numeric(council.name),
              numeric('Neighbours’ middle half'),
              'Among neighbours',
              'Trend',
              numeric('Rank in England'),
            ]}
          />
          <tbody className="govuk-table__body">
            {standings.map((s) => {
              const spec = { unit: s.indicator.unit, decimals: s.indicator.decimals };
              const q = s.quartiles;
              return (
                <tr
                  className={`govuk-table__row${s.band === 4 ? ' app-row--alert' : ''}`}
                  key={s.indicator.id}
                  data-indicator={s.indicator.id}
                >
                  <th scope="row" className="govuk-table__header">
                    <a className="govuk-link" href={`#figure-${s.indicator.id}-title`}>
                      {s.indicator.title}
                    </a>
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric" data-value={s.value ?? ''}>
                    {standingValueText(s)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {q && q.count >= 4 && q.lower !== null && q.upper !== null
                      ? `${formatValue(q.lower, spec)} to ${formatValue(q.upper, spec)}`
                      : 'Too few neighbours with a figure'}
                  </td>
                  <td className="govuk-table__cell">{bandTag(s)}</td>
                  <td className="govuk-table__cell">
                    <TrendText
                      trend={s.trend}
                      unit={s.indicator.unit}
                      decimals={s.indicator.decimals}
                      periodType={s.indicator.periodType}
                    />
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {(s.rank && formatRank(s.rank)) ?? 'Not ranked'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pending > 0 ? <Loading>Loading {pending} more indicators…</Loading> : null}
      <DownloadCsv rows={rows} fileName={csvFileName('shortages', council.name)} label="Download this table" />
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How the neighbours&rsquo; quartiles are worked out</span>
        </summary>
        <div className="govuk-details__text">
          For each indicator and year, the figures of {council.name}&rsquo;s statistical neighbours that have a number
          are sorted; the lower quartile, median and upper quartile are taken with linear interpolation (as a
          spreadsheet&rsquo;s QUARTILE.INC). At least four neighbours with a figure are needed. &ldquo;Worst
          quarter&rdquo; means beyond the upper quartile when a higher figure is worse (below the lower quartile when a
          higher figure is better). The figures themselves are the data service&rsquo;s; these quartiles are computed in
          the dashboard from them. &ldquo;Rank in England&rdquo; is the data service&rsquo;s rank among all councils (1
          is best).
        </div>
      </details>
    </section>
  );
}

function ShortageFigure({
  series,
  council,
  view,
  standing,
}: {
  series: Series;
  council: Council;
  view: ShortageView;
  standing: Standing;
}) {
  const figure = useMemo(() => shortageFigure(series, council), [series, council]);
  const periods = periodsInWindow(series.periods, view.from, view.to);
  return (
    <Figure
      id={`figure-${series.indicator.id}`}
      title={`${series.indicator.title}: ${council.name}`}
      indicator={series.indicator}
      lines={figure.lines}
      band={figure.band}
      periods={periods}
      compact
      tableFolded
      subjectHeader="Council, practice or comparator"
      fileParts={[council.name]}
    >
      <p className="govuk-body-s">{bandTag(standing)}</p>
    </Figure>
  );
}

function MovementFigure({
  council,
  workforce,
  stability,
  view,
}: {
  council: Council;
  workforce: Series[];
  stability: QueryState<FigureSeriesData>[];
  view: ShortageView;
}) {
  const stabilitySeries = stability.flatMap((s) => (s.status === 'success' ? [s.data.series] : []));
  const chosen = [
    ...MOVEMENT_IDS.flatMap((id) => workforce.filter((s) => s.indicator.id === id)),
    ...STABILITY_IDS.flatMap((id) => stabilitySeries.filter((s) => s.indicator.id === id)),
  ].filter((s) => s.indicator.unit === 'percent');
  const { lines, periods } = useMemo(
    () => movementLines(chosen, council.code),
    [chosen.map((s) => s.indicator.id).join(), council.code],
  );
  const failed = stability.find((s) => s.status === 'error');
  // The years chosen are census years: each is shown in the reporting year after it.
  const shown = periodsInWindow(
    periods,
    view.from === null ? null : view.from + 1,
    view.to === null ? null : view.to + 1,
  );
  const decimals = Math.max(0, ...chosen.map((s) => s.indicator.decimals));
  const polarities = [...new Set(chosen.map((s) => s.indicator.polarity))];
  const polarity = polarities.length === 1 ? (polarities[0] ?? 'NEUTRAL') : 'NEUTRAL';

  return (
    <section aria-labelledby="movement-heading" className="app-results">
      <h2 className="govuk-heading-l" id="movement-heading">
        Workforce movement and children&rsquo;s stability
      </h2>
      <p className="govuk-body">
        Do years of high social worker turnover and agency use line up with more children moving placement or changing
        social worker? Solid lines are workforce; dashed lines are children&rsquo;s stability. A line moving with
        another does not show that one causes the other.
      </p>
      {failed && failed.status === 'error' ? (
        <LoadError what="the stability figures" error={failed.error} onRetry={failed.retry} />
      ) : null}
      {stability.some((s) => s.status === 'loading') ? <Loading>Loading stability figures…</Loading> : null}
      {chosen.length === 0 ? (
        <Empty>No workforce or stability figures in percentages are held for {council.name}.</Empty>
      ) : (
        <Figure
          id="figure-movement"
          headingLevel={3}
          title={`Workforce movement and stability: ${council.name}`}
          indicator={{
            id: 'movement-stability',
            title: 'Workforce movement and stability',
            unit: 'percent',
            decimals,
            periodType: 'reporting_year',
            polarity,
          }}
          lines={lines}
          periods={shown}
          subjectHeader="Indicator"
          fileParts={[council.name]}
          note={
            <p className="govuk-body-s">
              Workforce figures are a census at 30 September; each is shown in the year ending the following 31 March
              (the census of 30 September {periods[0] !== undefined ? periods[0] - 1 : ''} is shown in{' '}
              {periods[0] !== undefined ? periodLabel(periods[0], 'reporting_year') : 'the next year'}), the year it
              falls in. Stability figures are for years ending 31 March.
            </p>
          }
        />
      )}
    </section>
  );
}
