import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical';

describe('canonical JSON', () => {
  it('sorts keys recursively, drops undefined, writes no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: null }], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[3,{"x":null,"z":1}]},"b":1}',
    );
  });

  it('reads back to the same bytes', () => {
    const text = canonicalJson({ v: 14.000000000000002, n: -0, big: 1e21, s: 'a"\n\u0000' });
    expect(text).toBe('{"big":1e+21,"n":0,"s":"a\\"\\n\\u0000","v":14.000000000000002}');
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(/\$\.a is NaN/);
    expect(() => canonicalJson({ a: new Date(0) })).toThrow(/not a plain object/);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
  });

  it('hashes the UTF-8 bytes', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
