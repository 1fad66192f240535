/**
 * The period a DfE `time_period` belongs to, as the year it ends in: reporting years (to 31 March) and
 * census years are printed as `2025`; academic years as `202425`, which ends in 2025.
 */
export function periodOf(timePeriod: string): number {
  const text = timePeriod.trim();
  if (/^\d{4}$/.test(text)) return Number(text);
  const academic = /^(\d{4})(\d{2})$/.exec(text);
  if (academic) {
    const end = Number(academic[1]) + 1;
    if (end % 100 !== Number(academic[2])) throw new Error(`time_period ${text} is not a run of two years`);
    return end;
  }
  throw new Error(`unrecognised time_period "${timePeriod}"`);
}
