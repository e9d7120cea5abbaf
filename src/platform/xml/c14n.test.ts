import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize, Canonicalizer, compareCodePoints, type C14nOptions } from './c14n.js';
import type { StartElement, TextChunk, XmlAttribute, XmlHandler, XmlName } from './events.js';
import { tokenize } from './tokenizer.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// ——— hand-built events (independent of the tokenizer) ———

interface Tree {
  name: string;
  ns?: [string, string][];
  attrs?: [string, string][];
  children?: (Tree | string)[];
}

function resolve(qname: string, scope: ReadonlyMap<string, string>, attribute: boolean): XmlName {
  const i = qname.indexOf(':');
  const prefix = i < 0 ? '' : qname.slice(0, i);
  const local = i < 0 ? qname : qname.slice(i + 1);
  const uri = prefix === '' && attribute ? '' : (scope.get(prefix) ?? '');
  return { qname, prefix, local, uri };
}

function textChunk(s: string): TextChunk {
  const raw = Buffer.from(s);
  return {
    raw,
    cdata: false,
    plain: !/[&<>\r]/.test(s),
    whitespace: /^[ \t\r\n]*$/.test(s),
    text: () => s,
    start: 0,
    end: raw.length,
  };
}

/** Feeds `tree` as the tokenizer would (text given decoded; `plain` computed from it). */
function feed(tree: Tree, h: XmlHandler, scope = new Map([['xml', XML_NS]]), depth = 0): void {
  const inScope = new Map(scope);
  for (const [p, u] of tree.ns ?? []) inScope.set(p, u);
  const attributes: XmlAttribute[] = (tree.attrs ?? []).map(([q, value]) => ({
    ...resolve(q, inScope, true),
    value,
  }));
  const e: StartElement = {
    ...resolve(tree.name, inScope, false),
    attributes,
    namespaces: tree.ns ?? [],
    inScope,
    selfClosing: !tree.children?.length,
    depth,
    start: 0,
    end: 0,
  };
  h.startElement?.(e);
  for (const c of tree.children ?? []) {
    if (typeof c === 'string') h.text?.(textChunk(c));
    else feed(c, h, inScope, depth + 1);
  }
  h.endElement?.({ qname: e.qname, prefix: e.prefix, local: e.local, uri: e.uri, depth, start: 0, end: 0 });
}

function canon(run: (h: XmlHandler) => void, options: C14nOptions): string {
  const chunks: Buffer[] = [];
  const c = new Canonicalizer((b) => chunks.push(Buffer.from(b)), options);
  run(c);
  c.end();
  return Buffer.concat(chunks).toString('utf8');
}

/** The exclusive C14N recommendation's example (§2.2). */
const EXC_EXAMPLE: Tree = {
  name: 'n0:local',
  ns: [
    ['n0', 'foo:bar'],
    ['n3', 'ftp://example.org'],
  ],
  children: [
    '\n  ',
    {
      name: 'n1:elem2',
      ns: [['n1', 'http://example.net']],
      attrs: [['xml:lang', 'en']],
      children: ['\n    ', { name: 'n3:stuff', ns: [['n3', 'ftp://example.org']] }, '\n  '],
    },
    '\n',
  ],
};

describe('Canonicalizer on hand-built events', () => {
  it('renders the exc-c14n recommendation example: inclusive vs exclusive subtree', () => {
    const apex = (e: StartElement) => e.local === 'elem2';
    expect(canon((h) => feed(EXC_EXAMPLE, h), { algorithm: 'c14n', apex })).toBe(
      '<n1:elem2 xmlns:n0="foo:bar" xmlns:n1="http://example.net" xmlns:n3="ftp://example.org" xml:lang="en">' +
        '\n    <n3:stuff></n3:stuff>\n  </n1:elem2>',
    );
    expect(canon((h) => feed(EXC_EXAMPLE, h), { algorithm: 'exc-c14n', apex })).toBe(
      '<n1:elem2 xmlns:n1="http://example.net" xml:lang="en">' +
        '\n    <n3:stuff xmlns:n3="ftp://example.org"></n3:stuff>\n  </n1:elem2>',
    );
  });

  it('inherits xml:* attributes onto an inclusive subtree apex, not an exclusive one', () => {
    const doc: Tree = {
      name: 'a',
      attrs: [
        ['xml:lang', 'vi'],
        ['xml:space', 'preserve'],
      ],
      children: [{ name: 'b', attrs: [['xml:lang', 'en']], children: [{ name: 'c' }] }],
    };
    const apex = (e: StartElement) => e.local === 'c';
    expect(canon((h) => feed(doc, h), { algorithm: 'c14n', apex })).toBe(
      '<c xml:lang="en" xml:space="preserve"></c>',
    );
    expect(canon((h) => feed(doc, h), { algorithm: 'exc-c14n', apex })).toBe('<c></c>');
  });

  it('sorts attributes by namespace URI then local name, declarations first', () => {
    const doc: Tree = {
      name: 'e',
      ns: [
        ['b', 'urn:b'],
        ['', 'urn:default'],
        ['a', 'urn:z'],
      ],
      attrs: [
        ['b:y', '1'],
        ['a:x', '2'],
        ['z', '3'],
        ['c', '4'],
      ],
    };
    expect(canon((h) => feed(doc, h), { algorithm: 'c14n' })).toBe(
      '<e xmlns="urn:default" xmlns:a="urn:z" xmlns:b="urn:b" c="4" z="3" b:y="1" a:x="2"></e>',
    );
    expect(canon((h) => feed(doc, h), { algorithm: 'exc-c14n' })).toBe(
      '<e xmlns="urn:default" xmlns:a="urn:z" xmlns:b="urn:b" c="4" z="3" b:y="1" a:x="2"></e>',
    );
  });

  it('escapes text and attribute values per spec', () => {
    const doc: Tree = {
      name: 'e',
      attrs: [['v', 'a&b<c>"d\'\t\n\r']],
      children: ['x & y < z > w "q" \r end'],
    };
    expect(canon((h) => feed(doc, h), { algorithm: 'c14n' })).toBe(
      '<e v="a&amp;b&lt;c>&quot;d\'&#x9;&#xA;&#xD;">x &amp; y &lt; z &gt; w "q" &#xD; end</e>',
    );
  });

  it('undeclares the default namespace only where it was rendered', () => {
    const doc: Tree = {
      name: 'a',
      ns: [['', 'urn:d']],
      children: [{ name: 'b', ns: [['', '']], children: [{ name: 'c' }] }],
    };
    const inclusive = '<a xmlns="urn:d"><b xmlns=""><c></c></b></a>';
    expect(canon((h) => feed(doc, h), { algorithm: 'c14n' })).toBe(inclusive);
    expect(canon((h) => feed(doc, h), { algorithm: 'exc-c14n' })).toBe(inclusive);
    // Subtree at b: nothing rendered above, so no xmlns="".
    const apex = (e: StartElement) => e.local === 'b';
    expect(canon((h) => feed(doc, h), { algorithm: 'exc-c14n', apex })).toBe('<b><c></c></b>');
    expect(canon((h) => feed(doc, h), { algorithm: 'c14n', apex })).toBe('<b><c></c></b>');
  });

  it('renders PrefixList namespaces as inclusive C14N does', () => {
    const doc: Tree = {
      name: 'p:a',
      ns: [
        ['p', 'urn:p'],
        ['q', 'urn:q'],
        ['r', 'urn:r'],
        ['', 'urn:d'],
      ],
      children: [{ name: 'p:b' }],
    };
    expect(canon((h) => feed(doc, h), { algorithm: 'exc-c14n', inclusivePrefixes: ['q', '#default'] })).toBe(
      '<p:a xmlns="urn:d" xmlns:p="urn:p" xmlns:q="urn:q"><p:b></p:b></p:a>',
    );
  });

  it('leaves out an excluded subtree but keeps the text around it', () => {
    const doc: Tree = {
      name: 'a',
      children: ['1', { name: 'sig', children: ['secret', { name: 'x' }] }, '2', { name: 'sig' }],
    };
    expect(canon((h) => feed(doc, h), { algorithm: 'exc-c14n', exclude: (e) => e.local === 'sig' })).toBe(
      '<a>12<sig></sig></a>',
    );
  });

  it('orders by code point, not UTF-16 unit', () => {
    expect(compareCodePoints('\u{10000}', '\uffff')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
  });
});

// ——— the real tokenizer, checked against libxml2's canonicaliser as xmlsec1 runs it ———

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-c14n-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem'].concat([
      '-subj',
      '/CN=c14n',
      '-days',
      '2',
    ]),
    { cwd: dir, stdio: 'ignore' },
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ALG = {
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  'exc-c14n': 'http://www.w3.org/2001/10/xml-exc-c14n#',
};

/**
 * What xmlsec1 (libxml2) digests for an enveloped Reference URI="" over `xml` (a signature template is put
 * as the root's last child): the canonical document minus the Signature, and the canonical SignedInfo.
 */
function xmlsecCanonical(
  xml: string,
  algorithm: 'c14n' | 'exc-c14n',
): { document: string; signedInfo: string } {
  const template =
    `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>` +
    `<ds:CanonicalizationMethod Algorithm="${ALG[algorithm]}"/>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
    `<ds:Reference URI=""><ds:Transforms>` +
    `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>` +
    `<ds:Transform Algorithm="${ALG[algorithm]}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>` +
    `</ds:Reference></ds:SignedInfo><ds:SignatureValue/></ds:Signature>`;
  const close = xml.lastIndexOf('</');
  const file = path.join(dir, `${crypto.randomUUID()}.xml`);
  fs.writeFileSync(file, xml.slice(0, close) + template + xml.slice(close));
  const out = execFileSync(
    'xmlsec1',
    ['--sign', '--store-references', '--store-signatures', '--privkey-pem', 'key.pem', file],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const between = (start: string, end: string) => {
    const a = out.indexOf(start) + start.length;
    return out.slice(a, out.indexOf(end, a) - 1);
  };
  return {
    document: between('== PreDigest data - start buffer:\n', '== PreDigest data - end buffer'),
    signedInfo: between('== PreSigned data - start buffer:\n', '== PreSigned data - end buffer'),
  };
}

function ours(xml: string | Buffer, options: C14nOptions, chunkSize = 0): string {
  const input = Buffer.from(xml);
  const pieces: Buffer[] = [];
  if (chunkSize > 0)
    for (let i = 0; i < input.length; i += chunkSize) pieces.push(input.subarray(i, i + chunkSize));
  return canonicalize(chunkSize > 0 ? pieces : input, options).toString('utf8');
}

const DOCUMENTS: Record<string, string> = {
  'namespaces and attributes': `<?xml version="1.0" encoding="UTF-8"?>
<?pi-before  some data ?>
<!-- a comment -->
<a:root xmlns:a="urn:a" xmlns:b="urn:b" xmlns="urn:d" xml:lang="vi">
  <b:x attr="1 &amp; &lt; &quot; &#9;&#10;" a:z="2" b:y="3" z="0">t&amp;&gt;&#13;x<![CDATA[<c&>]]></b:x>
  <e xmlns="" xmlns:c="urn:c" c:q="1"><!-- dropped --><f/></e>
  <b:g xmlns:b="urn:b"><h xmlns="urn:d2" b:k="v"/></b:g>
  <?inner?>
</a:root>
<?pi-after x?>`,
  'edXML-like header': `<?xml version="1.0" encoding="UTF-8"?>\r\n<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">\r\n  <edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016">\r\n    <edXML:edXMLHeader><edXML:From><edXML:OrganId>000.00.00.A80</edXML:OrganId><edXML:OrganName>UBND xã Hòa Tiến — Đà Nẵng</edXML:OrganName></edXML:From></edXML:edXMLHeader>\r\n  </edXML:edXMLEnvelope>\r\n</edXML>`,
  'CRLF line ends in text and CDATA': `<a>\r\n<b>${'QUJD'.repeat(200)}\r\n${'REVG'.repeat(200)}\r\n</b><c>x\ry\r\n\r\nz</c><d><![CDATA[p\r\nq\rr]]></d></a>`,
  'unicode and references': `<r xmlns:x="urn:x" x:a="&#x1F600;&#233;">caf&#233; &#x1F600; 🎉 Tiếng Việt &lt;&gt;&amp;&quot;&apos;\r\n</r>`,
};

describe('Canonicalizer with the tokenizer, against xmlsec1', () => {
  for (const [name, xml] of Object.entries(DOCUMENTS))
    for (const algorithm of ['c14n', 'exc-c14n'] as const)
      it(`${name} (${algorithm}) — whole document minus the Signature, and SignedInfo in context`, () => {
        const expected = xmlsecCanonical(xml, algorithm);
        expect(ours(xml, { algorithm })).toBe(expected.document);
        // Fed one byte at a time: the same bytes.
        expect(ours(xml, { algorithm }, 1)).toBe(expected.document);
        // SignedInfo of the signed document, canonicalised as a subtree in the document's context.
        const close = xml.lastIndexOf('</');
        const signed =
          xml.slice(0, close) +
          `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>` +
          `<ds:CanonicalizationMethod Algorithm="${ALG[algorithm]}"/>` +
          `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
          `<ds:Reference URI=""><ds:Transforms>` +
          `<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>` +
          `<ds:Transform Algorithm="${ALG[algorithm]}"/></ds:Transforms>` +
          `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>` +
          crypto.createHash('sha256').update(expected.document).digest('base64') +
          `</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue/></ds:Signature>` +
          xml.slice(close);
        expect(ours(signed, { algorithm, apex: (e) => e.local === 'SignedInfo' })).toBe(expected.signedInfo);
      });

  it('passes plain text bytes straight to the sink', () => {
    const base64 = crypto.randomBytes(300_000).toString('base64');
    const xml = `<a><b>${base64}</b></a>`;
    const chunks: Buffer[] = [];
    const c = new Canonicalizer((b) => chunks.push(Buffer.from(b)), { algorithm: 'exc-c14n' });
    tokenize(Buffer.from(xml), c);
    c.end();
    expect(Buffer.concat(chunks).toString()).toBe(xml);
    // The base64 arrived as large direct chunks, not copied through the batch buffer piece by piece.
    expect(chunks.some((b) => b.length >= 4096 && !b.includes(0x3c))).toBe(true);
  });
});
