import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlError, type TokenizerLimits, type XmlErrorReason, type XmlHandler } from './events.js';
import { XmlTokenizer, tokenize, tokenizeStream } from './tokenizer.js';
import { EDXML_SAMPLES } from '../../../test/support/shared-data.js';

const SAMPLES = EDXML_SAMPLES;

/**
 * Events as comparable lines. Adjacent text events are merged (a chunk boundary may split a text) and checked
 * for contiguity, so one-chunk and many-chunk runs must give identical lines.
 */
function record(chunks: Iterable<Buffer>, limits?: TokenizerLimits): string[] {
  const out: string[] = [];
  let text: { s: string; raw: Buffer[]; start: number; end: number; cdata: boolean; ws: boolean } | null =
    null;
  const flush = () => {
    if (text) {
      const kind = text.cdata ? 'CDATA' : text.ws ? 'WS' : 'TEXT';
      out.push(
        `${kind} ${JSON.stringify(text.s)} raw=${JSON.stringify(Buffer.concat(text.raw).toString())} @${text.start}-${text.end}`,
      );
    }
    text = null;
  };
  const handler: XmlHandler = {
    declaration: (d) => out.push(`DECL ${JSON.stringify(d)}`),
    startElement(e) {
      flush();
      const attrs = e.attributes
        .map((a) => `${a.qname}{${a.uri}}${a.local}=${JSON.stringify(a.value)}`)
        .join(' ');
      const ns = e.namespaces.map(([p, u]) => `${p}=${u}`).join(',');
      const scope = [...e.inScope].map(([p, u]) => `${p}=${u}`).join(',');
      out.push(
        `START ${e.qname} {${e.uri}} p=${e.prefix} l=${e.local} [${attrs}] ns[${ns}] scope[${scope}] d=${e.depth}${e.selfClosing ? ' /' : ''} @${e.start}-${e.end}`,
      );
    },
    endElement(e) {
      flush();
      out.push(`END ${e.qname} {${e.uri}} d=${e.depth} @${e.start}-${e.end}`);
    },
    text(t) {
      // plain must be truthful: when set, the raw bytes are the decoded text.
      if (t.plain) expect(t.raw.toString()).toBe(t.text());
      expect(t.whitespace).toBe(/^[ \t\r\n]*$/.test(t.raw.toString()));
      expect(t.end - t.start).toBe(t.raw.length);
      if (text && text.end === t.start && text.cdata === t.cdata) {
        text.s += t.text();
        text.raw.push(Buffer.from(t.raw));
        text.end = t.end;
        text.ws &&= t.whitespace;
        return;
      }
      flush();
      text = {
        s: t.text(),
        raw: [Buffer.from(t.raw)],
        start: t.start,
        end: t.end,
        cdata: t.cdata,
        ws: t.whitespace,
      };
    },
    comment(c, s, e) {
      flush();
      out.push(`COMMENT ${JSON.stringify(c)} @${s}-${e}`);
    },
    processingInstruction(t, d, s, e) {
      flush();
      out.push(`PI ${t} ${JSON.stringify(d)} @${s}-${e}`);
    },
  };
  try {
    const t = new XmlTokenizer(handler, limits);
    for (const c of chunks) t.write(c);
    t.end();
  } catch (e) {
    flush();
    if (!(e instanceof XmlError)) throw e;
    out.push(`ERROR ${e.reason} @${e.offset}`);
  }
  flush();
  return out;
}

function bytes(s: string | Buffer): Buffer {
  return typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
}

function reasonOf(doc: string | Buffer, limits?: TokenizerLimits): XmlErrorReason | 'ok' {
  const last = record([bytes(doc)], limits).at(-1) ?? '';
  return last.startsWith('ERROR ') ? (last.split(' ')[1] as XmlErrorReason) : 'ok';
}

function* split(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

/** The same events whatever the chunking: one byte at a time, and cut in two (and three) everywhere. */
function expectChunkingInvariant(doc: Buffer, everyCut = doc.length <= 400): void {
  const whole = record([doc]);
  expect(record(split(doc, 1))).toEqual(whole);
  expect(record(split(doc, 7))).toEqual(whole);
  if (!everyCut) return;
  for (let i = 1; i < doc.length; i++) {
    expect(record([doc.subarray(0, i), doc.subarray(i)]), `cut at ${i}`).toEqual(whole);
    const j = Math.min(doc.length, i + 3);
    expect(record([doc.subarray(0, i), doc.subarray(i, j), doc.subarray(j)]), `cuts at ${i},${j}`).toEqual(
      whole,
    );
  }
}

describe('XmlTokenizer: well-formed documents', () => {
  it('reports declaration, elements, attributes, namespaces, text, comments, PIs and CDATA with byte offsets', () => {
    const doc =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!--c--><?pi x?>' +
      '<e:r xmlns:e="urn:e" xmlns="urn:d" a="1" e:b=\'2\'><c>Văn &amp; &#x1F600;&#65;</c><![CDATA[<x>&]]><d/></e:r>\n';
    expect(record([bytes(doc)])).toEqual([
      'DECL {"version":"1.0","encoding":"UTF-8","standalone":"yes"}',
      'COMMENT "c" @56-64',
      'PI pi "x" @64-72',
      'START e:r {urn:e} p=e l=r [a{}a="1" e:b{urn:e}b="2"] ns[e=urn:e,=urn:d] scope[e=urn:e,=urn:d] d=0 @72-121',
      'START c {urn:d} p= l=c [] ns[] scope[e=urn:e,=urn:d] d=1 @121-124',
      'TEXT "Văn & 😀A" raw="Văn &amp; &#x1F600;&#65;" @124-149',
      'END c {urn:d} d=1 @149-153',
      'CDATA "<x>&" raw="<x>&" @162-166',
      'START d {urn:d} p= l=d [] ns[] scope[e=urn:e,=urn:d] d=1 / @169-173',
      'END d {urn:d} d=1 @173-173',
      'END e:r {urn:e} d=0 @173-179',
    ]);
  });

  const good: [string, string, string[]][] = [
    ['BOM tolerated', '\uFEFF<a/>', ['START a {} p= l=a [] ns[] scope[] d=0 / @3-7', 'END a {} d=0 @7-7']],
    ['declaration without encoding', '<?xml version="1.0"?><a/>', ['DECL {"version":"1.0"}']],
    ['single-quoted declaration, lower-case utf-8', "<?xml version='1.0' encoding='utf-8' ?><a/>", ['DECL']],
    ['CRLF and CR become LF in text', '<a>x\r\ny\rz</a>', ['TEXT "x\\ny\\nz"']],
    ['&#13; is kept as CR', '<a>x&#13;&#xD;</a>', ['TEXT "x\\r\\r"']],
    ['predefined entities', '<a>&lt;&gt;&amp;&apos;&quot;</a>', [`TEXT "<>&'\\""`]],
    ['leading zeros in character references', '<a>&#0000065;&#x0041;</a>', ['TEXT "AA"']],
    ['> alone is fine in text', '<a>a>b ]> ]]</a>', ['TEXT "a>b ]> ]]"']],
    [
      'attribute value normalisation: tab, LF, CRLF → space; char refs kept',
      '<a v="x\ty\nz\r\nw&#10;&#9;&#13;"/>',
      ['[v{}v="x y z w\\n\\t\\r"]'],
    ],
    ['< via reference and > literal in attributes', '<a v="&lt;>"/>', ['[v{}v="<>"]']],
    ['whitespace around = and before >', '<a  v = "1"  ></a >', ['[v{}v="1"]', 'END a']],
    [
      'xml prefix needs no declaration',
      '<a xml:lang="vi"/>',
      ['xml:lang{http://www.w3.org/XML/1998/namespace}lang="vi"'],
    ],
    [
      'xmlns="" undeclares the default namespace',
      '<a xmlns="u"><b xmlns=""/></a>',
      ['START b {} p= l=b [] ns[=] scope[] d=1 /'],
    ],
    ['unprefixed attribute has no namespace', '<a xmlns="u" x="1"/>', ['START a {u} p= l=a [x{}x="1"]']],
    [
      'same local name in two namespaces',
      '<a xmlns:p="u" xmlns:q="v" p:x="1" q:x="2"/>',
      ['p:x{u}x="1" q:x{v}x="2"'],
    ],
    ['non-ASCII names', '<Văn_bản số="1"/>', ['START Văn_bản {} p= l=Văn_bản [số{}số="1"]']],
    ['comments and PIs around the root', '<!--a--><?p?><a/><!--b--><?q d?>\n', ['COMMENT "b"', 'PI q "d"']],
    ['whitespace text inside the root', '<a> \n\t</a>', ['WS " \\n\\t"']],
    ['empty CDATA gives no text', '<a><![CDATA[]]></a>', ['START a', 'END a']],
    [
      'CDATA keeps ]] and ] and normalises CRLF',
      '<a><![CDATA[]]]]]>x]<![CDATA[\r\n]]></a>',
      ['CDATA "]]]"', 'TEXT "x]"', 'CDATA "\\n"'],
    ],
    [
      'xml-stylesheet is an ordinary PI',
      '<?xml version="1.0"?><?xml-stylesheet href="a"?><a/>',
      ['PI xml-stylesheet'],
    ],
  ];
  it.each(good)('%s', (_name, doc, expected) => {
    const lines = record([bytes(doc)]).join('\n');
    expect(lines).not.toContain('ERROR');
    for (const e of expected) expect(lines).toContain(e);
    expectChunkingInvariant(bytes(doc));
  });
});

describe('XmlTokenizer: refused input', () => {
  const bad: [string, string | Buffer, XmlErrorReason][] = [
    ['DOCTYPE', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'doctype'],
    [
      'DOCTYPE after declaration',
      '<?xml version="1.0"?>\n<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>',
      'doctype',
    ],
    ['non-UTF-8 declared encoding', '<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'encoding'],
    ['UTF-16 BOM', Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00]), 'encoding'],
    [
      'invalid UTF-8 in text',
      Buffer.concat([bytes('<a>'), Buffer.from([0xc3, 0x28]), bytes('</a>')]),
      'encoding',
    ],
    ['overlong UTF-8', Buffer.concat([bytes('<a>'), Buffer.from([0xc0, 0xbc]), bytes('</a>')]), 'encoding'],
    [
      'UTF-8 surrogate',
      Buffer.concat([bytes('<a>'), Buffer.from([0xed, 0xa0, 0x80]), bytes('</a>')]),
      'encoding',
    ],
    [
      'invalid UTF-8 in a long ASCII-looking text',
      Buffer.concat([bytes('<a>' + 'A'.repeat(100)), Buffer.from([0xff]), bytes('</a>')]),
      'encoding',
    ],
    ['U+FFFE', '<a>\uFFFE</a>', 'malformed'],
    ['control character in text', '<a>\u0001</a>', 'malformed'],
    ['control character in a long text', `<a>${'B'.repeat(200)}\u0008${'C'.repeat(50)}</a>`, 'malformed'],
    ['control character in an attribute', '<a v="\u0002"/>', 'malformed'],
    ['character reference to a control', '<a>&#1;</a>', 'malformed'],
    ['character reference out of range', '<a>&#x110000;</a>', 'malformed'],
    ['character reference to a surrogate', '<a>&#xD800;</a>', 'malformed'],
    ['undeclared entity', '<a>&nbsp;</a>', 'malformed'],
    ['bare ampersand', '<a>a & b</a>', 'malformed'],
    ['bare ampersand in a long text', `<a>${'x'.repeat(100)}&${'y'.repeat(100)}</a>`, 'malformed'],
    ['reference without ;', '<a>&amp</a>', 'malformed'],
    ['empty char reference', '<a>&#;</a>', 'malformed'],
    [']]> in text', '<a>x]]>y</a>', 'malformed'],
    [']]> in a long text', `<a>${'x'.repeat(100)}]]>${'y'.repeat(100)}</a>`, 'malformed'],
    ['mismatched end tag', '<a><b></a></b>', 'malformed'],
    ['end tag that is a longer name', '<a></ab>', 'malformed'],
    ['end tag without start', '<a/></a>', 'malformed'],
    ['unclosed element', '<a><b></b>', 'malformed'],
    ['two roots', '<a/><b/>', 'malformed'],
    ['no root', '<!--x-->', 'malformed'],
    ['empty input', '', 'malformed'],
    ['text before the root', 'x<a/>', 'malformed'],
    ['text after the root', '<a/>x', 'malformed'],
    ['reference after the root', '<a/>&#32;', 'malformed'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', 'malformed'],
    ['duplicate attribute', '<a x="1" x="2"/>', 'malformed'],
    ['duplicate namespace declaration', '<a xmlns:p="u" xmlns:p="v"/>', 'malformed'],
    ['duplicate expanded attribute name', '<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>', 'namespace'],
    ['missing whitespace between attributes', '<a x="1"y="2"/>', 'malformed'],
    ['unquoted attribute', '<a x=1/>', 'malformed'],
    ['attribute without value', '<a x/>', 'malformed'],
    ['< in attribute value', '<a x="<"/>', 'malformed'],
    ['undeclared prefix', '<p:a/>', 'namespace'],
    ['undeclared attribute prefix', '<a p:x="1"/>', 'namespace'],
    ['two colons', '<a:b:c xmlns:a="u"/>', 'namespace'],
    ['empty local name', '<a: xmlns:a="u"/>', 'namespace'],
    ['xml prefix bound elsewhere', '<a xmlns:xml="urn:x"/>', 'namespace'],
    ['xmlns prefix declared', '<a xmlns:xmlns="urn:x"/>', 'namespace'],
    ['prefix undeclared with empty URI', '<a xmlns:p=""/>', 'namespace'],
    [
      'XML namespace bound to another prefix',
      '<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>',
      'namespace',
    ],
    ['colon in a PI target', '<a><?a:b x?></a>', 'namespace'],
    ['declaration not at the start', ' <?xml version="1.0"?><a/>', 'malformed'],
    ['declaration after BOM and space', '\uFEFF <?xml version="1.0"?><a/>', 'malformed'],
    ['declaration without version', '<?xml encoding="UTF-8"?><a/>', 'malformed'],
    ['declaration attributes out of order', '<?xml encoding="UTF-8" version="1.0"?><a/>', 'malformed'],
    ['bad standalone', '<?xml version="1.0" standalone="maybe"?><a/>', 'malformed'],
    ['XML target in other case', '<a><?XML x?></a>', 'malformed'],
    ['-- in a comment', '<a><!-- a -- b --></a>', 'malformed'],
    ['comment ending in --->', '<a><!-- a ---></a>', 'malformed'],
    ['<!- is not a comment', '<a><!-x--></a>', 'malformed'],
    ['unknown <! markup', '<a><!ELEMENT a ANY></a>', 'malformed'],
    ['name starting with a digit', '<1a/>', 'malformed'],
    ['name starting with -', '<a><-b/></a>', 'malformed'],
    ['truncated in a start tag', '<a><b x="1', 'malformed'],
    ['truncated in an end tag', '<a></a', 'malformed'],
    ['truncated in a comment', '<a/><!-- x', 'malformed'],
    ['truncated in CDATA', '<a><![CDATA[x', 'malformed'],
    ['truncated in a reference', '<a>&am', 'malformed'],
    ['truncated UTF-8', Buffer.concat([bytes('<a>'), Buffer.from([0xe1, 0xba])]), 'encoding'],
    ['lone <', '<a><</a>', 'malformed'],
    ['space after <', '<a>< b/></a>', 'malformed'],
  ];
  it.each(bad)('%s', (_name, doc, reason) => {
    expect(reasonOf(doc)).toBe(reason);
    const buf = bytes(doc);
    // Whatever the chunking, the same verdict.
    for (const chunks of [split(buf, 1), split(buf, 3)]) {
      expect(record(chunks).at(-1)?.split(' ')[1]).toBe(reason);
    }
  });

  it('gives the byte offset of the problem', () => {
    expect(record([bytes('<a>\n<b></c></a>')]).at(-1)).toBe('ERROR malformed @7');
    expect(record([bytes('<a>xx&nope;</a>')]).at(-1)).toBe('ERROR malformed @5');
    expect(() => tokenize(bytes('<a>\u0001</a>'), {})).toThrow(/byte 3/);
  });

  it('keeps refusing after the first error, and refuses writes after end()', () => {
    const t = new XmlTokenizer({});
    expect(() => t.write(bytes('<a></b>'))).toThrow(XmlError);
    expect(() => t.write(bytes('</a>'))).toThrow(XmlError);
    const u = new XmlTokenizer({});
    u.write(bytes('<a/>'));
    u.end();
    expect(() => u.write(bytes(' '))).toThrow(XmlError);
  });

  it('lets handler exceptions through unchanged', () => {
    class Stop extends Error {}
    expect(() =>
      tokenize(bytes('<a><b/></a>'), {
        startElement: (e) => {
          if (e.qname === 'b') throw new Stop('b');
        },
      }),
    ).toThrow(Stop);
  });
});

describe('XmlTokenizer: limits', () => {
  it('stops deep nesting at maxDepth without recursion (100 000 levels)', () => {
    const deep = Buffer.from('<a>'.repeat(100_000) + '</a>'.repeat(100_000));
    expect(reasonOf(deep)).toBe('limit');
    expect(reasonOf(Buffer.from('<a>'.repeat(300) + '</a>'.repeat(300)), { maxDepth: 1000 })).toBe('ok');
    expect(reasonOf('<a><b><c/></b></a>', { maxDepth: 3 })).toBe('ok');
    expect(reasonOf('<a><b><c/></b></a>', { maxDepth: 2 })).toBe('limit');
  });

  it('limits attributes per element and the length of names, values, comments and PIs', () => {
    const attrs = (n: number) => `<a ${Array.from({ length: n }, (_, i) => `x${i}="${i}"`).join(' ')}/>`;
    expect(reasonOf(attrs(256))).toBe('ok');
    expect(reasonOf(attrs(257))).toBe('limit');
    expect(reasonOf(attrs(3), { maxAttributes: 2 })).toBe('limit');
    const limits = { maxTokenBytes: 100 };
    expect(reasonOf(`<a v="${'x'.repeat(100)}"/>`, limits)).toBe('ok');
    expect(reasonOf(`<a v="${'x'.repeat(101)}"/>`, limits)).toBe('limit');
    expect(reasonOf(`<${'n'.repeat(101)}/>`, limits)).toBe('limit');
    expect(reasonOf(`<a><!--${'c'.repeat(101)}--></a>`, limits)).toBe('limit');
    expect(reasonOf(`<a><?p ${'d'.repeat(101)}?></a>`, limits)).toBe('limit');
    // Text is not limited.
    expect(reasonOf(`<a>${'t'.repeat(1000)}</a>`, limits)).toBe('ok');
  });

  it('limits a token that never ends, fed in small chunks, in linear time', () => {
    const t = new XmlTokenizer({}, { maxTokenBytes: 1 << 16 });
    t.write(bytes('<a><!--'));
    const chunk = Buffer.alloc(100, 'x');
    let error: unknown;
    const started = Date.now();
    try {
      for (let i = 0; i < 10_000; i++) t.write(chunk);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlError);
    expect((error as XmlError).reason).toBe('limit');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('completes a long attribute value of a quote-laden tag fed one byte at a time in linear time', () => {
    const doc = Buffer.from(`<a v="${'>'.repeat(200_000)}" w='"'/>`);
    const started = Date.now();
    expect(record(split(doc, 1)).at(-1)).toBe('END a {} d=0 @200015-200015');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('XmlTokenizer: chunk boundaries', () => {
  const docs = [
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<r xmlns="urn:x" a="x&#10;y\r\nz"><t>Chính phủ &amp; Bộ ]]] ]] ></t>\r\n' +
      '<![CDATA[a]]b]]]c\r\nd]]><!-- bình luận --><?pi dữ liệu?><e x=\'"\' y="\'>"/>&#x1F600;😀\r</r>\r\n',
    '\uFEFF<a>x&#13;\r\r\n\r</a>',
    `<a>${'QUJD'.repeat(40)}\r\n${'REVG'.repeat(40)}&amp;${'x'.repeat(70)}]]</a>`,
  ];
  it.each(docs.map((d, i) => [i, d] as const))(
    'document %i gives the same events however it is cut',
    (_i, doc) => {
      expectChunkingInvariant(bytes(doc), true);
    },
  );

  it('hands out long text as slices, one event per chunk, without holding it', () => {
    const parts: number[] = [];
    const t = new XmlTokenizer({ text: (x) => parts.push(x.raw.length) });
    t.write(bytes('<a>'));
    for (let i = 0; i < 5; i++) t.write(Buffer.alloc(1000, 'A'));
    t.write(bytes('</a>'));
    t.end();
    expect(parts).toEqual([1000, 1000, 1000, 1000, 1000]);
  });
});

describe('XmlTokenizer: sample edXML files', () => {
  const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.edxml'));
  it('has the samples', () => expect(files.length).toBeGreaterThanOrEqual(16));

  it.each(files.filter((f) => f !== 'edoc.edxml'))('%s tokenizes, the same at any chunk size', (file) => {
    const doc = readFileSync(path.join(SAMPLES, file));
    const whole = record([doc]);
    expect(whole.join('\n')).not.toContain('ERROR');
    expect(
      whole.some((l) => l.startsWith('START edXML:edXMLEnvelope {http://www.mic.gov.vn/TBT/QCVN_102_2016}')),
    ).toBe(true);
    // One byte at a time for the small files; the big ones (base64 attachments) in odd small chunks.
    expect(record(split(doc, doc.length < 20_000 ? 1 : 61))).toEqual(whole);
    expect(record(split(doc, 4093))).toEqual(whole);
  });

  it('edoc.edxml is itself not well-formed (an unclosed nested <edXML:From>) and is refused where xmllint refuses it', () => {
    const doc = readFileSync(path.join(SAMPLES, 'edoc.edxml'));
    let error: XmlError | undefined;
    try {
      tokenize(doc, {});
    } catch (e) {
      error = e as XmlError;
    }
    expect(error?.reason).toBe('malformed');
    expect(error?.message).toContain('</edXML:From> expected');
    const line = doc.subarray(0, error!.offset).toString().split('\n').length;
    expect(line).toBe(74);
  });
});

describe('XmlTokenizer: robustness (fast-check)', () => {
  const samples = readdirSync(SAMPLES)
    .filter((f) => f.startsWith('status') || f === 'lgsp-multi-recipient.edxml')
    .map((f) => readFileSync(path.join(SAMPLES, f)));

  function onlyXmlErrors(doc: Buffer, cut: number): void {
    try {
      tokenize([doc.subarray(0, cut), doc.subarray(cut)], { text: (t) => void t.text() });
    } catch (e) {
      if (!(e instanceof XmlError)) throw e;
    }
  }

  it('random bytes never make it throw anything but XmlError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (arr, cut) => {
        const doc = Buffer.from(arr);
        onlyXmlErrors(doc, cut % (doc.length + 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('random XML-ish strings never make it throw anything but XmlError, and chunking never changes the result', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '/',
      '</',
      '/>',
      'a',
      'b:c',
      ' ',
      '=',
      '"',
      "'",
      '&',
      ';',
      '&amp;',
      '&#x41;',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?',
      '?>',
      'xmlns',
      'xmlns:b',
      '\r',
      '\n',
      'ă',
      '\u0000',
      ']',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), (pieces, cut) => {
        const doc = Buffer.from(pieces.join(''));
        const whole = record([doc]);
        const c = cut % (doc.length + 1);
        const chunked = record([doc.subarray(0, c), doc.subarray(c)]);
        // A stream may hand out text before it meets the error after it: then only the verdict must agree.
        if (whole.at(-1)?.startsWith('ERROR')) expect(chunked.at(-1)).toBe(whole.at(-1));
        else expect(chunked).toEqual(whole);
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated sample files never make it throw anything but XmlError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(
          fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete')),
          { minLength: 1, maxLength: 8 },
        ),
        fc.nat(),
        (sample, edits, cut) => {
          let doc = Buffer.from(sample);
          for (const [pos, byte, op] of edits) {
            const at = pos % (doc.length + 1);
            if (op === 'set' && at < doc.length) doc[at] = byte;
            else if (op === 'insert')
              doc = Buffer.concat([doc.subarray(0, at), Buffer.from([byte]), doc.subarray(at)]);
            else doc = Buffer.concat([doc.subarray(0, at), doc.subarray(at + 1)]);
          }
          onlyXmlErrors(doc, cut % (doc.length + 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('XmlTokenizer: streaming', () => {
  it('tokenizeStream reads Buffers and Uint8Arrays from an async iterable', async () => {
    const names: string[] = [];
    async function* source() {
      yield new Uint8Array(Buffer.from('<a><b>x'));
      yield Buffer.from('</b></a>');
    }
    await tokenizeStream(source(), { startElement: (e) => names.push(e.qname) });
    expect(names).toEqual(['a', 'b']);
    await expect(tokenizeStream(Readable.from([Buffer.from('<a>')]), {})).rejects.toBeInstanceOf(XmlError);
  });

  it('streams 50 MB of base64 in 64 KB chunks with little heap growth', async () => {
    const line = Buffer.from(
      'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n',
    );
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < chunk.length; i += line.length) line.copy(chunk, i);
    const count = Math.ceil((50 * 1024 * 1024) / chunk.length);
    let total = 0;
    let events = 0;
    async function* source() {
      yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?><edXML:Value xmlns:edXML="urn:x">');
      for (let i = 0; i < count; i++) yield chunk;
      yield Buffer.from('</edXML:Value>');
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    await tokenizeStream(source(), {
      text: (t) => {
        total += t.raw.length;
        if (++events % 64 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    expect(total).toBe(count * chunk.length);
    expect(peak - before).toBeLessThan(20 * 1024 * 1024);
  });
});
