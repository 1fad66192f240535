/**
 * Pure data shaping for "Compare pilot councils": the gateway's series -> chart rows and table rows,
 * and the URL's view -> what to ask the gateway for. No React here, so it is unit tested in node.
 */
import {
  buildChart,
  buildTable,
  describeSources,
  type ChartModel,
  type FigureLine,
  type TableModel,
} from '../../figures/model';
import type { FigureSeriesData, SeriesVariables } from '../../figures/queries';
import type { ValueSource } from '../../graphql/schema';
import { ENGLAND_STYLE, lineStyle, NEIGHBOURS_STYLE, REGION_STYLE } from './chartStyle';
import { englandLines } from '../../figures/aggregates';
import type { CompareOptionsData, IndicatorOption } from './queries';
import type { CompareView } from './urlState';

export type { ChartModel, TableModel } from '../../figures/model';

type Series = FigureSeriesData['series'];

// ---------------------------------------------------------------------------------------------
// View -> request

export interface PilotCouncil {
  code: string;
  name: string;
  wave: number;
}

/** A council chosen: a pilot (with its wave) or any other. */
interface ChosenCouncil {
  code: string;
  name: string;
  wave: number | null;
}

export interface ResolvedView {
  indicator: IndicatorOption;
  councils: ChosenCouncil[];
  practices: { id: string; name: string }[];
  from: number | null;
  to: number | null;
  source: ValueSource | null;
  compare: { region: boolean; neighbours: boolean };
  show: CompareView['show'];
  ref: number | null;
  /** Things in the link that could not be shown, said plainly to the user. */
  notices: string[];
}

export function pilotCouncils(options: CompareOptionsData): PilotCouncil[] {
  const seen = new Set<string>();
  const councils: PilotCouncil[] = [];
  for (const wave of [...options.pilotWaves].sort((a, b) => a.wave - b.wave)) {
    for (const council of wave.councils) {
      if (seen.has(council.code)) continue;
      seen.add(council.code);
      councils.push({ code: council.code, name: council.name, wave: wave.wave });
    }
  }
  return councils;
}

function allIndicators(options: CompareOptionsData): IndicatorOption[] {
  return options.outcomeAreas.flatMap((area) => area.indicators);
}

/**
 * The view the page shows for a URL: the indicator (the first in the framework when none is
 * given or it is unknown), the councils (any council; all pilot councils when neither councils nor
 * practices are given) and practices asked for; unknown codes are left out with a notice. Null when
 * there is nothing to show at all (no indicators or no pilot councils).
 */
export function resolveView(view: CompareView, options: CompareOptionsData): ResolvedView | null {
  const indicators = allIndicators(options);
  const pilots = pilotCouncils(options);
  const first = indicators[0];
  if (!first || pilots.length === 0) return null;

  const notices: string[] = [];
  let indicator = first;
  if (view.indicator !== null) {
    const found = indicators.find((i) => i.id === view.indicator);
    if (found) indicator = found;
    else
      notices.push(
        `The link asked for an indicator that does not exist ("${view.indicator}"), so "${first.title}" is shown.`,
      );
  }

  const waveOf = new Map(pilots.map((c) => [c.code, c.wave]));
  const known = new Map<string, ChosenCouncil>(pilots.map((c) => [c.code, c]));
  for (const c of options.councils ?? [])
    if (!known.has(c.code)) known.set(c.code, { code: c.code, name: c.name, wave: waveOf.get(c.code) ?? null });
  const practiceById = new Map((options.practices ?? []).map((p) => [p.id, p]));

  const practices = view.practices.flatMap((id) => practiceById.get(id) ?? []);
  const unknownPractices = view.practices.filter((id) => !practiceById.has(id));
  if (unknownPractices.length > 0) {
    notices.push(
      `${unknownPractices.length === 1 ? 'Practice' : 'Practices'} ${unknownPractices.join(', ')} in the link ${unknownPractices.length === 1 ? 'is' : 'are'} not known to you and left out.`,
    );
  }

  let councils: ChosenCouncil[] = practices.length > 0 ? [] : pilots;
  if (view.councils !== null) {
    const chosen = view.councils.flatMap((code) => known.get(code) ?? []);
    const unknown = view.councils.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      notices.push(
        `${unknown.length === 1 ? 'Council' : 'Councils'} ${unknown.join(', ')} in the link ${unknown.length === 1 ? 'is' : 'are'} not known and left out.`,
      );
    }
    if (chosen.length > 0) councils = chosen;
    else if (practices.length === 0)
      notices.push('None of the councils in the link is known, so all pilot councils are shown.');
  }

  return {
    indicator,
    councils,
    practices,
    from: view.from,
    to: view.to,
    source: view.source,
    compare: view.compare,
    show: view.show,
    ref: view.ref,
    notices,
  };
}

export function seriesVariables(resolved: ResolvedView): SeriesVariables {
  return {
    indicatorId: resolved.indicator.id,
    subjects: [
      ...resolved.councils.map((c) => ({ kind: 'COUNCIL' as const, id: c.code })),
      ...resolved.practices.map((p) => ({ kind: 'PRACTICE' as const, id: p.id })),
    ],
    source: resolved.source,
  };
}

// ---------------------------------------------------------------------------------------------
// Series -> chart and table (built by the shared figure model, figures/model.ts)

/** The periods of a series within the chosen years, ascending, each once. */
export function periodsInWindow(periods: readonly number[], from: number | null, to: number | null): number[] {
  return [...new Set(periods)]
    .filter((p) => (from === null || p >= from) && (to === null || p <= to))
    .sort((a, b) => a - b);
}

export const ENGLAND_KEY = 'england';

/** Which comparators to add beside each subject. */
export interface Comparators {
  region: boolean;
  neighbours: boolean;
}

export const NO_COMPARATORS: Comparators = { region: false, neighbours: false };

/**
 * The figure's lines: each subject (then, when asked for, its region and its statistical
 * neighbours' average under it), then England. Comparators are drawn only when there is one
 * subject (a chart of every council's region would be unreadable); the table lists them for all.
 */
export function figureLines(series: Series, comparators: Comparators = NO_COMPARATORS): FigureLine[] {
  const lines: FigureLine[] = [];
  const drawComparators = series.lines.length === 1;
  series.lines.forEach((line, index) => {
    const key = `line${index}`;
    lines.push({
      key,
      name: line.subject.name,
      role: 'subject',
      subject: { kind: line.subject.kind, id: line.subject.id },
      style: lineStyle(index),
      points: line.points,
      ranked: line.subject.kind === 'COUNCIL',
    });
    if (comparators.region && line.region) {
      lines.push({
        key: `region${index}`,
        name: drawComparators ? 'Region' : `Region of ${line.subject.name}`,
        role: 'region',
        style: drawComparators ? REGION_STYLE : { ...lineStyle(index), dashed: true, dash: '2 3' },
        points: line.region,
        ranked: false,
        comparatorOf: key,
        drawn: drawComparators,
      });
    }
    if (comparators.neighbours && line.neighbourAverage) {
      lines.push({
        key: `neighbours${index}`,
        name: drawComparators ? 'Statistical neighbours (pooled)' : `Statistical neighbours of ${line.subject.name}`,
        role: 'neighbours',
        style: drawComparators ? NEIGHBOURS_STYLE : { ...lineStyle(index), dashed: true, dash: '10 3 2 3' },
        points: line.neighbourAverage,
        ranked: false,
        comparatorOf: key,
        drawn: drawComparators,
      });
    }
  });
  lines.push(...englandLines(series.england, ENGLAND_STYLE));
  return lines;
}

/**
 * One row per period, one property per line (subjects in the order asked for, then England).
 * A figure shown as a symbol, or no figure, is null: the line breaks there, and the table and
 * legend say why.
 */
export function toChartModel(
  series: Series,
  periods: readonly number[],
  comparators: Comparators = NO_COMPARATORS,
): ChartModel {
  return buildChart(figureLines(series, comparators), periods, series.indicator.periodType);
}

/** Rows: the subjects in the order asked for (each with its comparators), then England. Columns: the periods shown. */
export function toTableModel(
  series: Series,
  periods: readonly number[],
  comparators: Comparators = NO_COMPARATORS,
): TableModel {
  const { unit, decimals, periodType } = series.indicator;
  return buildTable(figureLines(series, comparators), periods, { unit, decimals, periodType });
}

export { describeSources };
