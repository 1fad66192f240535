import { describe, expect, it } from 'vitest';
import { collectionYearLabel, historyRows, statusLabel, type HistorySubmission } from './history';

const submission = (over: Partial<HistorySubmission>): HistorySubmission => ({
  id: '1',
  kind: 'ssda903',
  councilCode: '886',
  practiceId: null,
  collectionYear: 2025,
  status: 'accepted',
  submittedAt: '2025-05-01T10:00:00.000Z',
  counts: [],
  errorCount: 0,
  warningCount: 0,
  errorTotal: 0,
  warningTotal: 0,
  supersededBy: null,
  errors: [],
  warnings: [],
  ...over,
});

describe('submission history', () => {
  it('orders newest first, by time then id', () => {
    const rows = historyRows([
      submission({ id: '1', submittedAt: '2025-05-01T10:00:00.000Z' }),
      submission({ id: '3', submittedAt: '2025-05-02T10:00:00.000Z' }),
      submission({ id: '2', submittedAt: '2025-05-02T10:00:00.000Z' }),
    ]);
    expect(rows.map((r) => r.id)).toEqual(['3', '2', '1']);
  });

  it('shapes a row: kind, year, who, status tag and counts', () => {
    const [row] = historyRows([
      submission({
        practiceId: 'swp-kent',
        status: 'rejected',
        counts: [
          { table: 'episodes', rows: 1200, symbol: null },
          { table: 'header', rows: 3, symbol: null },
        ],
        errorCount: 2,
      }),
    ]);
    expect(row).toMatchObject({
      kind: 'SSDA903',
      year: '2024 to 2025',
      who: 'Practice swp-kent, council 886',
      status: 'Rejected',
      tagClass: 'govuk-tag--red',
      counts: 'episodes: 1,200, header: 3',
      errorCount: 2,
    });
    expect(historyRows([submission({ kind: 'csww', collectionYear: 2024 })])[0]).toMatchObject({
      kind: 'Workforce census (CSWW)',
      year: '30 September 2024',
      who: 'Council 886',
      counts: 'None read',
    });
  });

  it('carries the totals found beside the lines listed (issue caps)', () => {
    const [row] = historyRows([
      submission({ status: 'rejected', errorCount: 3, errorTotal: 50, warningCount: 1, warningTotal: 7 }),
    ]);
    expect(row).toMatchObject({ errorCount: 3, errorTotal: 50, warningCount: 1, warningTotal: 7 });
  });

  it('labels every status, and an unknown one as itself', () => {
    expect(statusLabel('accepted')).toEqual({ label: 'Accepted', tag: 'govuk-tag--green' });
    expect(statusLabel('superseded')).toEqual({ label: 'Superseded', tag: 'govuk-tag--grey' });
    expect(statusLabel('odd').label).toBe('odd');
    expect(collectionYearLabel('other', 2024)).toBe('2024');
  });
});
