import { BAND_FILL, markerPath, type LineStyle } from './chartStyle';

/** A short stretch of a chart line with its marker: the key to a line, in the legend and the table. */
export function BandSwatch() {
  return (
    <svg className="app-swatch" width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
      <rect x="1" y="2" width="26" height="10" fill={BAND_FILL} fillOpacity={0.45} stroke="#505A5F" strokeWidth={1} />
    </svg>
  );
}

export function Swatch({ style }: { style: LineStyle }) {
  return (
    <svg className="app-swatch" width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
      <line
        x1="1"
        y1="7"
        x2="27"
        y2="7"
        stroke={style.colour}
        strokeWidth={style.width}
        strokeDasharray={style.dashed ? (style.dash ?? '6 3') : undefined}
      />
      <path d={markerPath(style.shape, 14, 7, 8)} fill={style.colour} />
    </svg>
  );
}
