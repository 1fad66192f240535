/**
 * Money on the payments page. The API sends integer pence and its own totals; nothing here adds
 * money up, and nothing goes through floating point pounds.
 */

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * 1234567 -> "£12,345.67"; -5 -> "-£0.05". Pence must be a safe integer; null (withheld from a viewer
 * outside the contract, as it would give a suppressed figure back) -> "c".
 */
export function formatPence(pence: number | null): string {
  if (pence === null) return 'c';
  if (!Number.isSafeInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
  const negative = pence < 0;
  const abs = String(Math.abs(pence)).padStart(3, '0');
  const pounds = abs.slice(0, -2).replace(/^0+(?=\d)/, '');
  const text = `£${group(pounds)}.${abs.slice(-2)}`;
  return negative ? `-${text}` : text;
}

/**
 * What someone typed as pounds ("12,345.67", "£1000", "50.5") -> pence, from the digits (no
 * floats); null when it is not an amount of at most two decimal places, or is negative.
 */
export function parsePounds(text: string): number | null {
  const clean = text.trim().replace(/^£/, '').replace(/,/g, '').trim();
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  const pounds = match[1] ?? '0';
  const pence = (match[2] ?? '').padEnd(2, '0');
  const total = Number(`${pounds}${pence}`);
  return Number.isSafeInteger(total) ? total : null;
}

/** Pence -> what a pounds input starts with: 123450 -> "1234.50". */
export function penceToInput(pence: number): string {
  const abs = String(Math.abs(pence)).padStart(3, '0');
  return `${pence < 0 ? '-' : ''}${abs.slice(0, -2).replace(/^0+(?=\d)/, '')}.${abs.slice(-2)}`;
}

/** Achievement 0..1 (six decimal places) -> "87.5%" (up to 4 decimals, trailing zeros dropped). */
export function formatAchievement(achievement: number | null): string {
  if (achievement === null) return 'c';
  const percent = Math.round(achievement * 1_000_000) / 10_000;
  return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 }).format(percent)}%`;
}
