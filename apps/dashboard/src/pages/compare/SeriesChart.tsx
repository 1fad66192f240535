/**
 * The line chart (recharts). Loaded lazily: this module and recharts form their own chunks.
 * The table under the chart holds the same figures and is the accessible alternative; the chart
 * has an accessible name (its <title>) and points to the note that says so. Used by every journey:
 * each line carries its style; a shaded band (e.g. the statistical neighbours' middle half) is optional.
 */
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatValue, unitLabel } from '../../format/values';
import { BAND_KEY, type ChartModel } from '../../figures/model';
import { BAND_FILL, ENGLAND_STYLE, lineStyle, markerPath, type LineStyle } from './chartStyle';
import { BandSwatch, Swatch } from './Swatch';
import { ENGLAND_KEY } from './shape';

interface Props {
  model: ChartModel;
  indicator: { unit: string; decimals: number };
  /** The chart's accessible name. */
  title: string;
  /** Id of the text that describes the chart. */
  describedBy: string;
  /** A smaller chart, for small multiples. */
  compact?: boolean;
}

const TEXT_COLOUR = '#0B0C0C';
const GRID_COLOUR = '#B1B4B6';

/** A marker of the line's shape; nothing where the line has no value. */
function marker(style: LineStyle, size: number) {
  // A render function recharts calls per point (a dot renderer), not a component.
  return function drawMarker(props: { cx?: number; cy?: number; index?: number; value?: unknown }) {
    const { cx, cy, index } = props;
    if (typeof cx !== 'number' || typeof cy !== 'number' || !Number.isFinite(cx) || !Number.isFinite(cy)) {
      return <g key={`empty-${index ?? 0}`} />;
    }
    return (
      <path
        key={`marker-${index ?? 0}`}
        d={markerPath(style.shape, cx, cy, size)}
        fill={style.colour}
        stroke="#FFFFFF"
        strokeWidth={1}
      />
    );
  };
}

export default function SeriesChart({ model, indicator, title, describedBy, compact = false }: Props) {
  const spec = { unit: indicator.unit, decimals: indicator.decimals };
  const format = (value: unknown) => {
    if (typeof value === 'number') return formatValue(value, spec);
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') {
      return `${formatValue(value[0], spec)} to ${formatValue(value[1], spec)}`;
    }
    return 'No figure';
  };
  const styleOf = (key: string, index: number, given?: LineStyle) =>
    given ?? (key === ENGLAND_KEY ? ENGLAND_STYLE : lineStyle(index));

  return (
    <>
      {/* The key, in HTML so it wraps on small screens and reads in the page's font. */}
      <ul className="app-chart-legend" aria-label="Key to the lines">
        {model.lines.map((line, index) => (
          <li key={line.key} className="app-chart-legend__item">
            <Swatch style={styleOf(line.key, index, line.style)} />
            {line.name}
          </li>
        ))}
        {model.band ? (
          <li className="app-chart-legend__item">
            <BandSwatch />
            {model.band.name}
          </li>
        ) : null}
      </ul>
      <div className={`app-chart${compact ? ' app-chart--compact' : ''}`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={model.rows}
            margin={{ top: 8, right: compact ? 12 : 32, bottom: 8, left: 0 }}
            title={title}
            desc="The same figures are in the table with the chart."
            aria-describedby={describedBy}
          >
            <CartesianGrid stroke={GRID_COLOUR} strokeDasharray="2 4" vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fill: TEXT_COLOUR, fontSize: compact ? 12 : 14 }}
              tickMargin={8}
              stroke={TEXT_COLOUR}
            />
            <YAxis
              tickFormatter={(value: number) => formatValue(value, spec)}
              tick={{ fill: TEXT_COLOUR, fontSize: compact ? 12 : 14 }}
              stroke={TEXT_COLOUR}
              width={compact ? 52 : 64}
              domain={['auto', 'auto']}
              label={
                compact
                  ? undefined
                  : {
                      value: unitLabel(indicator.unit),
                      angle: -90,
                      position: 'insideLeft',
                      offset: 10,
                      fill: TEXT_COLOUR,
                      fontSize: 14,
                    }
              }
            />
            <Tooltip
              formatter={format}
              labelStyle={{ fontWeight: 700, color: TEXT_COLOUR }}
              contentStyle={{ border: `1px solid ${TEXT_COLOUR}` }}
            />
            {model.band ? (
              <Area
                type="linear"
                dataKey={BAND_KEY}
                name={model.band.name}
                fill={BAND_FILL}
                fillOpacity={0.45}
                stroke="#505A5F"
                strokeWidth={1}
                connectNulls={false}
                isAnimationActive={false}
                activeDot={false}
              />
            ) : null}
            {model.lines.map((line, index) => {
              const style = styleOf(line.key, index, line.style);
              return (
                <Line
                  key={line.key}
                  type="linear"
                  dataKey={line.key}
                  name={line.name}
                  stroke={style.colour}
                  strokeWidth={style.width}
                  strokeDasharray={style.dashed ? (style.dash ?? '8 4') : undefined}
                  dot={marker(style, compact ? 7 : 9)}
                  activeDot={marker(style, compact ? 10 : 13)}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              );
            })}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
