/**
 * The funnel plot (recharts, loaded lazily): each council's published figure against its
 * denominator, with England's figure and the 95% and 99.8% control limits around it. The chosen
 * council is drawn large in blue, the others small in grey. The council table holds the same
 * figures and each council's place on the funnel: it is the accessible alternative.
 */
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatValue, unitLabel } from '../../format/values';
import { markerPath } from '../compare/chartStyle';
import type { TableData } from './queries';

/** A dot renderer for Scatter: a marker of the given shape and size at the point. */
function dot(shape: 'circle' | 'diamond', size: number, fill: string) {
  return function drawDot(props: { cx?: number; cy?: number }) {
    const { cx, cy } = props;
    if (typeof cx !== 'number' || typeof cy !== 'number') return <g />;
    return <path d={markerPath(shape, cx, cy, size)} fill={fill} stroke="#FFFFFF" strokeWidth={1} />;
  };
}

const TEXT = '#0B0C0C';
const GRID = '#B1B4B6';
const OTHERS = '#6F777B';
const CHOSEN = '#1D70B8';

const count = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export default function FunnelChart({
  data,
  chosen,
  describedBy,
}: {
  data: TableData;
  chosen: string | null;
  describedBy: string;
}) {
  const funnel = data.funnel;
  if (!funnel) return null;
  const spec = { unit: data.indicator.unit, decimals: data.indicator.decimals };
  const points = data.rows.flatMap((r) =>
    r.value !== null && r.denominator !== null && r.funnel !== null
      ? [{ denominator: r.denominator, value: r.value, name: r.name, code: r.code }]
      : [],
  );
  const mine = points.filter((p) => p.code === chosen);
  const others = points.filter((p) => p.code !== chosen);
  // Round ticks (1, 2, 5 x 10^k) inside the curve's range: a log axis's own ticks fall on odd numbers.
  const [first, last] = [funnel.limits[0]?.denominator ?? 1, funnel.limits.at(-1)?.denominator ?? 10];
  const ticks = [1, 2, 5]
    .flatMap((m) => [1, 10, 100, 1000, 10000, 100000].map((p) => m * p))
    .filter((t) => t >= first && t <= last)
    .sort((a, b) => a - b);
  const title = `Funnel plot: ${data.indicator.title}, every council against its denominator, with England's figure and control limits`;
  return (
    <>
      <ul className="app-chart-legend" aria-label="Key to the funnel plot">
        <li className="app-chart-legend__item">Grey dots: councils</li>
        {mine.length > 0 ? <li className="app-chart-legend__item">Large blue dot: {mine[0]!.name}</li> : null}
        <li className="app-chart-legend__item">Solid black line: England ({formatValue(funnel.target, spec)})</li>
        <li className="app-chart-legend__item">Dashed lines: 95% limits</li>
        <li className="app-chart-legend__item">Dotted lines: 99.8% limits</li>
      </ul>
      <div className="app-chart" data-testid="funnel-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={funnel.limits}
            margin={{ top: 8, right: 24, bottom: 24, left: 0 }}
            title={title}
            desc="The same figures are in the table above."
            aria-describedby={describedBy}
          >
            <CartesianGrid stroke={GRID} strokeDasharray="2 4" />
            <XAxis
              type="number"
              dataKey="denominator"
              scale="log"
              domain={[first, last]}
              ticks={ticks}
              tickFormatter={(v: number) => count.format(v)}
              tick={{ fill: TEXT, fontSize: 14 }}
              stroke={TEXT}
              label={{
                value: 'Denominator (log scale)',
                position: 'insideBottom',
                offset: -16,
                fill: TEXT,
                fontSize: 14,
              }}
            />
            <YAxis
              type="number"
              tickFormatter={(v: number) => formatValue(v, spec)}
              tick={{ fill: TEXT, fontSize: 14 }}
              stroke={TEXT}
              width={64}
              domain={['auto', 'auto']}
              label={{
                value: unitLabel(data.indicator.unit),
                angle: -90,
                position: 'insideLeft',
                offset: 10,
                fill: TEXT,
                fontSize: 14,
              }}
            />
            <Tooltip
              formatter={(value: unknown) => (typeof value === 'number' ? formatValue(value, spec) : String(value))}
              labelFormatter={(label: unknown) =>
                typeof label === 'number' ? `Denominator ${count.format(label)}` : ''
              }
              contentStyle={{ border: `1px solid ${TEXT}` }}
            />
            <ReferenceLine y={funnel.target} stroke={TEXT} strokeWidth={2} />
            {(['upper998', 'lower998'] as const).map((key) => (
              <Line
                key={key}
                dataKey={key}
                name={key === 'upper998' ? 'Upper 99.8% limit' : 'Lower 99.8% limit'}
                stroke={TEXT}
                strokeDasharray="2 3"
                dot={false}
                activeDot={false}
                isAnimationActive={false}
              />
            ))}
            {(['upper95', 'lower95'] as const).map((key) => (
              <Line
                key={key}
                dataKey={key}
                name={key === 'upper95' ? 'Upper 95% limit' : 'Lower 95% limit'}
                stroke={TEXT}
                strokeDasharray="8 4"
                dot={false}
                activeDot={false}
                isAnimationActive={false}
              />
            ))}
            <Scatter
              name="Councils"
              data={others}
              dataKey="value"
              fill={OTHERS}
              shape={dot('circle', 8, OTHERS)}
              isAnimationActive={false}
            />
            {mine.length > 0 ? (
              <Scatter
                name={mine[0]!.name}
                data={mine}
                dataKey="value"
                fill={CHOSEN}
                shape={dot('diamond', 18, CHOSEN)}
                isAnimationActive={false}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
