/** Where a row came from, so every message can point a data officer at it. */
export interface Origin {
  file: string;
  /** CSV: the line as a spreadsheet shows it (header = row 1). XML: the 1-based index of the record element. */
  row: number;
  /** XML only: element path, e.g. `CHILD[12]/EPISODE[2]`. */
  path?: string;
}

export type Severity = 'error' | 'warning';

/** One finding. Errors reject the whole return; warnings are reported and the return is kept. */
export interface Issue {
  file: string;
  /** 0 when the finding is about the whole file (unreadable, wrong header). */
  row: number;
  /** DfE column / XML element name, or '' for file-level findings. */
  column: string;
  /** DfE rule code ('103', 'SW13STG1', 'INT03'), or our own: 'FILE-*', 'CONT-*', 'CSWW-*'. */
  rule: string;
  severity: Severity;
  message: string;
  /** The offending value as written in the file ('' when blank). */
  value: string;
  child?: string;
  path?: string;
  /**
   * Set only on a summary issue (issue-caps.ts): this many more findings of the rule were not listed.
   * Such an issue has row 0, no column and no value, and stands for `more` findings in the totals.
   */
  more?: number;
}

/** A file-level problem found while reading, before any rule runs. */
export function fileIssue(file: string, rule: string, message: string, severity: Severity = 'error'): Issue {
  return { file, row: 0, column: '', rule, severity, message, value: '' };
}
