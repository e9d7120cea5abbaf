import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isXmlChar } from './chars.js';
import { tokenize } from './tokenizer.js';
import { XmlWriteError, XmlWriter, writeToBuffer, type XmlWriteErrorReason } from './writer.js';

function xml(build: (w: XmlWriter) => void, declaration = false): string {
  return writeToBuffer(build, { declaration }).toString('utf8');
}

function reasonOf(build: (w: XmlWriter) => void): XmlWriteErrorReason | 'ok' {
  try {
    writeToBuffer(build);
    return 'ok';
  } catch (e) {
    if (e instanceof XmlWriteError) return e.reason;
    throw e;
  }
}

describe('XmlWriter: output', () => {
  it('writes the declaration by default, and not when asked', () => {
    expect(writeToBuffer((w) => w.element('a', null)).toString()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a/>',
    );
    expect(xml((w) => w.element('a', null))).toBe('<a/>');
  });

  const cases: [string, (w: XmlWriter) => void, string][] = [
    ['empty element from null', (w) => w.element('a', null), '<a/>'],
    ['empty element from undefined', (w) => w.element('a', undefined), '<a/>'],
    ['empty element from empty text', (w) => w.element('a', ''), '<a/>'],
    [
      'text escaping',
      (w) => w.element('a', 'x & y < z > w ]]> "q" \'s\'\r\n\t'),
      '<a>x &amp; y &lt; z &gt; w ]]&gt; "q" \'s\'&#xD;\n\t</a>',
    ],
    [
      'attribute escaping',
      (w) => w.element('a', null, [['v', 'x & y < z > "q" \'s\'\t\n\r']]),
      '<a v="x &amp; y &lt; z > &quot;q&quot; \'s\'&#x9;&#xA;&#xD;"/>',
    ],
    [
      'non-ASCII as UTF-8',
      (w) => w.element('Văn_bản', 'Chính phủ 😀', [['số', 'Đ']]),
      '<Văn_bản số="Đ">Chính phủ 😀</Văn_bản>',
    ],
    [
      'namespaces, prefixes and xml:lang',
      (w) =>
        w
          .start(
            'e:r',
            [['xml:lang', 'vi']],
            [
              ['e', 'urn:e'],
              ['', 'urn:d'],
            ],
          )
          .element('e:c', 'x', [['e:k', '1']])
          .end(),
      '<e:r xmlns:e="urn:e" xmlns="urn:d" xml:lang="vi"><e:c e:k="1">x</e:c></e:r>',
    ],
    [
      'nested and chained',
      (w) => w.start('a').start('b').text('1').end().element('c', '2').end(),
      '<a><b>1</b><c>2</c></a>',
    ],
    [
      'raw text as string and as bytes',
      (w) => w.start('a').raw('QUJD').raw(Buffer.from('REVG\r\n')).end(),
      '<a>QUJDREVG\r\n</a>',
    ],
    ['mixed text and raw', (w) => w.start('a').text('<').raw('x').text('>').end(), '<a>&lt;x&gt;</a>'],
  ];
  it.each(cases)('%s', (_name, build, expected) => {
    const out = xml(build);
    expect(out).toBe(expected);
    expect(() => tokenize(Buffer.from(out), {})).not.toThrow();
  });
});

describe('XmlWriter: refusals', () => {
  const cases: [string, (w: XmlWriter) => void, XmlWriteErrorReason][] = [
    ['control character in text', (w) => w.element('a', 'x\u0001'), 'char'],
    ['lone surrogate in text', (w) => w.element('a', '\uD800x'), 'char'],
    ['U+FFFF in text', (w) => w.element('a', '\uFFFF'), 'char'],
    ['control character in an attribute', (w) => w.element('a', null, [['v', '\u001F']]), 'char'],
    ['control character in a namespace URI', (w) => w.start('a', [], [['', 'urn:\u0000']]).end(), 'char'],
    ['< in raw', (w) => w.start('a').raw('<b/>').end(), 'char'],
    ['& in raw bytes', (w) => w.start('a').raw(Buffer.from('a&b')).end(), 'char'],
    [']]> in raw', (w) => w.start('a').raw(']]>').end(), 'char'],
    ['empty element name', (w) => w.element('', null), 'name'],
    ['element name with a space', (w) => w.element('a b', null), 'name'],
    ['element name starting with a digit', (w) => w.element('1a', null), 'name'],
    ['two colons', (w) => w.element('a:b:c', null), 'name'],
    ['bad attribute name', (w) => w.element('a', null, [['x=y', '1']]), 'name'],
    ['bad prefix', (w) => w.start('a', [], [['1p', 'urn:x']]).end(), 'name'],
    ['undeclared element prefix', (w) => w.element('p:a', null), 'namespace'],
    ['undeclared attribute prefix', (w) => w.element('a', null, [['p:x', '1']]), 'namespace'],
    [
      'prefix declared on a closed sibling',
      (w) =>
        w
          .start('r')
          .start('p:a', [], [['p', 'u']])
          .end()
          .element('p:b', null)
          .end(),
      'namespace',
    ],
    ['xmlns as an attribute', (w) => w.element('a', null, [['xmlns', 'urn:x']]), 'namespace'],
    ['xmlns:p as an attribute', (w) => w.element('a', null, [['xmlns:p', 'urn:x']]), 'namespace'],
    [
      'declaring xml',
      (w) => w.start('a', [], [['xml', 'http://www.w3.org/XML/1998/namespace']]).end(),
      'namespace',
    ],
    [
      'binding the XML namespace',
      (w) => w.start('a', [], [['p', 'http://www.w3.org/XML/1998/namespace']]).end(),
      'namespace',
    ],
    ['prefix with an empty URI', (w) => w.start('a', [], [['p', '']]).end(), 'namespace'],
    [
      'prefix declared twice',
      (w) =>
        w
          .start(
            'a',
            [],
            [
              ['p', 'u'],
              ['p', 'v'],
            ],
          )
          .end(),
      'namespace',
    ],
    [
      'duplicate attribute',
      (w) =>
        w.element('a', null, [
          ['x', '1'],
          ['x', '2'],
        ]),
      'structure',
    ],
    ['two roots', (w) => w.element('a', null).element('b', null), 'structure'],
    ['text outside the root', (w) => w.text('x'), 'structure'],
    ['raw outside the root', (w) => w.raw('x'), 'structure'],
    ['end without start', (w) => w.end(), 'structure'],
    ['unclosed element at finish', (w) => w.start('a'), 'structure'],
    ['nothing written', () => undefined, 'structure'],
  ];
  it.each(cases)('%s', (_name, build, reason) => {
    expect(reasonOf(build)).toBe(reason);
  });

  it('refuses every call after finish()', () => {
    const w = new XmlWriter(() => undefined);
    w.element('a', null).finish();
    expect(() => w.element('b', null)).toThrow(XmlWriteError);
    expect(() => w.finish()).toThrow(XmlWriteError);
  });

  it('writes nothing for a refused start tag and stays usable', () => {
    const out = xml((w) => {
      w.start('r');
      expect(() => w.start('p:a', [['x', '1']])).toThrow(XmlWriteError);
      w.element('ok', '1').end();
    });
    expect(out).toBe('<r><ok>1</ok></r>');
  });
});

describe('XmlWriter: chunks', () => {
  it('flushes ~64 KB chunks that the sink may keep, and the rest on finish()', () => {
    const chunks: Buffer[] = [];
    const w = new XmlWriter((c) => chunks.push(c), { declaration: false });
    const base64 = Buffer.alloc(1_000_000, 'A');
    w.start('a');
    for (let i = 0; i < 10; i++) w.raw(base64.subarray(i * 100_000, (i + 1) * 100_000));
    w.element('b', 'x'.repeat(200_000));
    expect(chunks.length).toBeGreaterThan(0);
    w.end().finish();
    expect(chunks.slice(0, -1).every((c) => c.length >= 60 * 1024 && c.length <= 64 * 1024)).toBe(true);
    const all = Buffer.concat(chunks).toString();
    expect(all).toBe(`<a>${'A'.repeat(1_000_000)}<b>${'x'.repeat(200_000)}</b></a>`);
  });

  it('buffers small writes until finish()', () => {
    const chunks: Buffer[] = [];
    const w = new XmlWriter((c) => chunks.push(c));
    w.start('a').element('b', '1').end();
    expect(chunks).toHaveLength(0);
    w.finish();
    expect(chunks).toHaveLength(1);
  });
});

// ---- writer → tokenizer round trip ----

interface Tree {
  name: string;
  attributes: [string, string][];
  children: (Tree | string)[];
}

const nameStart = fc.constantFrom('a', 'Z', '_', 'ă', 'Đ', 'ế', '中', 'x');
const nameChar = fc.constantFrom('a', 'b', '0', '9', '-', '.', 'ư', '·', '_');
const ncName = fc.tuple(nameStart, fc.string({ unit: nameChar, maxLength: 6 })).map(([s, r]) => s + r);
const prefix = fc.constantFrom('', 'p', 'edXML');
const qname = fc.tuple(prefix, ncName).map(([p, n]) => (p === '' ? n : `${p}:${n}`));
const xmlChar = fc.oneof(
  fc.constantFrom('&', '<', '>', '\r', '\n', '\t', ']', ' ', '"', "'", ']]>', '\r\n'),
  fc
    .integer({ min: 0x20, max: 0x10ffff })
    .filter(isXmlChar)
    .map((c) => String.fromCodePoint(c)),
);
const xmlString = fc.string({ unit: xmlChar, maxLength: 20 });

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.record({
    name: qname,
    attributes: fc.uniqueArray(fc.tuple(qname, xmlString), { maxLength: 4, selector: ([n]) => n }),
    children: fc.array(fc.oneof({ weight: 2, arbitrary: xmlString }, { weight: 1, arbitrary: tie('tree') }), {
      maxLength: 4,
      depthIdentifier: 'tree',
    }),
  }),
})).tree;

const NS: [string, string][] = [
  ['', 'urn:default'],
  ['p', 'urn:p'],
  ['edXML', 'http://www.mic.gov.vn/TBT/QCVN_102_2016'],
];

function uriOf(name: string, attribute: boolean): string {
  const i = name.indexOf(':');
  if (i < 0) return attribute ? '' : 'urn:default';
  return NS.find(([p]) => p === name.slice(0, i))![1];
}

function expected(t: Tree, out: string[]): void {
  const attrs = t.attributes.map(([n, v]) => `${n}{${uriOf(n, true)}}=${JSON.stringify(v)}`).join(' ');
  out.push(`S ${t.name}{${uriOf(t.name, false)}} ${attrs}`);
  let text = '';
  for (const c of t.children) {
    if (typeof c === 'string') {
      text += c;
      continue;
    }
    if (text) out.push(`T ${JSON.stringify(text)}`);
    text = '';
    expected(c, out);
  }
  if (text) out.push(`T ${JSON.stringify(text)}`);
  out.push(`E ${t.name}`);
}

function write(w: XmlWriter, t: Tree, root: boolean): void {
  w.start(t.name, t.attributes, root ? NS : []);
  for (const c of t.children) {
    if (typeof c === 'string') w.text(c);
    else write(w, c, false);
  }
  w.end();
}

describe('XmlWriter → XmlTokenizer round trip (fast-check)', () => {
  it('gives back the same names, namespaces, attributes and text', () => {
    fc.assert(
      fc.property(tree, fc.boolean(), (t, declaration) => {
        const doc = writeToBuffer((w) => write(w, t, true), { declaration });
        const got: string[] = [];
        let text = '';
        const flush = () => {
          if (text) got.push(`T ${JSON.stringify(text)}`);
          text = '';
        };
        tokenize(doc, {
          startElement(e) {
            flush();
            const attrs = e.attributes
              .map((a) => `${a.qname}{${a.uri}}=${JSON.stringify(a.value)}`)
              .join(' ');
            got.push(`S ${e.qname}{${e.uri}} ${attrs}`);
          },
          endElement(e) {
            flush();
            got.push(`E ${e.qname}`);
          },
          text: (x) => void (text += x.text()),
        });
        const want: string[] = [];
        expected(t, want);
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
