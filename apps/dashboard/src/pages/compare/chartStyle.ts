/**
 * How each line looks, shared by the chart and the table's colour key (this module has no recharts
 * import, so the table does not pull the chart chunk in). Colours start with the Government
 * Analysis Function's categorical palette and stay at least 3:1 against white; each line also gets
 * a marker shape, so lines can be told apart without colour. England is black and dashed.
 */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross';

const COLOURS = [
  '#12436D', // dark blue
  '#28A197', // turquoise
  '#801650', // dark pink
  '#F46A25', // orange
  '#3D3D3D', // dark grey
  '#6E4FA8', // purple
  '#2073BC', // mid blue
  '#8A6100', // ochre
  '#00703C', // green
  '#D4351C', // red
  '#5694CA', // light blue
  '#912B88', // magenta
] as const;

const SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'cross'];

export interface LineStyle {
  colour: string;
  shape: MarkerShape;
  dashed: boolean;
  width: number;
  /** SVG dash pattern when dashed (default "8 4"). */
  dash?: string;
}

export const ENGLAND_STYLE: LineStyle = { colour: '#0B0C0C', shape: 'square', dashed: true, width: 3 };

/** A subject's region: dark grey, dotted, triangles (7:1 on white). */
export const REGION_STYLE: LineStyle = { colour: '#505A5F', shape: 'triangle', dashed: true, width: 2, dash: '2 3' };

/** The statistical neighbours' average: ochre, long dashes, diamonds (4.9:1 on white). */
export const NEIGHBOURS_STYLE: LineStyle = {
  colour: '#8A6100',
  shape: 'diamond',
  dashed: true,
  width: 2,
  dash: '10 3 2 3',
};

/** A group's middle half (lower to upper quartile), shaded behind the lines. */
export const BAND_FILL = '#B1B4B6';

/**
 * The style of the n-th subject line (0-based). Each time the colours start again the shapes move
 * on one, so no two of the first 72 lines share both colour and shape.
 */
export function lineStyle(index: number): LineStyle {
  const i = Math.abs(Math.trunc(index));
  return {
    colour: COLOURS[i % COLOURS.length] ?? COLOURS[0],
    shape: SHAPES[(i + Math.floor(i / COLOURS.length)) % SHAPES.length] ?? 'circle',
    dashed: false,
    width: 2,
  };
}

/** An SVG path for a marker of `size` (px across) centred on (cx, cy). */
export function markerPath(shape: MarkerShape, cx: number, cy: number, size: number): string {
  const r = size / 2;
  switch (shape) {
    case 'square':
      return `M${cx - r},${cy - r}h${size}v${size}h${-size}Z`;
    case 'triangle':
      return `M${cx},${cy - r}L${cx + r},${cy + r}L${cx - r},${cy + r}Z`;
    case 'triangle-down':
      return `M${cx - r},${cy - r}L${cx + r},${cy - r}L${cx},${cy + r}Z`;
    case 'diamond':
      return `M${cx},${cy - r}L${cx + r},${cy}L${cx},${cy + r}L${cx - r},${cy}Z`;
    case 'cross': {
      const t = r / 2.5;
      return `M${cx - t},${cy - r}h${2 * t}v${r - t}h${r - t}v${2 * t}h${t - r}v${r - t}h${-2 * t}v${t - r}h${t - r}v${-2 * t}h${r - t}Z`;
    }
    default:
      return `M${cx - r},${cy}a${r},${r} 0 1,0 ${size},0a${r},${r} 0 1,0 ${-size},0`;
  }
}
