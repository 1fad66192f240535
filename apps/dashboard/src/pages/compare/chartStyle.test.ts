import { describe, expect, it } from 'vitest';
import { ENGLAND_STYLE, lineStyle, markerPath } from './chartStyle';

describe('lineStyle', () => {
  it('gives neighbouring lines different colours and shapes, and never England’s dashes', () => {
    const first = lineStyle(0);
    const second = lineStyle(1);
    expect(first.colour).not.toBe(second.colour);
    expect(first.shape).not.toBe(second.shape);
    for (let i = 0; i < 30; i += 1) {
      expect(lineStyle(i).dashed).toBe(false);
      expect(lineStyle(i).colour).not.toBe(ENGLAND_STYLE.colour);
    }
  });

  it('keeps colour-and-shape pairs distinct beyond the 12 colours (14 pilot councils, up to 50 subjects)', () => {
    const pairs = new Set(Array.from({ length: 50 }, (_, i) => `${lineStyle(i).colour}/${lineStyle(i).shape}`));
    expect(pairs.size).toBe(50);
    expect(lineStyle(12).colour).toBe(lineStyle(0).colour);
    expect(lineStyle(12).shape).not.toBe(lineStyle(0).shape);
  });
});

describe('markerPath', () => {
  it('draws a square of the given size around the centre', () => {
    expect(markerPath('square', 10, 20, 8)).toBe('M6,16h8v8h-8Z');
  });

  it('draws a closed path for every shape', () => {
    for (const shape of ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'cross'] as const) {
      expect(markerPath(shape, 0, 0, 10)).toMatch(/^M/);
    }
  });
});
