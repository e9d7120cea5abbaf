import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform } from '../../../test/support/platform.js';
import type { StartElement } from '../xml/events.js';
import { demoCaDir, readDemoCaCertificate } from './demo-ca.js';
import type { PathResult } from './pki.js';
import type { Signer } from './signer.js';
import { signEnveloped, verifyEnveloped, XmlSignError, XMLDSIG_NS } from './xmldsig.js';
import { EDXML_SAMPLES } from '../../../test/support/shared-data.js';

const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const SAMPLES = EDXML_SAMPLES;
const inHeader = (e: StartElement) => e.uri === EDXML_NS && e.local === 'edXMLHeader';

let dir = '';
let rsa: Signer;
let ec: Signer;
let caPem = '';

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A key file and a certificate from the test CA, as a Signer (SHA-256, ECDSA in DER as Signer promises). */
function fileSigner(name: string, keyArgs: string[], keyAlgorithm: 'EC' | 'RSA'): Signer {
  openssl([
    'req',
    '-new',
    '-newkey',
    ...keyArgs,
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-utf8',
    '-subj',
    `/CN=Văn thư ${name}/O=CPĐT test`,
  ]);
  fs.writeFileSync(path.join(dir, 'leaf.ext'), 'keyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl([
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '3',
    '-out',
    `${name}.pem`,
    '-extfile',
    'leaf.ext',
  ]);
  const key = crypto.createPrivateKey(fs.readFileSync(path.join(dir, `${name}.key`)));
  const certificate = Buffer.from(
    new crypto.X509Certificate(fs.readFileSync(path.join(dir, `${name}.pem`))).raw,
  );
  return {
    certificate,
    chain: [],
    keyAlgorithm,
    description: `key file ${name}`,
    sign: async (data) => crypto.sign('sha256', data, key),
  };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-xmldsig-'));
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=XMLDSig test CA',
    '-days',
    '5',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  caPem = fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  rsa = fileSigner('rsa', ['rsa:2048'], 'RSA');
  ec = fileSigner('ec', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'EC');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** xmlsec1's verdict on `xml`, trusting only `ca` (PEM). */
function xmlsecVerify(xml: Buffer, ca = caPem): { ok: boolean; output: string } {
  const file = path.join(dir, `${crypto.randomUUID()}.xml`);
  const caFile = path.join(dir, `${crypto.randomUUID()}-ca.pem`);
  fs.writeFileSync(file, xml);
  fs.writeFileSync(caFile, ca);
  const r = spawnSync('xmlsec1', ['--verify', '--enabled-key-data', 'x509', '--trusted-pem', caFile, file], {
    encoding: 'utf8',
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

/** A synthetic edXML envelope whose attachment is `attachmentBytes` of base64 (76-column lines). */
function envelope(attachmentBytes: number): Buffer {
  const b64 = crypto
    .randomBytes(Math.ceil((attachmentBytes * 3) / 4))
    .toString('base64')
    .slice(0, attachmentBytes)
    .replace(/.{76}/g, '$&\n');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NS}">\n` +
      `  <edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}">\n    <edXML:edXMLHeader>\n` +
      `      <edXML:MessageHeader><edXML:From><edXML:OrganId>000.00.00.G22</edXML:OrganId>` +
      `<edXML:OrganName>Văn phòng Chính phủ &amp; các bộ</edXML:OrganName></edXML:From>` +
      `<edXML:Subject>V/v kết nối, liên thông</edXML:Subject></edXML:MessageHeader>\n` +
      `      <edXML:TraceHeaderList/>\n    </edXML:edXMLHeader>\n` +
      `    <edXML:edXMLBody><edXML:edXMLManifest version="1.0"/></edXML:edXMLBody>\n  </edXML:edXMLEnvelope>\n` +
      `  <AttachmentEncoded><Attachment><ContentId>cid:1</ContentId>` +
      `<edXML:ContentTransferEncoded xmlns:edXML="${EDXML_NS}">${b64}</edXML:ContentTransferEncoded>` +
      `</Attachment></AttachmentEncoded>\n</edXML>\n`,
  );
}

const smallEnvelope = () => fs.readFileSync(path.join(SAMPLES, 'status.edxml'));

async function* chunked(b: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

describe('signEnveloped + verifyEnveloped', () => {
  it('RSA-2048: ours and xmlsec1 accept it; the Signature is the header’s last child', async () => {
    const signed = await signEnveloped(smallEnvelope(), rsa, { parent: inHeader, keyName: 'văn thư' });
    const text = signed.toString();
    expect(text).toMatch(
      /<edXML:MessageHeader>[\s\S]*<\/edXML:MessageHeader>\s*<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*<\/Signature><\/edXML:edXMLHeader>/,
    );
    const r = await verifyEnveloped(signed);
    expect(r).toMatchObject({
      valid: true,
      signed: true,
      algorithm: 'rsa-sha256',
      digestAlgorithm: 'sha256',
      canonicalization: 'exc-c14n',
      weak: false,
    });
    expect(r.certificate?.equals(rsa.certificate)).toBe(true);
    expect(r.subject).toContain('Văn thư rsa');
    const x = xmlsecVerify(signed);
    expect(x.output).toContain('OK');
    expect(x.ok).toBe(true);
    // xmlsec1 really checks the path: with another trust anchor it refuses.
    const other = fs.readFileSync(path.join(dir, 'ec.pem'), 'utf8');
    expect(xmlsecVerify(signed, other).ok).toBe(false);
  });

  it('EC P-256: SignatureValue is r‖s (64 bytes); ours and xmlsec1 accept it', async () => {
    const signed = await signEnveloped(envelope(20_000), ec, { parent: inHeader });
    const value = /<SignatureValue>([^<]*)<\/SignatureValue>/.exec(signed.toString())![1]!;
    expect(Buffer.from(value, 'base64')).toHaveLength(64);
    expect(await verifyEnveloped(signed)).toMatchObject({ valid: true, algorithm: 'ecdsa-sha256' });
    expect(xmlsecVerify(signed).ok).toBe(true);
    // Streamed in small chunks: the same answer.
    expect(await verifyEnveloped(chunked(signed, 777))).toMatchObject({ valid: true });
  });

  it('a Signature after the attachment (last child of the root) verifies, streamed or not', async () => {
    const signed = await signEnveloped(envelope(300_000), rsa, { parent: (e) => e.depth === 0 });
    expect(signed.toString().trimEnd()).toMatch(/<\/Signature><\/edXML>$/);
    expect(await verifyEnveloped(signed)).toMatchObject({ valid: true });
    expect(await verifyEnveloped(chunked(signed, 4096))).toMatchObject({ valid: true });
    expect(xmlsecVerify(signed).ok).toBe(true);
  });

  it('validates the certificate path when given a Pki', async () => {
    const signed = await signEnveloped(smallEnvelope(), rsa, { parent: inHeader });
    const seen: Buffer[] = [];
    const good: PathResult = { ok: true, chain: [rsa.certificate], revocation: 'none' };
    const ok = await verifyEnveloped(signed, {
      pki: { validate: async (c) => (seen.push(c), good) },
    });
    expect(ok).toMatchObject({ valid: true, path: good });
    expect(seen[0]?.equals(rsa.certificate)).toBe(true);
    const bad = await verifyEnveloped(signed, {
      pki: { validate: async () => ({ ok: false, reason: 'untrusted' }) },
    });
    expect(bad).toMatchObject({ valid: false, signed: true, reason: 'certificate', path: { ok: false } });
  });

  it('with the PKCS#11 seal (SoftHSM2) of a test platform', async () => {
    const p = await testPlatform();
    try {
      const seal = await p.pki.seal();
      const signed = await signEnveloped(envelope(5_000), seal, { parent: inHeader });
      const r = await verifyEnveloped(signed, { pki: p.pki, at: p.clock.now() });
      expect(r).toMatchObject({ valid: true, path: { ok: true } });
      const ca = readDemoCaCertificate(demoCaDir(p.config.dataDir))!;
      expect(xmlsecVerify(signed, ca.pem).ok).toBe(true);
    } finally {
      await p.close();
    }
  });

  it('refuses to sign twice, without a parent, or malformed XML', async () => {
    const signed = await signEnveloped(smallEnvelope(), ec, { parent: inHeader });
    await expect(signEnveloped(signed, ec, { parent: inHeader })).rejects.toMatchObject({
      reason: 'already_signed',
    });
    await expect(signEnveloped(smallEnvelope(), ec, { parent: () => false })).rejects.toBeInstanceOf(
      XmlSignError,
    );
    await expect(signEnveloped(Buffer.from('<a><b></a>'), ec, { parent: () => true })).rejects.toMatchObject({
      reason: 'malformed',
    });
  });

  it('puts the Signature into a self-closing parent', async () => {
    const signed = await signEnveloped(Buffer.from('<r xmlns="urn:r"><h a="1"/><b>x</b></r>'), rsa, {
      parent: (e) => e.local === 'h',
    });
    expect(signed.toString()).toMatch(
      /^<r xmlns="urn:r"><h a="1"><Signature [\s\S]*<\/Signature><\/h><b>x<\/b><\/r>$/,
    );
    expect(await verifyEnveloped(signed)).toMatchObject({ valid: true });
    expect(xmlsecVerify(signed).ok).toBe(true);
  });
});

describe('verifyEnveloped: signatures made by xmlsec1', () => {
  const template = (c14n: string, method: string, digest: string) =>
    `<Signature xmlns="${XMLDSIG_NS}"><SignedInfo><CanonicalizationMethod Algorithm="${c14n}"/>` +
    `<SignatureMethod Algorithm="${method}"/><Reference URI=""><Transforms>` +
    `<Transform Algorithm="${XMLDSIG_NS}enveloped-signature"/></Transforms>` +
    `<DigestMethod Algorithm="${digest}"/><DigestValue/></Reference></SignedInfo><SignatureValue/>` +
    `<KeyInfo><X509Data/></KeyInfo></Signature>`;

  function xmlsecSign(xml: Buffer, signature: string, key: string): Buffer {
    const text = xml.toString();
    const at = text.indexOf('</edXML:edXMLHeader>');
    const file = path.join(dir, `${crypto.randomUUID()}.xml`);
    fs.writeFileSync(file, text.slice(0, at) + signature + text.slice(at));
    return execFileSync('xmlsec1', ['--sign', '--privkey-pem', `${key}.key,${key}.pem`, file], { cwd: dir });
  }

  it('exc-c14n with an InclusiveNamespaces PrefixList on the reference (read twice; refused when streamed)', async () => {
    const signature =
      `<Signature xmlns="${XMLDSIG_NS}"><SignedInfo>` +
      `<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>` +
      `<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference URI="">` +
      `<Transforms><Transform Algorithm="${XMLDSIG_NS}enveloped-signature"/>` +
      `<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">` +
      `<InclusiveNamespaces xmlns="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="edXML #default"/>` +
      `</Transform></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>` +
      `<DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data/></KeyInfo></Signature>`;
    // xmlns:x is declared on the root and used nowhere: exclusive C14N renders it only because the PrefixList
    // names it, so the digest matches only if the PrefixList was applied from the first byte on.
    const doc = Buffer.from(envelope(20_000).toString().replace('<edXML ', '<edXML xmlns:x="urn:x" '));
    const signed = xmlsecSign(doc, signature.replace('PrefixList="edXML #default"', 'PrefixList="x"'), 'rsa');
    expect(await verifyEnveloped(signed)).toMatchObject({ valid: true, canonicalization: 'exc-c14n' });
    expect(await verifyEnveloped(chunked(signed, 8192))).toMatchObject({
      valid: false,
      reason: 'unsupported_algorithm',
    });
  });

  it('legacy RSA-SHA1 / SHA-1 / inclusive C14N: valid and reported weak', async () => {
    const signed = xmlsecSign(
      envelope(30_000),
      template(
        'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
        `${XMLDSIG_NS}rsa-sha1`,
        `${XMLDSIG_NS}sha1`,
      ),
      'rsa',
    );
    expect(await verifyEnveloped(signed)).toMatchObject({
      valid: true,
      algorithm: 'rsa-sha1',
      digestAlgorithm: 'sha1',
      canonicalization: 'c14n',
      weak: true,
    });
  });

  it('RSA-SHA256 / exc-c14n, and ECDSA-SHA256 with a ds: prefix', async () => {
    const exc = template(
      'http://www.w3.org/2001/10/xml-exc-c14n#',
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2001/04/xmlenc#sha256',
    ).replace(
      '<Transform Algorithm',
      '<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/><Transform Algorithm',
    );
    // Transform order must be enveloped first: rebuild it properly.
    const ordered = exc.replace(
      /<Transforms>.*<\/Transforms>/,
      `<Transforms><Transform Algorithm="${XMLDSIG_NS}enveloped-signature"/>` +
        `<Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></Transforms>`,
    );
    const signed = xmlsecSign(envelope(30_000), ordered, 'rsa');
    expect(await verifyEnveloped(signed)).toMatchObject({
      valid: true,
      algorithm: 'rsa-sha256',
      canonicalization: 'exc-c14n',
      weak: false,
    });
    const prefixed = template(
      'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
      'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
      'http://www.w3.org/2001/04/xmldsig-more#sha384',
    )
      .replace(/<(\/?)(\w)/g, '<$1ds:$2')
      .replace(`xmlns="${XMLDSIG_NS}"`, `xmlns:ds="${XMLDSIG_NS}"`);
    const ecSigned = xmlsecSign(envelope(10_000), prefixed, 'ec');
    expect(await verifyEnveloped(ecSigned)).toMatchObject({
      valid: true,
      algorithm: 'ecdsa-sha256',
      digestAlgorithm: 'sha384',
    });
  });
});

describe('verifyEnveloped: tampering and refusals', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await signEnveloped(envelope(200_000), rsa, { parent: inHeader });
  });

  const flip = (b: Buffer, at: number): Buffer => {
    const c = Buffer.from(b);
    c[at] = c[at] === 0x41 ? 0x42 : 0x41;
    return c;
  };

  it('one byte changed in the attachment or the header: digest_mismatch', async () => {
    const text = signed.toString('latin1');
    const inAttachment = text.indexOf('<edXML:ContentTransferEncoded') + 100_000;
    expect(await verifyEnveloped(flip(signed, inAttachment))).toMatchObject({
      valid: false,
      signed: true,
      reason: 'digest_mismatch',
    });
    const inHeaderText = text.indexOf('000.00.00.G22') + 4;
    expect(await verifyEnveloped(flip(signed, inHeaderText))).toMatchObject({ reason: 'digest_mismatch' });
    // Streamed: the same.
    expect(await verifyEnveloped(chunked(flip(signed, inAttachment), 65_536))).toMatchObject({
      reason: 'digest_mismatch',
    });
    expect(xmlsecVerify(flip(signed, inAttachment)).ok).toBe(false);
  });

  it('SignatureValue changed: signature_invalid', async () => {
    const text = signed.toString();
    const at = text.indexOf('<SignatureValue>') + '<SignatureValue>'.length + 10;
    expect(await verifyEnveloped(flip(signed, Buffer.byteLength(text.slice(0, at))))).toMatchObject({
      reason: 'signature_invalid',
    });
  });

  it('signature wrapping: a second Signature is refused, wherever it is', async () => {
    const text = signed.toString();
    const signature = /<Signature xmlns=[\s\S]*<\/Signature>/.exec(text)![0];
    const twice = text.replace('<edXML:edXMLBody>', `<edXML:edXMLBody>${signature}`);
    expect(await verifyEnveloped(Buffer.from(twice))).toMatchObject({
      valid: false,
      signed: true,
      reason: 'multiple_signatures',
    });
    const nested = text.replace('</KeyInfo>', `</KeyInfo><Object>${signature}</Object>`);
    expect(await verifyEnveloped(Buffer.from(nested))).toMatchObject({ reason: 'multiple_signatures' });
  });

  it('signature wrapping: the signed document put inside another is refused', async () => {
    const text = signed.toString().replace(/^<\?xml[^>]*>\n/, '');
    const wrapped = `<evil xmlns="urn:evil"><payload>Chuyển 1 tỷ đồng</payload>${text}</evil>`;
    expect(await verifyEnveloped(Buffer.from(wrapped))).toMatchObject({ reason: 'digest_mismatch' });
  });

  it('a Signature moved elsewhere still covers the same bytes; `parent` pins where it must be', async () => {
    const text = signed.toString();
    const signature = /<Signature xmlns=[\s\S]*<\/Signature>/.exec(text)![0];
    const moved = Buffer.from(
      text.replace(signature, '').replace('<edXML:edXMLBody>', `<edXML:edXMLBody>${signature}`),
    );
    expect(await verifyEnveloped(moved)).toMatchObject({ valid: true });
    expect(await verifyEnveloped(moved, { parent: inHeader })).toMatchObject({
      valid: false,
      reason: 'placement',
    });
    expect(await verifyEnveloped(signed, { parent: inHeader })).toMatchObject({ valid: true });
  });

  it('a Reference other than URI="" or two References: reference', async () => {
    const text = signed.toString();
    expect(await verifyEnveloped(Buffer.from(text.replace('URI=""', 'URI="#header"')))).toMatchObject({
      reason: 'reference',
    });
    const reference = /<Reference[\s\S]*<\/Reference>/.exec(text)![0];
    expect(await verifyEnveloped(Buffer.from(text.replace(reference, reference + reference)))).toMatchObject({
      reason: 'reference',
    });
    const noEnveloped = text.replace(/<Transform Algorithm="[^"]*enveloped-signature"\/>/, '');
    expect(await verifyEnveloped(Buffer.from(noEnveloped))).toMatchObject({ reason: 'reference' });
  });

  it('unknown algorithms: unsupported_algorithm', async () => {
    const text = signed.toString();
    expect(
      await verifyEnveloped(Buffer.from(text.replace('xmldsig-more#rsa-sha256', 'xmldsig-more#hmac-sha256'))),
    ).toMatchObject({ reason: 'unsupported_algorithm' });
    expect(
      await verifyEnveloped(Buffer.from(text.replace('xmlenc#sha256', 'xmlenc#ripemd160'))),
    ).toMatchObject({ reason: 'unsupported_algorithm' });
  });

  it('not well-formed, or a DTD (no entity expansion): malformed_xml', async () => {
    const text = signed.toString();
    const dtd = text.replace(
      '<edXML ',
      '<!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<edXML ',
    );
    expect(await verifyEnveloped(Buffer.from(dtd))).toMatchObject({ valid: false, reason: 'malformed_xml' });
    expect(await verifyEnveloped(signed.subarray(0, signed.length - 20))).toMatchObject({
      valid: false,
      signed: true,
      reason: 'malformed_xml',
    });
    expect(await verifyEnveloped(fs.readFileSync(path.join(SAMPLES, 'edoc.edxml')))).toMatchObject({
      valid: false,
      reason: 'malformed_xml',
    });
  });

  it('a Signature with pieces missing: malformed_signature', async () => {
    const text = signed.toString();
    expect(await verifyEnveloped(Buffer.from(text.replace(/<KeyInfo>[\s\S]*<\/KeyInfo>/, '')))).toMatchObject(
      { signed: true, reason: 'malformed_signature' },
    );
    expect(
      await verifyEnveloped(Buffer.from(text.replace(/<SignatureValue>[^<]*<\/SignatureValue>/, ''))),
    ).toMatchObject({ signed: true, reason: 'malformed_signature' });
  });
});

describe('verifyEnveloped: arbitrary damage', () => {
  it('random byte changes never make it throw: always a result, with a reason when not valid', async () => {
    const base = await signEnveloped(envelope(1_500), ec, { parent: inHeader });
    // Half the edits land in the Signature, where the parsing is.
    const from = base.indexOf('<Signature ');
    const to = base.indexOf('</Signature>') + 12;
    const position = fc.oneof(fc.nat(base.length - 1), fc.integer({ min: from, max: to }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (edits) => {
          const b = Buffer.from(base);
          for (const [i, v] of edits) b[i] = v;
          const r = await verifyEnveloped(b);
          expect(typeof r.valid).toBe('boolean');
          if (!r.valid) expect(r.reason).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('verifyEnveloped: the sample envelopes', () => {
  it('never crash; none carries a verifiable signature', async () => {
    for (const name of fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.edxml'))) {
      const r = await verifyEnveloped(fs.readFileSync(path.join(SAMPLES, name)));
      expect(r.valid, name).toBe(false);
      expect(r.reason, name).toBeDefined();
      if (name.startsWith('status')) expect(r, name).toMatchObject({ signed: false, reason: 'no_signature' });
    }
  });

  it('edoc_new.edxml: a Signature in the edXML namespace is a placeholder, not a signature', async () => {
    const r = await verifyEnveloped(fs.readFileSync(path.join(SAMPLES, 'edoc_new.edxml')));
    expect(r).toMatchObject({
      valid: false,
      signed: false,
      reason: 'no_signature',
      placeholderSignature: true,
    });
  });

  it('edoc_new.edxml signed for real (368 KB) verifies with ours and xmlsec1', async () => {
    const signed = await signEnveloped(fs.readFileSync(path.join(SAMPLES, 'edoc_new.edxml')), rsa, {
      parent: inHeader,
    });
    expect(await verifyEnveloped(signed, { parent: inHeader })).toMatchObject({ valid: true });
    expect(xmlsecVerify(signed).ok).toBe(true);
  });
});
