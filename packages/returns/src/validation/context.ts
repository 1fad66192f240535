import { ssda903Period, type Ssda903Period } from '../collection-year';
import {
  cohortYear,
  episodeSteps,
  lookedAfter12Months,
  lookedAfterAt31March,
  type CohortYear,
  type EpisodeStep,
} from '@continuity/indicators/cohorts';
import type { EpisodeRow, HeaderRow, Ssda903Model } from '../ssda903/tables';

/**
 * What 903 rules see: the model, the collection year, and indexes built once on first use and shared, so
 * that no rule scans a table per child (a national year has ~200,000 episodes).
 */
export class Ssda903Context {
  readonly year: number;
  readonly period: Ssda903Period;
  private cache = new Map<string, unknown>();

  constructor(
    readonly model: Ssda903Model,
    year: number,
  ) {
    this.year = year;
    this.period = ssda903Period(year);
  }

  private memo<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  /** The child's first Header row. */
  get headerByChild(): Map<string, HeaderRow> {
    return this.memo('headerByChild', () => {
      const m = new Map<string, HeaderRow>();
      for (const h of this.model.header) if (!m.has(h.CHILD)) m.set(h.CHILD, h);
      return m;
    });
  }

  /** Each child's episodes in date order (episodes with no valid DECOM last, in file order). */
  get episodesByChild(): Map<string, EpisodeRow[]> {
    return this.memo('episodesByChild', () => {
      const byChild = groupBy(this.model.episodes, (e) => e.CHILD);
      for (const list of byChild.values()) {
        list.sort((a, b) =>
          a.DECOM === b.DECOM ? 0 : a.DECOM === null ? 1 : b.DECOM === null ? -1 : a.DECOM < b.DECOM ? -1 : 1,
        );
      }
      return byChild;
    });
  }

  /** Episodes by child, only those with a valid DECOM: what date-order rules walk. */
  get datedEpisodesByChild(): Map<string, EpisodeRow[]> {
    return this.memo('datedEpisodesByChild', () => {
      const m = new Map<string, EpisodeRow[]>();
      for (const [child, list] of this.episodesByChild)
        m.set(
          child,
          list.filter((e) => e.DECOM !== null),
        );
      return m;
    });
  }

  /** Children with at least one episode open at some point in the collection year. */
  get childrenLookedAfterInYear(): Set<string> {
    return this.memo('inYear', () => {
      const s = new Set<string>();
      const { start, end } = this.period;
      for (const e of this.model.episodes) {
        if (e.DECOM !== null && e.DECOM <= end && (e.DEC === null || e.DEC >= start)) s.add(e.CHILD);
      }
      return s;
    });
  }

  /** Each child's episodes with what the shared cohort definitions work out about them (@continuity/indicators/cohorts). */
  get stepsByChild(): Map<string, EpisodeStep<EpisodeRow>[]> {
    return this.memo('steps', () => {
      const m = new Map<string, EpisodeStep<EpisodeRow>[]>();
      for (const [child, list] of this.episodesByChild) m.set(child, episodeSteps(list));
      return m;
    });
  }

  /**
   * Children looked after at 31 March, as DfE and the indicators count them: an episode open at
   * 31 March whose legal status is not a short break (V3/V4) (lookedAfterAt31March).
   */
  get childrenLookedAfterAtEnd(): Set<string> {
    return this.memo('atEnd', () => this.childrenWhere((steps) => lookedAfterAt31March(steps, this.cohortYear)));
  }

  /**
   * Children looked after continuously for at least 12 months at 31 March, the OC2 cohort
   * (lookedAfter12Months: in care on 1 April of the previous year and without a break to 31 March,
   * no short break V3/V4 in the year), the same definition the OC2 indicators use.
   */
  get childrenLookedAfter12Months(): Set<string> {
    return this.memo('cla12', () => this.childrenWhere((steps) => lookedAfter12Months(steps, this.cohortYear)));
  }

  private get cohortYear(): CohortYear {
    return cohortYear(this.year);
  }

  private childrenWhere(test: (steps: EpisodeStep<EpisodeRow>[]) => boolean): Set<string> {
    const s = new Set<string>();
    for (const [child, steps] of this.stepsByChild) if (test(steps)) s.add(child);
    return s;
  }
}

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
