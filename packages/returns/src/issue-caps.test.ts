import { describe, expect, it } from 'vitest';
import { DEFAULT_ISSUE_LIMITS, issueTotal, IssueTally, moreMessage, shares } from './issue-caps';
import type { Issue, Severity } from './issues';
import { parseSsda903Files } from './ssda903/parse';
import { validateReturn } from './validate';

const issue = (rule: string, row: number, severity: Severity = 'error', file = 'header.csv'): Issue => ({
  file,
  row,
  column: 'DOB',
  rule,
  severity,
  message: `bad ${row}`,
  value: 'x',
});
const many = (rule: string, n: number, severity: Severity = 'error') =>
  Array.from({ length: n }, (_, i) => issue(rule, i + 2, severity));

describe('shares', () => {
  it('gives every rule the same bound, the rest of the budget to the first rules still over it', () => {
    expect(shares([3, 50, 2], 100)).toEqual([3, 50, 2]); // all fit
    // 10 + 10 + 10 = 30 > 25: q = 8 gives 8 + 8 + 8 = 24, one left for the first.
    expect(shares([10, 10, 10], 25)).toEqual([9, 8, 8]);
    // A small rule keeps all of its own: 2 + q + q <= 10 -> q = 4.
    expect(shares([2, 100, 100], 10)).toEqual([2, 4, 4]);
    expect(shares([5, 5], 0)).toEqual([0, 0]);
  });
});

describe('IssueTally', () => {
  it('lists everything, in the order found, when nothing is over a cap', () => {
    const tally = new IssueTally(DEFAULT_ISSUE_LIMITS);
    const found = [issue('101', 2), issue('102', 2), issue('101', 3), issue('361', 4, 'warning')];
    tally.addAll(found);
    expect(tally.lists()).toEqual({ errors: [found[0], found[1], found[2]], warnings: [found[3]] });
    expect(tally.total('error')).toBe(3);
    expect(tally.byRule('error')).toEqual({ '101': 2, '102': 1 });
  });

  it('keeps the first perRule of a rule and says how many more, right after them', () => {
    const tally = new IssueTally({ perRule: 3, perReturn: 1000 });
    tally.addAll([...many('101', 10), issue('102', 7)]);
    const { errors } = tally.lists();
    expect(errors.map((i) => [i.rule, i.row, i.more])).toEqual([
      ['101', 2, undefined],
      ['101', 3, undefined],
      ['101', 4, undefined],
      ['101', 0, 7],
      ['102', 7, undefined],
    ]);
    expect(errors[3]).toEqual({
      file: 'header.csv',
      row: 0,
      column: '',
      rule: '101',
      severity: 'error',
      message: 'And 7 more errors like this under rule 101, not listed.',
      value: '',
      more: 7,
    });
    expect(issueTotal(errors)).toBe(11);
    expect(tally.byRule('error')).toEqual({ '101': 10, '102': 1 });
  });

  it('shares perReturn among the rules, errors before warnings, each capped rule with its summary', () => {
    const tally = new IssueTally({ perRule: 100, perReturn: 10 });
    tally.addAll([...many('101', 50), ...many('102', 2), ...many('103', 50), ...many('361', 5, 'warning')]);
    const { errors, warnings } = tally.lists();
    // 2 + q + q <= 10: q = 4 for 101 and 103, 102 keeps its 2.
    expect(errors.filter((i) => i.more === undefined).map((i) => i.rule)).toEqual([
      '101',
      '101',
      '101',
      '101',
      '102',
      '102',
      '103',
      '103',
      '103',
      '103',
    ]);
    expect(errors.filter((i) => i.more !== undefined).map((i) => [i.rule, i.more])).toEqual([
      ['101', 46],
      ['103', 46],
    ]);
    // No room left for warnings: one summary stands for all five.
    expect(warnings).toEqual([
      {
        file: 'header.csv',
        row: 0,
        column: '',
        rule: '361',
        severity: 'warning',
        message: moreMessage('361', 'warning', 5, 0),
        value: '',
        more: 5,
      },
    ]);
    expect(warnings[0]!.message).toBe('5 warnings under rule 361, not listed (too many issues in this return).');
    expect([issueTotal(errors), issueTotal(warnings)]).toEqual([102, 5]);
  });

  it('capping a capped list again changes nothing (a stored list read back)', () => {
    const first = new IssueTally({ perRule: 3, perReturn: 5 });
    first.addAll([...many('101', 10), ...many('102', 10), issue('103', 1, 'error', 'episodes.csv')]);
    const once = first.lists();
    const again = new IssueTally({ perRule: 3, perReturn: 5 });
    again.addAll(once.errors);
    expect(again.lists()).toEqual(once);
    expect(again.total('error')).toBe(21);
  });

  it('names the file of a summary only when every finding came from that file', () => {
    const tally = new IssueTally({ perRule: 1, perReturn: 100 });
    tally.addAll([
      issue('101', 2, 'error', 'a.csv'),
      issue('101', 3, 'error', 'b.csv'),
      issue('102', 2, 'error', 'a.csv'),
      issue('102', 3, 'error', 'a.csv'),
    ]);
    expect(
      tally
        .lists()
        .errors.filter((i) => i.more)
        .map((i) => [i.rule, i.file]),
    ).toEqual([
      ['101', ''],
      ['102', 'a.csv'],
    ]);
  });
});

describe('validateReturn with the caps', () => {
  // The attack's file: 20,000 Header rows each failing four error rules and one warning rule.
  const rows = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  for (let i = 0; i < 20_000; i++) rows.push(`${100000 + i},X,31/02/2010,ZZZZ,BAD,7,99/99/9999`);
  const parsed = parseSsda903Files([{ name: 'header.csv', bytes: new TextEncoder().encode(`${rows.join('\n')}\n`) }]);

  it('lists at most 1,000 issues and a summary per rule cut short, with the totals exact', () => {
    const open = validateReturn(parsed, { collectionYear: 2025 });
    const capped = validateReturn(parsed, { collectionYear: 2025, limits: DEFAULT_ISSUE_LIMITS });
    expect(open.errors.length).toBe(80_002);
    expect(capped.counts).toEqual(open.counts);
    expect(capped.counts.errorsByRule).toEqual({
      '101': 20_000,
      '102': 20_000,
      '103': 20_000,
      '165': 20_000,
      'CONT-TABLES': 2,
    });
    expect(capped.accepted).toBe(false);
    const listed = (list: Issue[]) => list.filter((i) => i.more === undefined).length;
    // Errors: 2 CONT-TABLES and 100 of each of the four rules = 402 listed, 4 summaries of 19,900.
    expect([listed(capped.errors), capped.errors.length]).toEqual([402, 406]);
    expect(capped.errors.filter((i) => i.more).map((i) => [i.rule, i.more])).toEqual([
      ['101', 19_900],
      ['102', 19_900],
      ['103', 19_900],
      ['165', 19_900],
    ]);
    // Warnings: 100 of EPI (within the 598 left of 1,000) and its summary.
    expect([listed(capped.warnings), capped.warnings.length]).toEqual([100, 101]);
    expect([issueTotal(capped.errors), issueTotal(capped.warnings)]).toEqual([80_002, 20_000]);
    expect(JSON.stringify(capped).length).toBeLessThan(300_000);
  });
});
