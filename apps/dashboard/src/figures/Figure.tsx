import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Loading } from '../components/States';
import { periodRangeLabel, periodTypeLabel, polarityLabel, unitLabel } from '../format/values';
import { ChartErrorBoundary } from '../pages/compare/ChartErrorBoundary';
import { FigureNotes } from '../pages/compare/FigureNotes';
import { SeriesTable } from '../pages/compare/SeriesTable';
import { csvFileName } from './csv';
import { DownloadCsv } from './DownloadCsv';
import { buildChart, buildCsvRows, buildTable, describeSources, type FigureBand, type FigureLine } from './model';

// recharts is ~170 kB gzipped: its own chunk, loaded when the first chart is about to be drawn.
const loadChart = () => import('../pages/compare/SeriesChart');
const SeriesChart = lazy(loadChart);

export function preloadChart(): void {
  void loadChart().catch(() => undefined);
}

interface FigureIndicator {
  id: string;
  title: string;
  unit: string;
  decimals: number;
  periodType: string;
  polarity: string;
}

interface Props {
  /** Unique on the page: ids of the title, note and table derive from it. */
  id: string;
  title: string;
  indicator: FigureIndicator;
  lines: readonly FigureLine[];
  periods: readonly number[];
  band?: FigureBand | null;
  /** Heading level of the title (default h3). */
  headingLevel?: 2 | 3 | 4;
  subjectHeader?: string;
  compact?: boolean;
  /** Fold the table away in a details element (small multiples). */
  tableFolded?: boolean;
  /** Said under the title, before the chart. */
  note?: ReactNode;
  /** More parts of the CSV file name. */
  fileParts?: (string | number | null)[];
  /** Extra content after the title (e.g. a status tag). */
  children?: ReactNode;
}

/**
 * One chart as every journey shows it: title; unit, period, source and polarity; the chart (lazy);
 * the data table behind it; a CSV download; what the symbols mean; and an empty state when there is
 * no number to draw.
 */
export function Figure({
  id,
  title,
  indicator,
  lines,
  periods,
  band,
  headingLevel = 3,
  subjectHeader,
  compact = false,
  tableFolded = false,
  note,
  fileParts = [],
  children,
}: Props) {
  const spec = { unit: indicator.unit, decimals: indicator.decimals, periodType: indicator.periodType };
  const table = useMemo(
    () => buildTable(lines, periods, spec),
    [lines, periods, spec.unit, spec.decimals, spec.periodType],
  );
  const chart = useMemo(
    () => buildChart(lines, periods, indicator.periodType, band),
    [lines, periods, indicator.periodType, band],
  );
  const csv = useMemo(() => buildCsvRows(indicator, lines, periods), [indicator, lines, periods]);
  const range = periodRangeLabel(periods, indicator.periodType);
  const sources = describeSources(table.sources, indicator.periodType);
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const titleId = `${id}-title`;
  const noteId = `${id}-note`;
  const tableId = `${id}-table`;
  const fullTitle = `${title}${range ? `, ${range}` : ''}`;

  const tableBlock = (
    <>
      <SeriesTable
        model={table}
        indicator={indicator}
        caption={`Table: ${fullTitle}`}
        captionId={tableId}
        subjectHeader={subjectHeader}
        showTitle={!tableFolded}
      />
      <DownloadCsv
        rows={csv}
        fileName={csvFileName(indicator.id, ...fileParts, periods[0], periods[periods.length - 1])}
      />
    </>
  );

  return (
    <section
      className={`app-figure-block${compact ? ' app-figure-block--compact' : ''}`}
      aria-labelledby={titleId}
      data-figure={indicator.id}
    >
      <Heading className={compact ? 'govuk-heading-s' : 'govuk-heading-m'} id={titleId}>
        {fullTitle}
      </Heading>
      {children}
      <ul className="govuk-list govuk-body-s app-meta">
        <li>
          <span className="app-meta__key">Unit:</span> {unitLabel(indicator.unit)}
        </li>
        <li>
          <span className="app-meta__key">Period:</span> {periodTypeLabel(indicator.periodType)}
          {range ? `, ${range}` : ''}
        </li>
        <li>
          <span className="app-meta__key">Source:</span> {sources ?? 'No figures held'}
        </li>
        <li>{polarityLabel(indicator.polarity as 'HIGHER_BETTER' | 'LOWER_BETTER' | 'NEUTRAL')}</li>
      </ul>
      {note ? (
        <div className="govuk-body-s app-figure__note" id={noteId}>
          {note}
        </div>
      ) : (
        <p className="govuk-visually-hidden" id={noteId}>
          The same figures are in the table with the chart.
        </p>
      )}
      {periods.length === 0 || !table.hasNumbers ? (
        <div className="govuk-inset-text" data-testid="figure-empty">
          No figures are held for this{range ? ` (${range})` : ''}.
          {table.symbols.length > 0 ? ' The table says why each is missing.' : ''}
        </div>
      ) : (
        <ChartErrorBoundary>
          <Suspense fallback={<Loading>Loading chart…</Loading>}>
            <SeriesChart model={chart} indicator={indicator} title={fullTitle} describedBy={noteId} compact={compact} />
          </Suspense>
        </ChartErrorBoundary>
      )}
      {periods.length > 0 ? (
        tableFolded ? (
          <details className="govuk-details app-figure-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Table and download</span>
            </summary>
            <div className="govuk-details__text">{tableBlock}</div>
          </details>
        ) : (
          tableBlock
        )
      ) : null}
      <FigureNotes
        symbols={table.symbols}
        mixedSources={table.sources.sources.length > 1}
        ranked={table.rankPeriod !== null}
      />
    </section>
  );
}
