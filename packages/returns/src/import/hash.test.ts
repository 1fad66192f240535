import { describe, expect, it } from 'vitest';
import { copyField } from './copy-text';
import { contentHash, detectReturnKind, returnLabel, sha256Hex } from './hash';

const bytes = (s: string) => new TextEncoder().encode(s);
const key = { kind: 'ssda903', councilCode: '886', collectionYear: 2025 } as const;

describe('content hash', () => {
  it('is SHA-256 of the bytes per file', () => {
    expect(sha256Hex(bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('ignores file order, and changes with any byte or with the return it is for', () => {
    const a = sha256Hex(bytes('a'));
    const b = sha256Hex(bytes('b'));
    const h = contentHash(key, [a, b]);
    expect(contentHash(key, [b, a])).toBe(h);
    expect(contentHash(key, [a, sha256Hex(bytes('c'))])).not.toBe(h);
    expect(contentHash({ ...key, collectionYear: 2024 }, [a, b])).not.toBe(h);
    expect(contentHash({ ...key, councilCode: '887' }, [a, b])).not.toBe(h);
    expect(contentHash({ ...key, practiceId: 'swp-kent' }, [a, b])).not.toBe(h);
    expect(contentHash({ ...key, kind: 'csww' }, [a, b])).not.toBe(h);
    expect(contentHash({ ...key, practiceId: null }, [a, b])).toBe(h);
  });

  it('labels returns', () => {
    expect(returnLabel(key)).toBe('ssda903:886:2025');
    expect(returnLabel({ ...key, practiceId: 'swp-kent' })).toBe('ssda903:886/swp-kent:2025');
  });
});

describe('detectReturnKind', () => {
  it('knows a census by its Message root, past declarations and comments', () => {
    const census = '\uFEFF<?xml version="1.0"?>\n<!-- CSWW --><Message xmlns="x"><Header/></Message>';
    expect(detectReturnKind([{ name: 'c.xml', bytes: bytes(census) }])).toBe('csww');
    expect(detectReturnKind([{ name: 'r.xml', bytes: bytes('<?xml version="1.0"?><EXPSSDA903/>') }])).toBe('ssda903');
    expect(detectReturnKind([{ name: 'h.csv', bytes: bytes('CHILD,SEX\n') }])).toBe('ssda903');
    expect(
      detectReturnKind([
        { name: 'a', bytes: bytes(census) },
        { name: 'b', bytes: bytes(census) },
      ]),
    ).toBe('ssda903');
  });
});

describe('copyField', () => {
  it('writes COPY text: \\N for null, t/f, escaped backslash, tab and line ends', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(0.25)).toBe('0.25');
    expect(copyField('plain')).toBe('plain');
    expect(copyField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(() => copyField(Number.NaN)).toThrow();
  });
});
