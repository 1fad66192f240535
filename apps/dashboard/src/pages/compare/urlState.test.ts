import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseCompareView, sameView, serialiseCompareView, type CompareView } from './urlState';

describe('parseCompareView', () => {
  it('reads an empty query string as the default view', () => {
    expect(parseCompareView('')).toEqual(DEFAULT_VIEW);
    expect(parseCompareView('?')).toEqual(DEFAULT_VIEW);
  });

  it('reads every parameter', () => {
    expect(
      parseCompareView('?indicator=placements_3plus&council=886&council=312&from=2017&to=2024&source=published'),
    ).toEqual({
      indicator: 'placements_3plus',
      councils: ['886', '312'],
      practices: [],
      from: 2017,
      to: 2024,
      source: 'PUBLISHED',
      compare: { region: false, neighbours: false },
      show: 'trend',
      ref: null,
    });
  });

  it('reads the view and reference year', () => {
    expect(parseCompareView('?show=did&ref=2019')).toMatchObject({ show: 'did', ref: 2019 });
    expect(parseCompareView('?show=areas').show).toBe('areas');
    expect(parseCompareView('?show=nope').show).toBe('trend');
  });

  it('reads the comparators', () => {
    expect(parseCompareView('?with=region&with=neighbours').compare).toEqual({ region: true, neighbours: true });
    expect(parseCompareView('?with=neighbours,nope').compare).toEqual({ region: false, neighbours: true });
  });

  it('accepts comma-separated councils, drops repeats and blanks, keeps the order', () => {
    expect(parseCompareView('council=341,886&council=341&council=&council=%20860').councils).toEqual([
      '341',
      '886',
      '860',
    ]);
  });

  it('treats no usable council as all pilot councils', () => {
    expect(parseCompareView('?council=').councils).toBeNull();
    expect(parseCompareView('?council=<script>').councils).toBeNull();
  });

  it('drops bad years and sources, and swaps a reversed range', () => {
    expect(parseCompareView('?from=twenty&to=24&source=guessed')).toEqual(DEFAULT_VIEW);
    const view = parseCompareView('?from=2024&to=2018');
    expect([view.from, view.to]).toEqual([2018, 2024]);
    expect(parseCompareView('?source=Computed').source).toBe('COMPUTED');
  });

  it('drops an indicator id that could not be one', () => {
    expect(parseCompareView('?indicator=a%20b').indicator).toBeNull();
  });
});

describe('serialiseCompareView', () => {
  it('writes nothing for the default view', () => {
    expect(serialiseCompareView(DEFAULT_VIEW)).toBe('');
  });

  it('writes parameters in a fixed order, repeating council', () => {
    const view: CompareView = {
      indicator: 'workforce_turnover',
      councils: ['886', '312'],
      practices: ['swp-kent'],
      from: 2018,
      to: null,
      source: 'COMPUTED',
      compare: { region: true, neighbours: true },
      show: 'did',
      ref: 2019,
    };
    expect(serialiseCompareView(view)).toBe(
      '?indicator=workforce_turnover&council=886&council=312&practice=swp-kent&from=2018&source=computed&with=region&with=neighbours&show=did&ref=2019',
    );
  });

  it('round-trips', () => {
    const view: CompareView = {
      indicator: 'sdq_average',
      councils: ['889'],
      practices: [],
      from: 2016,
      to: 2025,
      source: null,
      compare: { region: false, neighbours: true },
      show: 'areas',
      ref: null,
    };
    expect(parseCompareView(serialiseCompareView(view))).toEqual(view);
    expect(
      sameView(
        view,
        parseCompareView('show=areas&with=neighbours&to=2025&from=2016&council=889&indicator=sdq_average'),
      ),
    ).toBe(true);
  });
});
