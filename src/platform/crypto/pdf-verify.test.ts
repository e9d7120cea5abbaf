import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as SignPdfSigner } from '@signpdf/utils';
import fc from 'fast-check';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { testCa, testSigner } from '../../../test/support/signing.js';
import { testPkiHierarchy, type TestPkiHierarchy } from '../../../test/support/test-pki.js';
import { ensurePerson } from '../../modules/identity/index.js';
import { SYSTEM_CONTEXT } from '../audit/index.js';
import { loadConfig } from '../config/index.js';
import { signDetached } from './cms.js';
import { signPdf } from './pdf-sign.js';
import {
  PDF_SIGNATURE_REASONS,
  parsePdfDate,
  verifyPdfSignatures,
  type PdfVerification,
} from './pdf-verify.js';
import { createPki, type Pki } from './pki.js';
import { SecretBox } from './secret-box.js';
import type { Signer } from './signer.js';
import { readTimestampResponse } from './tsa.js';

/** Whole seconds: a PDF date (/M) carries no milliseconds. */
const AT = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
const SIGNED_AT = new Date(AT.getTime() + 60_000);
/** The openssl hierarchy issues its certificates now: what it signs is signed after that. */
const nowish = () => new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-pdf-verify-'));

let p: TestPlatform;
let seal: Signer;
let person: Signer;
let h: TestPkiHierarchy;
let hierarchyPki: Pki;
let good: Signer;
let revoked: Signer;

/** A Signer over a private key held by the test (ECDSA gives DER, as CMS carries it). */
function keySigner(certificate: Buffer, key: crypto.KeyObject, chain: Buffer[] = []): Signer {
  return {
    certificate,
    chain,
    keyAlgorithm: 'EC',
    description: 'test key',
    sign: async (data) => crypto.sign('sha256', data, { key, dsaEncoding: 'der' }),
  };
}

/** A leaf of the openssl hierarchy as a Signer (its key file is in the hierarchy's folder). */
function hierarchySigner(name: string, profile: 'leaf_crl'): Signer {
  const der = h.leaf(name, profile);
  const key = crypto.createPrivateKey(fs.readFileSync(path.join(h.dir, `${name}.key`)));
  return keySigner(der, key, [h.subDer]);
}

async function plainPdf(pages = 1, filler = 0): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++)
    doc.addPage([595, 842]).drawText(`Công văn, trang ${i}`.replace(/[^\x20-\x7e]/g, '?'), {
      x: 72,
      y: 760,
      size: 14,
      font,
    });
  // Incompressible bytes, as a scanned attachment would be: makes the file as large as asked.
  if (filler > 0) doc.context.register(doc.context.stream(crypto.randomBytes(filler)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const sign = (pdf: Buffer, signer: Signer, extra: Partial<Parameters<typeof signPdf>[2]> = {}) =>
  signPdf(pdf, signer, {
    reason: 'Ký số văn bản / Signed document',
    signerName: 'Người ký',
    at: SIGNED_AT,
    ...extra,
  });

interface PdfsigSignature {
  valid: boolean;
  total: boolean;
  line: string;
}

/** What poppler says about each signature (its own CMS and digest check; trust is NSS's, not asked). */
function pdfsig(pdf: Buffer): PdfsigSignature[] {
  const file = path.join(work, `${crypto.randomBytes(6).toString('hex')}.pdf`);
  fs.writeFileSync(file, pdf);
  const run = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  const out = run.stdout + run.stderr;
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const line = /Signature Validation: (.*)$/m.exec(block)?.[1] ?? '';
      return { valid: line === 'Signature is Valid.', total: /Total document signed/.test(block), line };
    });
}

/**
 * A second signature as an incremental update (what a second signer's software does; signPdf rewrites the
 * file): a signature dictionary, an invisible widget naming it, the AcroForm with the new field, an xref
 * section and a trailer pointing at the previous one. The first revision's bytes stay untouched.
 */
async function appendSignature(pdf: Buffer, signer: Signer, at: Date, fieldName: string): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const acroRef = doc.catalog.get(PDFName.of('AcroForm'));
  if (!(acroRef instanceof PDFRef)) throw new Error('expected an indirect AcroForm');
  const acro = ctx.lookup(acroRef, PDFDict).clone(ctx);
  const sigNum = ctx.largestObjectNumber + 1;
  const widgetNum = sigNum + 1;
  const fields = acro.lookup(PDFName.of('Fields'), PDFArray);
  acro.set(PDFName.of('Fields'), ctx.obj([...fields.asArray(), PDFRef.of(widgetNum)]));
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1', pdf.length - 64))![1]!;
  const placeholder = '/ByteRange [0 ********** ********** **********]';
  const contentsLength = 16_384;
  const base = Buffer.concat([pdf, Buffer.from('\n')]);
  const parts: string[] = [];
  const offsets: Record<number, number> = {};
  let length = base.length;
  const add = (num: number, body: string) => {
    offsets[num] = length;
    const text = `${num} 0 obj\n${body}\nendobj\n`;
    parts.push(text);
    length += Buffer.byteLength(text, 'latin1');
  };
  const m = `D:${at.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  add(acroRef.objectNumber, acro.toString());
  add(
    sigNum,
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached ${placeholder} ` +
      `/Contents <${'0'.repeat(contentsLength * 2)}> /M (${m}) >>`,
  );
  add(
    widgetNum,
    `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V ${sigNum} 0 R /T (${fieldName}) /F 132 ` +
      `/P ${doc.getPages()[0]!.ref.toString()} >>`,
  );
  const entry = (n: number) => `${String(offsets[n]).padStart(10, '0')} 00000 n\r\n`;
  const root = ctx.trailerInfo.Root;
  if (!root) throw new Error('no /Root in the trailer');
  const info = ctx.trailerInfo.Info ? ` /Info ${ctx.trailerInfo.Info.toString()}` : '';
  parts.push(
    `xref\n${acroRef.objectNumber} 1\n${entry(acroRef.objectNumber)}${sigNum} 2\n${entry(sigNum)}${entry(widgetNum)}` +
      `trailer\n<< /Size ${widgetNum + 1} /Root ${root.toString()}${info} /Prev ${prev} >>\n` +
      `startxref\n${length}\n%%EOF\n`,
  );
  const out = Buffer.concat([base, Buffer.from(parts.join(''), 'latin1')]);
  const rangeAt = out.indexOf(placeholder, base.length);
  const contentsAt = out.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const contentsEnd = contentsAt + contentsLength * 2 + 2;
  const ranges = [0, contentsAt, contentsEnd, out.length - contentsEnd];
  out.write(`/ByteRange [${ranges.join(' ')}]`.padEnd(placeholder.length, ' '), rangeAt, 'latin1');
  const content = Buffer.concat([out.subarray(0, contentsAt), out.subarray(contentsEnd)]);
  const cms = await signDetached(content, signer, at);
  out.write(cms.toString('hex'), contentsAt + 1, 'latin1');
  return out;
}

/** An RFC 3161 token over the signature value from the hierarchy's TSA (`openssl ts -reply`). */
async function opensslTimestamp(signatureValue: Buffer): Promise<Buffer> {
  const id = crypto.randomBytes(4).toString('hex');
  fs.writeFileSync(path.join(h.dir, `${id}.bin`), signatureValue);
  h.run('ts', '-query', '-data', `${id}.bin`, '-sha256', '-cert', '-out', `${id}.tsq`);
  h.run('ts', '-reply', '-config', 'openssl.cnf', '-queryfile', `${id}.tsq`, '-out', `${id}.tsr`);
  return readTimestampResponse(fs.readFileSync(path.join(h.dir, `${id}.tsr`)));
}

beforeAll(async () => {
  p = await testPlatform({}, AT);
  await testCa(p, AT);
  seal = await p.pki.seal();
  const personId = await p.db.transaction((tx) =>
    ensurePerson(tx, SYSTEM_CONTEXT, { username: 'pdf-verify-signer', displayName: 'Nguyễn Văn Ký' }),
  );
  const t = await testSigner(p, personId, { commonName: 'Nguyễn Văn Ký', now: AT });
  person = keySigner(t.certificateDer, t.privateKey);

  h = await testPkiHierarchy();
  const trustDir = path.join(work, 'trust');
  fs.mkdirSync(trustDir);
  fs.writeFileSync(path.join(trustDir, 'root.pem'), h.rootPem);
  hierarchyPki = createPki(
    loadConfig({ CPDT_DATA_DIR: path.join(work, 'data'), PKI_TRUST_DIR: trustDir, LOG_LEVEL: 'silent' }),
    new SecretBox(crypto.randomBytes(32)),
  );
  good = hierarchySigner('good', 'leaf_crl');
  revoked = hierarchySigner('revoked', 'leaf_crl');
  h.revoke('revoked');
  h.gencrl();
}, 60_000);

afterAll(async () => {
  await hierarchyPki?.close();
  await h?.close();
  await p?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('verifyPdfSignatures: what signPdf makes', () => {
  it('the PKCS#11 seal and a person’s key: intact, trusted by the platform’s CA, and pdfsig agrees', async () => {
    for (const [signer, name] of [
      [seal, null],
      [person, 'Nguyễn Văn Ký'],
    ] as const) {
      const pdf = await sign(await plainPdf(2), signer);
      const r = await verifyPdfSignatures(pdf, { pki: p.pki });
      expect(r).toMatchObject({ valid: true, signatures: [{ intact: true, trusted: true }] });
      expect(r.reason).toBeUndefined();
      const [s] = r.signatures;
      expect(s).toMatchObject({
        index: 0,
        subFilter: 'ETSI.CAdES.detached',
        digestAlgorithm: 'sha256',
        coversRevision: true,
        coversWholeDocument: true,
        modifiedAfterSigning: false,
        fieldName: 'CPDT-Signature-1',
        signingTimeSource: 'dictionary', // PAdES: the time is /M, no signingTime attribute
        revocation: 'none',
      });
      expect(s!.signingTime).toEqual(SIGNED_AT);
      expect(s!.validatedAt).toEqual(SIGNED_AT);
      expect(s!.signerCertificate!.equals(signer.certificate)).toBe(true);
      if (name) expect(s!.signerName).toBe(name);
      else expect(s!.signerName).toMatch(/CPĐT/);
      expect(s!.byteRange[0]).toBe(0);
      expect(s!.byteRange[2]! + s!.byteRange[3]!).toBe(pdf.length);
      expect(pdfsig(pdf)).toEqual([expect.objectContaining({ valid: true, total: true })]);

      // Without a PKI: integrity only, and the document is not called valid.
      const bare = await verifyPdfSignatures(pdf);
      expect(bare).toMatchObject({ valid: false, reason: 'trust_not_checked' });
      expect(bare.signatures[0]).toMatchObject({ intact: true, trusted: null });
    }
  });

  it('a signer the PKI does not trust: intact, trusted false, untrusted', async () => {
    const pdf = await sign(await plainPdf(), person);
    const r = await verifyPdfSignatures(pdf, { pki: hierarchyPki });
    expect(r).toMatchObject({ valid: false, reason: 'untrusted' });
    expect(r.signatures[0]).toMatchObject({ intact: true, trusted: false, reason: 'untrusted' });
  });

  it('two signatures (the second an incremental update): both reported, the first not covering the end', async () => {
    const once = await sign(await plainPdf(), seal);
    const twice = await appendSignature(once, person, new Date(SIGNED_AT.getTime() + 60_000), 'Chu-ky-2');
    expect(twice.subarray(0, once.length).equals(once)).toBe(true);

    const r = await verifyPdfSignatures(twice, { pki: p.pki });
    expect(r.valid).toBe(true);
    expect(r.signatures).toHaveLength(2);
    expect(r.signatures[0]).toMatchObject({
      index: 0,
      intact: true,
      trusted: true,
      coversRevision: true,
      coversWholeDocument: false,
      modifiedAfterSigning: true,
      fieldName: 'CPDT-Signature-1',
      subFilter: 'ETSI.CAdES.detached',
    });
    expect(r.signatures[1]).toMatchObject({
      index: 1,
      intact: true,
      trusted: true,
      coversRevision: true,
      coversWholeDocument: true,
      modifiedAfterSigning: false,
      fieldName: 'Chu-ky-2',
      subFilter: 'adbe.pkcs7.detached',
      signerName: 'Nguyễn Văn Ký',
      signingTimeSource: 'attribute', // signDetached's CAdES carries signingTime
    });
    expect(r.signatures[1]!.signingTime).toEqual(new Date(SIGNED_AT.getTime() + 60_000));
    const poppler = pdfsig(twice);
    expect(poppler).toHaveLength(2);
    expect(poppler.map((s) => [s.valid, s.total])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('one byte changed inside a signed range: digest_mismatch, and pdfsig says invalid', async () => {
    const pdf = await sign(await plainPdf(), seal);
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/MediaBox');
    expect(at).toBeGreaterThan(0);
    tampered[at + 1] = 'N'.charCodeAt(0); // /MediaBox → /NediaBox, before /Contents: the first range
    const r = await verifyPdfSignatures(tampered, { pki: p.pki });
    expect(r).toMatchObject({ valid: false, reason: 'digest_mismatch' });
    expect(r.signatures[0]).toMatchObject({ intact: false, reason: 'digest_mismatch' });
    expect(r.signatures[0]!.signerCertificate!.equals(seal.certificate)).toBe(true);
    expect(pdfsig(tampered)[0]).toMatchObject({ valid: false });
    expect(pdfsig(tampered)[0]!.line).toMatch(/Digest Mismatch|Invalid/i);
  });

  it('bytes appended after signing: the signature stays intact but the document is not valid', async () => {
    const pdf = await sign(await plainPdf(), seal);
    const appended = Buffer.concat([pdf, Buffer.from('\n% thêm sau khi ký / added after signing\n%%EOF\n')]);
    const r = await verifyPdfSignatures(appended, { pki: p.pki });
    expect(r).toMatchObject({ valid: false, reason: 'modified_after_signing' });
    expect(r.signatures[0]).toMatchObject({
      intact: true,
      trusted: true,
      coversRevision: true,
      coversWholeDocument: false,
      modifiedAfterSigning: true,
    });
    expect(r.signatures[0]!.reason).toBeUndefined();
    // Whitespace alone after the signed end changes nothing a reader shows.
    expect(
      await verifyPdfSignatures(Buffer.concat([pdf, Buffer.from('\r\n  \n')]), { pki: p.pki }),
    ).toMatchObject({
      valid: true,
    });
  });

  it('a /ByteRange that leaves out more than its own /Contents is refused (malformed)', async () => {
    const pdf = await sign(await plainPdf(), seal);
    const text = pdf.toString('latin1');
    const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(text)!;
    const [, a, b, c, d] = m.map(Number) as [number, number, number, number, number];
    // Skip 10 more bytes after /Contents (and sign 10 fewer at the end): an unsigned hole.
    const forged = `/ByteRange [${a} ${b} ${c + 10} ${d - 10}]`.padEnd(m[0].length, ' ');
    const bad = Buffer.from(pdf);
    bad.write(forged, m.index, 'latin1');
    const r = await verifyPdfSignatures(bad, { pki: p.pki });
    expect(r).toMatchObject({ valid: false, reason: 'malformed' });
    expect(r.signatures[0]).toMatchObject({ intact: false, reason: 'malformed' });

    // A SubFilter we do not check (PKCS#1 signatures of adbe.x509.rsa_sha1): unsupported, with its name.
    const other = Buffer.from(
      pdf.toString('latin1').replace('/ETSI.CAdES.detached', '/adbe.x509.rsa_sha1 '),
      'latin1',
    );
    const u = await verifyPdfSignatures(other, { pki: p.pki });
    expect(u).toMatchObject({ valid: false, reason: 'unsupported' });
    expect(u.signatures[0]).toMatchObject({ subFilter: 'adbe.x509.rsa_sha1', intact: false });
  });
});

describe('verifyPdfSignatures with a real CA hierarchy (CRL served by openssl)', () => {
  it('a good signer: trusted, revocation checked by CRL; a revoked signer: trusted false, revoked', async () => {
    const ok = await verifyPdfSignatures(await sign(await plainPdf(), good, { at: nowish() }), {
      pki: hierarchyPki,
    });
    expect(ok).toMatchObject({
      valid: true,
      signatures: [{ intact: true, trusted: true, revocation: 'crl' }],
    });
    expect(ok.signatures[0]!.signerName).toBe('good');

    const pdf = await sign(await plainPdf(), revoked, { at: nowish() });
    const r = await verifyPdfSignatures(pdf, { pki: hierarchyPki });
    expect(r).toMatchObject({ valid: false, reason: 'revoked' });
    expect(r.signatures[0]).toMatchObject({ intact: true, trusted: false, reason: 'revoked' });
    expect(PDF_SIGNATURE_REASONS.revoked.vi).toMatch(/thu hồi/);
  });

  it('PAdES B-T: the timestamp’s time is reported and, its TSA trusted, the certificate is checked then', async () => {
    const pdf = await sign(await plainPdf(), good, { at: nowish(), timestamp: opensslTimestamp });
    const r = await verifyPdfSignatures(pdf, { pki: hierarchyPki });
    expect(r.valid).toBe(true);
    const s = r.signatures[0]!;
    expect(s).toMatchObject({ intact: true, trusted: true, timestampTrusted: true });
    expect(Math.abs(s.timestampTime!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(s.validatedAt).toEqual(s.timestampTime);
    // `at` overrides: a time before the certificate existed.
    const early = await verifyPdfSignatures(pdf, { pki: hierarchyPki, at: new Date('2001-01-01T00:00:00Z') });
    expect(early.signatures[0]).toMatchObject({ trusted: false, reason: 'not_yet_valid' });
  });

  it('interop: an @signpdf placeholder signed by `openssl cms -sign` (not our CMS code) verifies, as for pdfsig', async () => {
    class OpensslSigner extends SignPdfSigner {
      override async sign(content: Buffer): Promise<Buffer> {
        const id = crypto.randomBytes(4).toString('hex');
        fs.writeFileSync(path.join(h.dir, `${id}.content`), content);
        h.run(
          'cms',
          '-sign',
          '-binary',
          '-in',
          `${id}.content`,
          '-signer',
          'good.crt',
          '-inkey',
          'good.key',
          '-certfile',
          'sub.crt',
          '-md',
          'sha256',
          '-outform',
          'DER',
          '-out',
          `${id}.p7s`,
        );
        return fs.readFileSync(path.join(h.dir, `${id}.p7s`));
      }
    }
    const doc = await PDFDocument.load(await plainPdf());
    pdflibAddPlaceholder({
      pdfDoc: doc,
      reason: 'Interop',
      contactInfo: 'cpdt@example.gov.vn',
      name: 'OpenSSL',
      location: 'Hà Nội',
      signingTime: SIGNED_AT,
    });
    const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
    const pdf = await new SignPdf().sign(prepared, new OpensslSigner());
    const r = await verifyPdfSignatures(pdf, { pki: hierarchyPki });
    expect(r).toMatchObject({ valid: true });
    expect(r.signatures[0]).toMatchObject({
      subFilter: 'adbe.pkcs7.detached',
      intact: true,
      trusted: true,
      signerName: 'good',
      signingTimeSource: 'attribute', // openssl adds signingTime
      coversWholeDocument: true,
    });
    expect(pdfsig(pdf)).toEqual([expect.objectContaining({ valid: true, total: true })]);
  });
});

describe('verifyPdfSignatures on hostile and odd input', () => {
  it('an unsigned PDF: no_signature; not a PDF: malformed', async () => {
    expect(await verifyPdfSignatures(await plainPdf())).toEqual({
      signatures: [],
      valid: false,
      reason: 'no_signature',
    });
    expect(await verifyPdfSignatures(Buffer.from('không phải PDF'))).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
    expect(await verifyPdfSignatures(Buffer.alloc(0))).toMatchObject({ valid: false, signatures: [] });
  });

  it('random bytes, truncations and byte flips of a signed PDF never throw (fast-check)', async () => {
    const pdf = await sign(await plainPdf(), seal);
    const [, b, c] = (await verifyPdfSignatures(pdf)).signatures[0]!.byteRange as [number, number, number];
    const prefix = Buffer.from('%PDF-1.7\n');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, header) => {
        const input = header ? Buffer.concat([prefix, Buffer.from(bytes)]) : Buffer.from(bytes);
        const r = await verifyPdfSignatures(input, { pki: p.pki });
        expect(r.valid).toBe(false);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pdf.length - 1 }), async (n) => {
        const r: PdfVerification = await verifyPdfSignatures(pdf.subarray(0, n), { pki: p.pki });
        expect(r.valid).toBe(false);
      }),
      { numRuns: 200 },
    );
    // A flipped byte inside the signed ranges always breaks the document's validity.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: pdf.length - 1 }).filter((i) => i < b || i >= c),
        fc.integer({ min: 1, max: 255 }),
        async (i, x) => {
          const bad = Buffer.from(pdf);
          bad[i] = bad[i]! ^ x;
          const r = await verifyPdfSignatures(bad, { pki: p.pki });
          // Whitespace-for-whitespace swaps are harmless only where the PDF does not hash them: never here.
          expect(r.valid).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a flood of /ByteRange keys or a huge unterminated string costs bounded time', async () => {
    const flood = Buffer.from(`%PDF-1.7\n${'<< /ByteRange [0 1 2 3] /Contents <00> '.repeat(5000)}`);
    let t = performance.now();
    expect(await verifyPdfSignatures(flood)).toMatchObject({ valid: false, reason: 'malformed' });
    expect(performance.now() - t).toBeLessThan(1000);
    const nested = Buffer.from(`%PDF-1.7\n${'<< /A '.repeat(200_000)}/ByteRange [0 1 2 3] >>`);
    t = performance.now();
    expect((await verifyPdfSignatures(nested)).valid).toBe(false);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('reads PDF dates with and without time zones', () => {
    expect(parsePdfDate("D:20260504100700+07'00'")).toEqual(new Date('2026-05-04T03:07:00Z'));
    expect(parsePdfDate('D:20260504030700Z')).toEqual(new Date('2026-05-04T03:07:00Z'));
    expect(parsePdfDate('D:2026')).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(parsePdfDate('hôm qua')).toBeNull();
    for (const code of Object.keys(PDF_SIGNATURE_REASONS))
      expect(PDF_SIGNATURE_REASONS[code as keyof typeof PDF_SIGNATURE_REASONS].en).toBeTruthy();
  });
});

describe('verifyPdfSignatures speed', () => {
  it('1 MB and 10 MB signed PDFs verify in a hash pass plus a few ms', async () => {
    for (const size of [1, 10]) {
      const pdf = await sign(await plainPdf(1, size * 1024 * 1024), seal);
      await verifyPdfSignatures(pdf, { pki: p.pki }); // warm the path cache as a server would be
      const t = performance.now();
      const r = await verifyPdfSignatures(pdf, { pki: p.pki });
      const ms = performance.now() - t;
      expect(r.valid).toBe(true);
      console.log(`verifyPdfSignatures ${size} MB (${pdf.length} bytes): ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(size * 150);
    }
  }, 60_000);
});
