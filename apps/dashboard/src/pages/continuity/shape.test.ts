import { describe, expect, it } from 'vitest';
import { changesCsv, estimateText, outcomesOf, reasonRows, stepRows } from './shape';

const point = (day: number, survival: number, lower: number, upper: number) => ({
  day,
  atRisk: 10,
  events: 1,
  censored: 0,
  symbol: null,
  survival,
  lower,
  upper,
});

describe('continuity ledger shapes', () => {
  it('draws Kaplan-Meier as steps from 100% at day 0', () => {
    expect(stepRows([point(30, 0.8, 0.6, 1), point(100, 0.7, 0.45, 0.95)])).toEqual([
      { day: 0, survival: 100, band: [100, 100] },
      { day: 30, survival: 100, band: [100, 100] },
      { day: 30, survival: 80, band: [60, 100] },
      { day: 100, survival: 80, band: [60, 100] },
      { day: 100, survival: 70, band: [45, 95] },
    ]);
  });

  it('pivots changes by reason, most changes first, and keeps suppressed cells as suppressed', () => {
    const changes = [
      {
        reason: 'MANAGE',
        reasonLabel: 'Management',
        outcome: 'stayed',
        outcomeLabel: 'Stayed',
        changes: 8,
        symbol: null,
      },
      { reason: 'LEFTRL', reasonLabel: 'Left', outcome: 'left', outcomeLabel: 'Left', changes: 12, symbol: null },
      {
        reason: 'LEFTRL',
        reasonLabel: 'Left',
        outcome: 'unmatched',
        outcomeLabel: 'Not found',
        changes: null,
        symbol: 'c',
      },
    ];
    const rows = reasonRows(changes);
    expect(rows.map((r) => [r.reason, r.counts])).toEqual([
      ['LEFTRL', { left: 12, unmatched: null }],
      ['MANAGE', { stayed: 8 }],
    ]);
    expect(rows[0]!.symbols.unmatched).toBe('c');
    expect(outcomesOf(changes).map((o) => o.outcome)).toEqual(['left', 'stayed', 'unmatched']);
    expect(changesCsv('Kent', 2025, changes)[3]).toEqual([
      'Kent',
      2025,
      'LEFTRL',
      'Left',
      'unmatched',
      'Not found',
      null,
      'c',
    ]);
  });

  it('says an estimate with its band, or that it is not shown', () => {
    expect(estimateText({ survival: 0.625, lower: 0.451, upper: 0.79 })).toBe('63% (45% to 79%)');
    expect(estimateText(null)).toBe('Not shown');
  });
});
