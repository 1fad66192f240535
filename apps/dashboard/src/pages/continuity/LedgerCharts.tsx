/**
 * The continuity ledger's two pictures (recharts, loaded lazily like every chart): the survival curve
 * with its Greenwood band (Area over the range, Line for the estimate), and changes by reason as
 * stacked bars by what became of the worker. The tables beside them hold the same figures.
 */
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { BAND_FILL } from '../compare/chartStyle';
import type { ReasonRow, StepRow } from './shape';

const TEXT_COLOUR = '#0B0C0C';
const GRID_COLOUR = '#B1B4B6';
/** GOV.UK colours, one per outcome, turnover in the strong ones. */
const OUTCOME_COLOURS: Record<string, string> = {
  left: '#D4351C',
  agency_ended: '#F47738',
  stayed: '#1D70B8',
  unmatched: '#B1B4B6',
  no_census: '#505A5F',
};

export function SurvivalChart({ rows, title, describedBy }: { rows: StepRow[]; title: string; describedBy: string }) {
  return (
    <div className="app-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 32, bottom: 24, left: 0 }}
          title={title}
          aria-describedby={describedBy}
        >
          <CartesianGrid stroke={GRID_COLOUR} strokeDasharray="2 4" vertical={false} />
          <XAxis
            dataKey="day"
            type="number"
            domain={[0, 'dataMax']}
            tick={{ fill: TEXT_COLOUR, fontSize: 14 }}
            stroke={TEXT_COLOUR}
            label={{
              value: 'Days with the same worker',
              position: 'insideBottom',
              offset: -16,
              fill: TEXT_COLOUR,
              fontSize: 14,
            }}
          />
          <YAxis
            domain={[0, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fill: TEXT_COLOUR, fontSize: 14 }}
            stroke={TEXT_COLOUR}
            width={56}
          />
          <Tooltip
            formatter={(value: unknown) =>
              Array.isArray(value)
                ? `${Number(value[0]).toFixed(0)}% to ${Number(value[1]).toFixed(0)}%`
                : `${Number(value).toFixed(1)}%`
            }
            labelFormatter={(day: unknown) => `Day ${String(day)}`}
          />
          <Area
            type="linear"
            dataKey="band"
            name="95% band (Greenwood)"
            fill={BAND_FILL}
            fillOpacity={0.45}
            stroke="none"
            isAnimationActive={false}
            activeDot={false}
          />
          <Line
            type="linear"
            dataKey="survival"
            name="Still with the same worker"
            stroke="#1D70B8"
            strokeWidth={3}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ReasonsChart({
  rows,
  outcomes,
  title,
  describedBy,
}: {
  rows: ReasonRow[];
  outcomes: { outcome: string; label: string }[];
  title: string;
  describedBy: string;
}) {
  const data = rows.map((r) => ({
    label: r.label,
    ...Object.fromEntries(outcomes.map((o) => [o.outcome, r.counts[o.outcome] ?? 0])),
  }));
  return (
    <div className="app-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 8, right: 32, bottom: 8, left: 8 }}
          title={title}
          aria-describedby={describedBy}
        >
          <CartesianGrid stroke={GRID_COLOUR} strokeDasharray="2 4" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fill: TEXT_COLOUR, fontSize: 14 }} stroke={TEXT_COLOUR} />
          <YAxis
            type="category"
            dataKey="label"
            width={220}
            tick={{ fill: TEXT_COLOUR, fontSize: 12 }}
            stroke={TEXT_COLOUR}
          />
          <Tooltip />
          <Legend />
          {outcomes.map((o) => (
            <Bar
              key={o.outcome}
              dataKey={o.outcome}
              name={o.label}
              stackId="outcome"
              fill={OUTCOME_COLOURS[o.outcome] ?? '#505A5F'}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
