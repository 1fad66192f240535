import { describe, expect, it } from 'vitest';
import type { Issue } from '../issues';
import { withoutRegistrationNumbers, WITHHELD_REGISTRATION } from './redact';

const issue = (over: Partial<Issue>): Issue => ({
  file: 'sw.csv',
  row: 3,
  column: 'SW_DECOM',
  rule: 'SW10STG2',
  severity: 'error',
  message: '',
  value: '',
  ...over,
});

describe('withoutRegistrationNumbers', () => {
  it("withholds the return's registration numbers from values and messages, and keeps where they are", () => {
    const numbers = ['SW8860000001', ' sw886 0000002', 'XX', null];
    const [a, b, c, d] = withoutRegistrationNumbers(
      [
        issue({ message: 'The previous episode (SW8860000001) ended on 01/06/2024.', value: '15/05/2024' }),
        issue({
          column: 'SWENo',
          rule: 'CSWW-W02',
          message: '"sw886 0000002" does not have that form.',
          value: 'sw886 0000002',
        }),
        issue({ column: 'SW_ID', message: 'SW_ID is XX.', value: 'XX' }),
        issue({ message: 'Nothing to hide: SW8860000009 is not in this return.' }),
      ],
      numbers,
    );
    expect(a).toMatchObject({
      row: 3,
      column: 'SW_DECOM',
      value: '15/05/2024',
      message: `The previous episode (${WITHHELD_REGISTRATION}) ended on 01/06/2024.`,
    });
    expect(b).toMatchObject({
      column: 'SWENo',
      value: WITHHELD_REGISTRATION,
      message: `"${WITHHELD_REGISTRATION}" does not have that form.`,
    });
    expect(c).toMatchObject({ value: 'XX', message: 'SW_ID is XX.' });
    expect(d!.message).toBe('Nothing to hide: SW8860000009 is not in this return.');
  });
});
