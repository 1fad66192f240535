import { useMemo, useState, type FormEvent } from 'react';
import { Link } from '../../components/Link';
import { Empty, LoadError, Loading } from '../../components/States';
import { Figure } from '../../figures/Figure';
import { FIGURE_SERIES_QUERY, type FigureSeriesData } from '../../figures/queries';
import { ENGLAND_STYLE } from './chartStyle';
import { englandLines } from '../../figures/aggregates';
import { formatValue, periodLabel } from '../../format/values';
import { useQueries, type QueryState } from '../../graphql/useQuery';
import { comparisonCouncils, didLines, didReading, differenceInDifferences, groupMeans } from './did';
import type { CompareOptionsData } from './queries';
import { figureLines, NO_COMPARATORS, periodsInWindow, seriesVariables, type ResolvedView } from './shape';
import { serialiseCompareView, type CompareShow, type CompareView } from './urlState';

const VIEWS: { show: CompareShow; text: string }[] = [
  { show: 'trend', text: 'One indicator over time' },
  { show: 'areas', text: 'All outcome areas' },
  { show: 'did', text: 'Pilots against comparison councils' },
];

export function viewOf(resolved: ResolvedView): CompareView {
  return {
    indicator: resolved.indicator.id,
    councils: resolved.councils.map((c) => c.code),
    practices: resolved.practices.map((p) => p.id),
    from: resolved.from,
    to: resolved.to,
    source: resolved.source,
    compare: resolved.compare,
    show: resolved.show,
    ref: resolved.ref,
  };
}

/** Links between the three views of the same choice (each a permalink). */
export function ViewSwitcher({ resolved, pathname }: { resolved: ResolvedView; pathname: string }) {
  return (
    <nav className="app-view-switcher" aria-label="Views of these figures">
      <ul className="app-view-switcher__list">
        {VIEWS.map((v) => {
          const current = v.show === resolved.show;
          return (
            <li key={v.show} className={`app-view-switcher__item${current ? ' app-view-switcher__item--current' : ''}`}>
              <Link
                className="govuk-link govuk-link--no-visited-state"
                href={`${pathname}${serialiseCompareView({ ...viewOf(resolved), show: v.show })}`}
                aria-current={current ? 'page' : undefined}
              >
                {v.text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

type Series = FigureSeriesData['series'];

/** Small multiples: the chosen councils and practices on one indicator of each outcome area (the one chosen, else the area's first). */
export function AreaMultiples({
  resolved,
  options,
  pathname,
}: {
  resolved: ResolvedView;
  options: CompareOptionsData;
  pathname: string;
}) {
  const areas = options.outcomeAreas.filter((a) => a.indicators.length > 0);
  const picks = areas.map((a) => a.indicators.find((i) => i.id === resolved.indicator.id) ?? a.indicators[0]!);
  const variables = useMemo(
    () => picks.map((i) => seriesVariables({ ...resolved, indicator: i })),
    [picks.map((i) => i.id).join(), resolved],
  );
  const states = useQueries(FIGURE_SERIES_QUERY, variables);
  return (
    <section aria-labelledby="areas-heading" className="app-results">
      <h2 className="govuk-heading-l" id="areas-heading">
        All outcome areas
      </h2>
      <p className="govuk-body">
        One indicator from each outcome area for the same councils and practices, against England: the indicator chosen
        above in its own area, and the first indicator of each other area. Choose &ldquo;See this over time&rdquo; under
        a chart to open it on its own.
      </p>
      <div className="app-small-multiples">
        {areas.map((area, index) => {
          const state: QueryState<FigureSeriesData> = states[index] ?? { status: 'loading' };
          const indicator = picks[index]!;
          return (
            <div key={area.area} data-area={area.area}>
              {state.status === 'success' ? (
                <AreaFigure area={area.title} series={state.data.series} resolved={resolved} />
              ) : state.status === 'error' ? (
                <LoadError what={`${area.title}: ${indicator.title}`} error={state.error} onRetry={state.retry} />
              ) : (
                <Loading>Loading {area.title}…</Loading>
              )}
              <p className="govuk-body-s">
                <Link
                  className="govuk-link"
                  href={`${pathname}${serialiseCompareView({ ...viewOf(resolved), indicator: indicator.id, show: 'trend' })}`}
                >
                  See this over time<span className="govuk-visually-hidden">: {indicator.title}</span>
                </Link>
              </p>
            </div>
          );
        })}
      </div>
    </section>
  );
}

function AreaFigure({ area, series, resolved }: { area: string; series: Series; resolved: ResolvedView }) {
  const lines = useMemo(() => figureLines(series, NO_COMPARATORS), [series]);
  return (
    <Figure
      id={`area-${series.indicator.id}`}
      title={`${area}: ${series.indicator.title}`}
      indicator={series.indicator}
      lines={lines}
      periods={periodsInWindow(series.periods, resolved.from, resolved.to)}
      compact
      tableFolded
    />
  );
}

const CHUNK = 50;

/** Pilots against their non-pilot statistical neighbours, before and after a reference year: a difference in differences. */
export function DidView({
  resolved,
  options,
  onRef,
}: {
  resolved: ResolvedView;
  options: CompareOptionsData;
  onRef: (year: number | null) => void;
}) {
  const pilotInfo = new Map(
    options.pilotWaves.flatMap((w) => w.councils.map((c) => [c.code, { ...c, startYear: w.startYear }] as const)),
  );
  const chosen = resolved.councils.flatMap((c) => pilotInfo.get(c.code) ?? []);
  const allPilots = new Set(pilotInfo.keys());
  const comparison = useMemo(() => comparisonCouncils(chosen, allPilots), [chosen.map((c) => c.code).join()]);
  const variables = useMemo(() => {
    const subjects = [...chosen.map((c) => c.code), ...comparison.map((c) => c.code)].map((id) => ({
      kind: 'COUNCIL' as const,
      id,
    }));
    const chunks = [];
    for (let i = 0; i < subjects.length; i += CHUNK)
      chunks.push({
        indicatorId: resolved.indicator.id,
        subjects: subjects.slice(i, i + CHUNK),
        source: 'PUBLISHED' as const,
      });
    return chosen.length > 0 ? chunks : null;
  }, [chosen.map((c) => c.code).join(), comparison, resolved.indicator.id]);
  const states = useQueries(FIGURE_SERIES_QUERY, variables);

  const heading = (
    <h2 className="govuk-heading-l" id="did-heading">
      Pilots against comparison councils
    </h2>
  );
  if (chosen.length === 0) {
    return (
      <section aria-labelledby="did-heading" className="app-results">
        {heading}
        <Empty>Choose at least one pilot council above to compare the pilots with similar councils.</Empty>
      </section>
    );
  }
  const failed = states.find((s) => s.status === 'error');
  const loaded = states.flatMap((s) => (s.status === 'success' ? [s.data.series] : []));
  const startYear = Math.min(...chosen.map((c) => c.startYear));
  const referenceYear = resolved.ref ?? startYear;

  let body;
  if (failed && failed.status === 'error')
    body = (
      <LoadError what="the pilots' and comparison councils' figures" error={failed.error} onRetry={failed.retry} />
    );
  else if (loaded.length < states.length || states.length === 0)
    body = <Loading>Loading {chosen.length + comparison.length} councils…</Loading>;
  else
    body = (
      <DidResult
        series={loaded}
        chosen={chosen}
        comparison={comparison}
        resolved={resolved}
        referenceYear={referenceYear}
        startYear={startYear}
        onRef={onRef}
      />
    );

  return (
    <section aria-labelledby="did-heading" className="app-results">
      {heading}
      <p className="govuk-body">
        {resolved.indicator.title}: the {chosen.length} pilot {chosen.length === 1 ? 'council' : 'councils'} chosen (
        {chosen.map((c) => c.name).join(', ')}) against {comparison.length} comparison councils, their statistical
        neighbours that were not pilots, before and after{' '}
        {resolved.ref === null ? `the pilots started (${startYear})` : `the reference year ${resolved.ref}`}. Published
        figures only.
      </p>
      {body}
    </section>
  );
}

function DidResult({
  series,
  chosen,
  comparison,
  resolved,
  referenceYear,
  startYear,
  onRef,
}: {
  series: Series[];
  chosen: { code: string; name: string }[];
  comparison: { code: string; name: string }[];
  resolved: ResolvedView;
  referenceYear: number;
  startYear: number;
  onRef: (year: number | null) => void;
}) {
  const indicator = series[0]!.indicator;
  const lines = series.flatMap((s) => s.lines);
  const periods = periodsInWindow([...new Set(series.flatMap((s) => s.periods))], resolved.from, resolved.to);
  const pilots = groupMeans(
    lines,
    chosen.map((c) => c.code),
    periods,
  );
  const comp = groupMeans(
    lines,
    comparison.map((c) => c.code),
    periods,
  );
  const did = differenceInDifferences(pilots, comp, referenceYear);
  // Means of rounded figures: one more decimal place than the published figures, so small changes show.
  const spec = { unit: indicator.unit, decimals: indicator.decimals + 1 };
  const fmt = (v: number | null) => (v === null ? 'No figure' : formatValue(v, spec));
  const signed = (v: number | null) =>
    v === null
      ? 'No figure'
      : `${v > 0 ? '+' : v < 0 ? '\u2212' : ''}${formatValue(Math.abs(v), { ...spec, unit: spec.unit === 'percent' ? 'points' : spec.unit })}${spec.unit === 'percent' ? ' points' : ''}`;
  const reading = didReading(did.difference, indicator.polarity);
  const range = (years: number[]) =>
    years.length === 0
      ? 'none held'
      : years.length === 1
        ? periodLabel(years[0]!, indicator.periodType)
        : `${periodLabel(years[0]!, indicator.periodType)} to ${periodLabel(years[years.length - 1]!, indicator.periodType)}`;
  const figureLinesList = useMemo(
    () => [...didLines(pilots, comp), ...englandLines(series[0]!.england, ENGLAND_STYLE)],
    [series, periods.join()],
  );

  return (
    <>
      <RefYearForm
        years={periods}
        periodType={indicator.periodType}
        current={resolved.ref}
        startYear={startYear}
        onRef={onRef}
      />
      {did.before.length === 0 || did.after.length === 0 ? (
        <div className="govuk-inset-text" data-testid="did-no-answer">
          No difference in differences can be worked out: the figures held cover {range(periods)}, so there{' '}
          {did.before.length === 0 ? 'are no years before' : 'are no years from'} {referenceYear}.{' '}
          {referenceYear === startYear && did.before.length === 0
            ? `The pilots started in ${startYear}, before the first year held. `
            : ''}
          Choose a reference year within the years held to compare before and after it.
        </div>
      ) : null}
      <div className="app-table-scroll" role="region" aria-labelledby="did-caption" tabIndex={0}>
        <table className="govuk-table app-data-table" data-testid="did-table">
          <caption className="govuk-table__caption govuk-table__caption--m" id="did-caption">
            Before and after {periodLabel(referenceYear, indicator.periodType)}: {indicator.title}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Group
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Before ({range(did.before)})
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                After ({range(did.after)})
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                Pilot councils ({chosen.length})
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{fmt(did.pilots.before)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{fmt(did.pilots.after)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{signed(did.pilots.change)}</td>
            </tr>
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                Comparison councils ({comparison.length})
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{fmt(did.comparison.before)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{fmt(did.comparison.after)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{signed(did.comparison.change)}</td>
            </tr>
            <tr className="govuk-table__row app-row--england">
              <th scope="row" className="govuk-table__header" colSpan={3}>
                Difference in differences
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-testid="did-value">
                {signed(did.difference)}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {did.difference !== null ? (
        <p className="govuk-body">
          {reading === 'better'
            ? 'The pilots moved in the better direction by more than the comparison councils did.'
            : reading === 'worse'
              ? 'The pilots moved in the worse direction compared with the comparison councils.'
              : 'The pilots moved as the comparison councils did.'}{' '}
          With {chosen.length} pilot {chosen.length === 1 ? 'council' : 'councils'}, this is a description, not proof
          that the practices caused it.
        </p>
      ) : null}
      <details className="govuk-details" open>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Method</span>
        </summary>
        <div className="govuk-details__text">
          <ul className="govuk-list govuk-list--bullet">
            <li>
              Comparison councils: the statistical neighbours of the pilots chosen that were not pilots themselves, each
              counted once.
            </li>
            <li>
              Each group&rsquo;s figure for a year is the plain mean of its councils&rsquo; published figures that year;
              a council without a number that year is left out.
            </li>
            <li>
              Before is the mean of the years before the reference year; after, of the reference year and later, within
              the years chosen.
            </li>
            <li>
              Difference in differences = (pilots after &minus; pilots before) &minus; (comparison after &minus;
              comparison before).
            </li>
            <li>
              It assumes the two groups would have moved in parallel without the pilots. No standard error is given: the
              groups are small.
            </li>
          </ul>
        </div>
      </details>
      <Figure
        id="figure-did"
        title={`${indicator.title}: pilot and comparison councils`}
        indicator={indicator}
        lines={figureLinesList}
        periods={periods}
        subjectHeader="Group"
        fileParts={['pilots-and-comparison']}
        note={
          <p className="govuk-body-s">
            Each line is the plain mean of its group&rsquo;s councils that year. England is the black dashed line.
          </p>
        }
      />
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">The comparison councils ({comparison.length})</span>
        </summary>
        <div className="govuk-details__text">{comparison.map((c) => c.name).join(', ')}</div>
      </details>
    </>
  );
}

function RefYearForm({
  years,
  periodType,
  current,
  startYear,
  onRef,
}: {
  years: number[];
  periodType: string;
  current: number | null;
  startYear: number;
  onRef: (year: number | null) => void;
}) {
  const [value, setValue] = useState(current === null ? '' : String(current));
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onRef(value === '' ? null : Number(value));
  }
  return (
    <form method="get" action="" onSubmit={submit} className="app-chooser">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="did-ref">
          Reference year
        </label>
        <div className="govuk-hint" id="did-ref-hint">
          Years from this one count as &ldquo;after&rdquo;.
        </div>
        <div className="app-inline-fields">
          <select
            className="govuk-select"
            id="did-ref"
            name="ref"
            aria-describedby="did-ref-hint"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          >
            <option value="">The pilots&rsquo; start ({startYear})</option>
            {years.slice(1).map((y) => (
              <option key={y} value={String(y)}>
                {periodLabel(y, periodType)}
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            data-module="govuk-button"
          >
            Use this year
          </button>
        </div>
      </div>
    </form>
  );
}
