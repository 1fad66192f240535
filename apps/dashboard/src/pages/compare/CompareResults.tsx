import { lazy, Suspense } from 'react';
import { Empty, LoadError, Loading } from '../../components/States';
import { periodRangeLabel, periodTypeLabel, polarityLabel, unitLabel } from '../../format/values';
import type { FigureSeriesData } from '../../figures/queries';
import type { QueryState } from '../../graphql/useQuery';
import { ChartErrorBoundary } from './ChartErrorBoundary';
import { FigureNotes } from './FigureNotes';
import { IndicatorDefinition } from './IndicatorDefinition';
import { SeriesTable } from './SeriesTable';
import { describeSources, figureLines, periodsInWindow, toChartModel, toTableModel, type ResolvedView } from './shape';
import { buildCsvRows } from '../../figures/model';
import { csvFileName } from '../../figures/csv';
import { DownloadCsv } from '../../figures/DownloadCsv';

// recharts is ~170 kB gzipped: it loads in its own chunk, only when a chart is about to be drawn.
const loadChart = () => import('./SeriesChart');
const SeriesChart = lazy(loadChart);

export function preloadChart(): void {
  void loadChart().catch(() => undefined);
}

const HEADING_ID = 'results-heading';
const CHART_TITLE_ID = 'chart-title';
const TABLE_CAPTION_ID = 'table-caption';

export function CompareResults({ state, resolved }: { state: QueryState<FigureSeriesData>; resolved: ResolvedView }) {
  if (state.status === 'idle' || state.status === 'loading') {
    return <Loading>Loading figures for {resolved.indicator.title}…</Loading>;
  }
  if (state.status === 'error') {
    return <LoadError what="these figures" error={state.error} onRetry={state.retry} />;
  }

  const { series } = state.data;
  const { indicator } = series;
  const periods = periodsInWindow(series.periods, resolved.from, resolved.to);
  const table = toTableModel(series, periods, resolved.compare);
  const csv = buildCsvRows(indicator, figureLines(series, resolved.compare), periods);
  const comparing = resolved.compare.region || resolved.compare.neighbours;
  const range = periodRangeLabel(periods, indicator.periodType);
  const allPilots = series.lines.every(
    (l) => l.subject.kind === 'COUNCIL' && resolved.councils.some((c) => c.code === l.subject.id && c.wave !== null),
  );
  const subjects =
    series.lines.length === 1
      ? (series.lines[0]?.subject.name ?? 'one council')
      : `${series.lines.length} ${allPilots ? 'pilot councils' : series.lines.some((l) => l.subject.kind === 'PRACTICE') ? 'councils and practices' : 'councils'}`;
  const sources = describeSources(table.sources, indicator.periodType);
  const title = `${indicator.title}: ${subjects} and England${range ? `, ${range}` : ''}`;

  return (
    <section aria-labelledby={HEADING_ID} className="app-results">
      <h2 className="govuk-heading-l" id={HEADING_ID}>
        {indicator.title}
      </h2>
      <ul className="govuk-list app-meta">
        <li>
          <span className="app-meta__key">Unit:</span> {unitLabel(indicator.unit)}
        </li>
        <li>
          <span className="app-meta__key">Period:</span> {periodTypeLabel(indicator.periodType)}
          {range ? `, ${range}` : ''}
        </li>
        {sources ? (
          <li>
            <span className="app-meta__key">Source:</span> {sources}
          </li>
        ) : null}
        <li>{polarityLabel(indicator.polarity)}</li>
      </ul>
      <IndicatorDefinition indicator={indicator} />

      {periods.length === 0 || !table.hasNumbers ? (
        <Empty>
          There are no figures for this indicator for the councils and years chosen
          {range ? ` (${range})` : ''}. Choose other years or councils, or another indicator.
          {table.symbols.length > 0 ? ' The table below shows why each figure is missing.' : ''}
        </Empty>
      ) : (
        <figure className="app-figure" aria-labelledby={CHART_TITLE_ID}>
          <figcaption className="govuk-heading-m" id={CHART_TITLE_ID}>
            {title}
          </figcaption>
          <p className="govuk-body-s app-figure__note" id="chart-note">
            England is the black dashed line.
            {comparing && series.lines.length === 1
              ? ' The region is the grey dotted line and the statistical neighbours the ochre dashed line.'
              : ''}
            {comparing && series.lines.length > 1
              ? " Each council's region and statistical neighbours are in the table: choose one council to draw them."
              : ''}{' '}
            Gaps in a line are years without a figure: the table below gives every figure and says why any is missing.
          </p>
          <ChartErrorBoundary>
            <Suspense fallback={<Loading>Loading chart…</Loading>}>
              <SeriesChart
                model={toChartModel(series, periods, resolved.compare)}
                indicator={indicator}
                title={title}
                describedBy="chart-note"
              />
            </Suspense>
          </ChartErrorBoundary>
        </figure>
      )}

      {periods.length > 0 ? (
        <>
          <SeriesTable model={table} indicator={indicator} captionId={TABLE_CAPTION_ID} caption={`Table: ${title}`} />
          <DownloadCsv
            rows={csv}
            fileName={csvFileName(
              indicator.id,
              series.lines.length === 1 ? series.lines[0]?.subject.name : allPilots ? 'pilot-councils' : 'councils',
              periods[0],
              periods[periods.length - 1],
            )}
          />
          <FigureNotes
            symbols={table.symbols}
            mixedSources={table.sources.sources.length > 1}
            ranked={table.rankPeriod !== null}
            comparators={comparing}
          />
        </>
      ) : null}
    </section>
  );
}
