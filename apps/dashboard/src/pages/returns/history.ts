/** Pure shaping of the submissions history (the Returns page's table); tested in history.test.ts. */
import type { SubmissionHistoryQuery } from '../../graphql/generated';

export type HistorySubmission = SubmissionHistoryQuery['submissions'][number];

export interface HistoryRow {
  id: string;
  /** ISO date-time, for <time dateTime>. */
  at: string;
  when: string;
  kind: string;
  year: string;
  who: string;
  status: string;
  /** GOV.UK tag modifier class for the status. */
  tagClass: string;
  counts: string;
  /** Entries in the submission's lists (issues listed and a summary line per rule cut short). */
  errorCount: number;
  warningCount: number;
  /** Errors and warnings found in all, listed or not. */
  errorTotal: number;
  warningTotal: number;
  submission: HistorySubmission;
}

const KIND_LABELS: Record<string, string> = { ssda903: 'SSDA903', csww: 'Workforce census (CSWW)' };

const STATUS: Record<string, { label: string; tag: string }> = {
  accepted: { label: 'Accepted', tag: 'govuk-tag--green' },
  rejected: { label: 'Rejected', tag: 'govuk-tag--red' },
  superseded: { label: 'Superseded', tag: 'govuk-tag--grey' },
};

export function statusLabel(status: string): { label: string; tag: string } {
  return STATUS[status] ?? { label: status, tag: 'govuk-tag--grey' };
}

function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** SSDA903 years end on 31 March; the census is at 30 September. */
export function collectionYearLabel(kind: string, year: number): string {
  return kind === 'ssda903' ? `${year - 1} to ${year}` : kind === 'csww' ? `30 September ${year}` : String(year);
}

function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
}

/** Newest first (by time, then by id), one row each, ready to render. */
export function historyRows(submissions: readonly HistorySubmission[]): HistoryRow[] {
  return [...submissions]
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || Number(b.id) - Number(a.id))
    .map((s) => {
      const status = statusLabel(s.status);
      return {
        id: s.id,
        at: s.submittedAt,
        when: formatWhen(s.submittedAt),
        kind: kindLabel(s.kind),
        year: collectionYearLabel(s.kind, s.collectionYear),
        who: s.practiceId ? `Practice ${s.practiceId}, council ${s.councilCode}` : `Council ${s.councilCode}`,
        status: status.label,
        tagClass: status.tag,
        counts:
          s.counts.length === 0
            ? 'None read'
            : s.counts
                .map((c) => `${c.table}: ${c.rows === null ? (c.symbol ?? 'c') : c.rows.toLocaleString('en-GB')}`)
                .join(', '),
        errorCount: s.errorCount,
        warningCount: s.warningCount,
        errorTotal: s.errorTotal,
        warningTotal: s.warningTotal,
        submission: s,
      };
    });
}
