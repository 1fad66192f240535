import { describe, expect, it } from 'vitest';
import { readXml, readXmlTree, streamTree } from './xml';
import { Rng } from './generator/random';

/*
 * readXml reads well-formed files in one streaming pass (saxes) and leaves the rest to readXmlTree, the
 * fast-xml-parser reading it always used. These check that the streaming reader gives fast-xml-parser's
 * tree exactly, and that whatever it leaves behind still gets fast-xml-parser's answer.
 */

const ARRAYS = ['Message.CSWWWorker', 'Message.Header.Source', 'a.b'];
const repeated = new Set(ARRAYS);
const reference = (text: string) => readXmlTree('f.xml', text, repeated);

describe('the streaming XML reader', () => {
  const wellFormed: [string, string][] = [
    [
      'a census',
      '<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n<Header><Source><LEA>201</LEA></Source></Header>\n<CSWWWorker><FTE>0.5</FTE><SWENo> SW1 </SWENo></CSWWWorker>\n</Message>\n',
    ],
    [
      'CRLF line ends',
      '<?xml version="1.0"?>\r\n<Message>\r\n<CSWWWorker>\r\n<FTE>1</FTE>\r\n</CSWWWorker>\r\n</Message>\r\n',
    ],
    ['one of a repeated element is still a list; others repeat into lists', '<a><b>1</b><c>2</c><c>3</c></a>'],
    ['empty and self-closing elements', '<Message><CSWWWorker/><x></x><y>  </y></Message>'],
    ['text beside child elements goes under #text', '<a> t <b>1</b> u <b>2</b></a>'],
    ['a comment inside text does not split it', '<a>x<!-- note --> y</a>'],
    ['predefined entities', '<a><b>&lt;&gt;&amp;&quot;&apos;</b><c>&amp;lt;</c><d>&amp;#65;</d></a>'],
    [
      'attributes are ignored; namespaces kept in names',
      '<Message xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" a=\'1\'><ns:CSWWWorker k="v"/></Message>',
    ],
    ['Unicode text and whitespace', '<a><b>\u00a0Zoë\u00a0</b><c>\t\n</c></a>'],
    ['names with dots, dashes and colons', '<a><b.c>1</b.c><d-e>2</d-e><f:g>3</f:g></a>'],
    ['a comment after the root', '<a>1</a>\n<!-- end -->\n'],
    ['quotes and > inside attribute values', `<a><b k=">" j='"'>1</b><b k='x/' /></a>`],
  ];

  it.each(wellFormed)('%s: reads as fast-xml-parser does', (_name, text) => {
    const doc = streamTree(text, repeated);
    expect(doc).toBeDefined();
    expect({ doc }).toStrictEqual(reference(text));
  });

  // Valid (or accepted by fast-xml-parser) but read differently by it, so left to it.
  const leftBehind: [string, string][] = [
    ['character references (fast-xml-parser leaves them as written)', '<a>&#65;&#x42;</a>'],
    ['CDATA', '<a><![CDATA[ <x> ]]></a>'],
    ['a processing instruction', '<a>1<?pi data?>2</a>'],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'],
    ['XML 1.1', '<?xml version="1.1"?><a>1</a>'],
    ['a name outside the BMP', '<a><\u{10000}b>1</\u{10000}b></a>'],
    ['a name on Object.prototype (fast-xml-parser renames it)', '<a><valueOf>1</valueOf></a>'],
    ['nesting past 100 levels', `${'<a>'.repeat(102)}1${'</a>'.repeat(102)}`],
    ['an undefined entity (accepted by fast-xml-parser)', '<a>&nbsp;</a>'],
    ['two roots, self-closing (accepted by fast-xml-parser)', '<a/><b/>'],
    ['a control character (accepted by fast-xml-parser)', '<a>\u0001</a>'],
  ];

  it.each(leftBehind)('%s: left to fast-xml-parser', (_name, text) => {
    expect(streamTree(text, repeated)).toBeUndefined();
    expect(readXml('f.xml', text, ARRAYS)).toStrictEqual(reference(text));
  });

  it("reports malformed XML with fast-xml-parser's line, column and message", () => {
    expect(
      readXml('c.xml', '<Message>\n  <CSWWWorker><FTE>1</FTE></CSWWWorker>\n  <CSWWWorker>\n</Message>\n', ARRAYS),
    ).toEqual({
      issue: {
        file: 'c.xml',
        row: 0,
        column: '',
        rule: 'FILE-XML',
        severity: 'error',
        value: '',
        message:
          "The XML is not well formed at line 4, column 1: Expected closing tag 'CSWWWorker' (opened in line 3, col 3) instead of closing tag 'Message'.",
      },
    });
    expect(readXml('c.xml', '<Message><a b="1" b="2"/></Message>', ARRAYS)).toMatchObject({
      issue: { message: "The XML is not well formed at line 1, column 19: Attribute 'b' is repeated." },
    });
  });

  it('agrees with fast-xml-parser on thousands of random documents, well formed or not', () => {
    const rng = new Rng('reader-test', 2025);
    const names = ['Message', 'CSWWWorker', 'Header', 'Source', 'a', 'b', 'ns:c', 'd.e', 'toString', '\u00e9'];
    const texts = [
      '',
      ' ',
      '12',
      ' a b ',
      '&lt;',
      '&amp;lt;',
      '&#65;',
      '&nbsp;',
      '&',
      '<',
      '>',
      ']]>',
      '\r\n',
      'x\r\ny',
      '\r',
      '"\'',
    ];
    const extras = ['<!-- c -->', '<!-- a -- b -->', '<![CDATA[ z ]]>', '<?pi x?>', '<?xml version="1.0"?>', '\u0001'];
    const attrs = ['', ' k="1"', " k='2'", ' k="1" k="2"', ' k=1', ' xmlns:ns="urn:x"', ' k="<"'];
    const element = (depth: number): string => {
      const name = rng.next() < 0.8 ? rng.pick(names.slice(0, 6)) : rng.pick(names);
      const attr = rng.next() < 0.8 ? '' : rng.pick(attrs);
      if (rng.next() < 0.15) return `<${name}${attr}/>`;
      let inner = '';
      const kids = depth > 3 ? 0 : Math.floor(rng.next() * 4);
      for (let k = 0; k < kids; k++) {
        if (rng.next() < 0.5) inner += rng.pick(texts.slice(0, 4));
        if (rng.next() < 0.15) inner += rng.pick(texts);
        if (rng.next() < 0.1) inner += rng.pick(extras);
        inner += element(depth + 1);
      }
      if (rng.next() < 0.6) inner += rng.pick(texts.slice(0, 4));
      if (rng.next() < 0.2) inner += rng.pick(texts);
      const close = rng.next() < 0.03 ? rng.pick(names) : name;
      return `<${name}${attr}>${inner}</${close}>`;
    };
    let streamed = 0;
    for (let n = 0; n < 3000; n++) {
      const text =
        (rng.next() < 0.5 ? '<?xml version="1.0" encoding="UTF-8"?>\r\n' : '') +
        element(0) +
        (rng.next() < 0.1 ? rng.pick([...texts, ...extras]) : '');
      const expected = reference(text);
      expect(readXml('f.xml', text, ARRAYS), JSON.stringify(text)).toStrictEqual(expected);
      const doc = streamTree(text, repeated);
      if (doc) {
        streamed++;
        expect({ doc }, JSON.stringify(text)).toStrictEqual(expected);
      }
    }
    // The comparison means something only if many documents took the streaming path.
    expect(streamed).toBeGreaterThan(1000);
  });
});
