/**
 * The line chart (recharts). Loaded lazily: this module and recharts form their own chunks.
 * The table under the chart holds the same figures and is the accessible alternative; the chart
 * has an accessible name (its <title>) and points to the note that says so.
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatValue, unitLabel } from '../../format/values';
import type { Indicator } from '../../graphql/schema';
import { ENGLAND_STYLE, lineStyle, markerPath, type LineStyle } from './chartStyle';
import { Swatch } from './Swatch';
import { ENGLAND_KEY, type ChartModel } from './shape';

interface Props {
  model: ChartModel;
  indicator: Indicator;
  /** The chart's accessible name. */
  title: string;
  /** Id of the text that describes the chart. */
  describedBy: string;
}

const TEXT_COLOUR = '#0B0C0C';
const GRID_COLOUR = '#B1B4B6';

/** A marker of the line's shape; nothing where the line has no value. */
function marker(style: LineStyle, size: number) {
  return function Marker(props: { cx?: number; cy?: number; index?: number; value?: unknown }) {
    const { cx, cy, index } = props;
    if (typeof cx !== 'number' || typeof cy !== 'number' || !Number.isFinite(cx) || !Number.isFinite(cy)) {
      return <g key={`empty-${index ?? 0}`} />;
    }
    return <path key={`marker-${index ?? 0}`} d={markerPath(style.shape, cx, cy, size)} fill={style.colour} stroke="#FFFFFF" strokeWidth={1} />;
  };
}

export default function SeriesChart({ model, indicator, title, describedBy }: Props) {
  const spec = { unit: indicator.unit, decimals: indicator.decimals };
  const format = (value: unknown) => (typeof value === 'number' ? formatValue(value, spec) : 'No figure');
  const subjectStyles = new Map(model.lines.filter((l) => l.key !== ENGLAND_KEY).map((l, i) => [l.key, lineStyle(i)]));

  return (
    <>
      {/* The key, in HTML so it wraps on small screens and reads in the page's font. */}
      <ul className="app-chart-legend" aria-label="Key to the lines">
        {model.lines.map((line) => (
          <li key={line.key} className="app-chart-legend__item">
            <Swatch style={line.key === ENGLAND_KEY ? ENGLAND_STYLE : (subjectStyles.get(line.key) ?? lineStyle(0))} />
            {line.name}
          </li>
        ))}
      </ul>
      <div className="app-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={model.rows}
          margin={{ top: 8, right: 32, bottom: 8, left: 0 }}
          title={title}
          desc="The same figures are in the table below the chart."
          aria-describedby={describedBy}
        >
          <CartesianGrid stroke={GRID_COLOUR} strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="label" tick={{ fill: TEXT_COLOUR, fontSize: 14 }} tickMargin={8} stroke={TEXT_COLOUR} />
          <YAxis
            tickFormatter={(value: number) => formatValue(value, spec)}
            tick={{ fill: TEXT_COLOUR, fontSize: 14 }}
            stroke={TEXT_COLOUR}
            width={64}
            domain={['auto', 'auto']}
            label={{ value: unitLabel(indicator.unit), angle: -90, position: 'insideLeft', offset: 10, fill: TEXT_COLOUR, fontSize: 14 }}
          />
          <Tooltip formatter={format} labelStyle={{ fontWeight: 700, color: TEXT_COLOUR }} contentStyle={{ border: `1px solid ${TEXT_COLOUR}` }} />
          {model.lines.map((line) => {
            const style = line.key === ENGLAND_KEY ? ENGLAND_STYLE : (subjectStyles.get(line.key) ?? lineStyle(0));
            return (
              <Line
                key={line.key}
                type="linear"
                dataKey={line.key}
                name={line.name}
                stroke={style.colour}
                strokeWidth={style.width}
                strokeDasharray={style.dashed ? '8 4' : undefined}
                dot={marker(style, 9)}
                activeDot={marker(style, 13)}
                connectNulls={false}
                isAnimationActive={false}
              />
            );
          })}
        </LineChart>
      </ResponsiveContainer>
      </div>
    </>
  );
}
