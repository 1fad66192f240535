import { formatValue, periodLabel } from '../format/values';
import type { Trend as TrendShape } from '../pages/shortages/shape';

/** "Up 2.1 points since 2022-23: worse", in words (an arrow is decoration only). */
export function TrendText({
  trend,
  unit,
  decimals,
  periodType,
}: {
  trend: TrendShape | null;
  unit: string;
  decimals: number;
  periodType: string;
}) {
  if (!trend) return <span className="app-muted">No earlier figure</span>;
  const amount = formatValue(Math.abs(trend.change), { unit: unit === 'percent' ? 'points' : unit, decimals });
  const points = unit === 'percent' ? ` percentage point${amount === '1' ? '' : 's'}` : '';
  const since = `since ${periodLabel(trend.from, periodType)}`;
  if (trend.change === 0) return <span>No change {since}</span>;
  const arrow = trend.change > 0 ? '\u2191' : '\u2193';
  const word = trend.change > 0 ? 'Up' : 'Down';
  const verdict = trend.direction === 'better' ? 'better' : trend.direction === 'worse' ? 'worse' : null;
  return (
    <span className={verdict === 'worse' ? 'app-trend app-trend--worse' : 'app-trend'}>
      <span aria-hidden="true">{arrow} </span>
      {word} {amount}
      {points} {since}
      {verdict ? <strong>: {verdict}</strong> : null}
    </span>
  );
}
