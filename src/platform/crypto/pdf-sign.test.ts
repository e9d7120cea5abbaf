import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPkiHierarchy } from '../../../test/support/test-pki.js';
import { workerSoftHsm } from '../../../test/support/softhsm.js';
import { loadConfig } from '../config/index.js';
import { demoCaDir, demoCaPassphrase, initDemoCa } from './demo-ca.js';
import { PdfSignError, signPdf, stampLines } from './pdf-sign.js';
import { createPki } from './pki.js';
import { initSeal, openSeal, type Seal } from './seal.js';
import { SecretBox } from './secret-box.js';

const AT = new Date('2026-05-04T03:07:00Z'); // 10:07 in Hà Nội
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-pdf-sign-'));
let seal: Seal;
let caFile: string;

async function report(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++)
    doc.addPage([595, 842]).drawText(`Ballot result, page ${i}`, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

function pdfsig(file: string): string {
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return run.stdout + run.stderr;
}

/** The /ByteRange and /Contents of the (only) signature, read back from the file. */
function signatureOf(pdf: Buffer): { ranges: number[]; cms: Buffer } {
  const text = pdf.toString('latin1');
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text)!;
  const ranges = m.slice(1).map(Number);
  const hex = pdf.subarray(ranges[1]! + 1, ranges[2]! - 1).toString('latin1');
  const cms = Buffer.from(hex, 'hex');
  // Strip the zero padding: the DER length says where the CMS ends.
  const len = cms[1]! & 0x80 ? cms.readUIntBE(2, cms[1]! & 0x7f) + 2 + (cms[1]! & 0x7f) : cms[1]! + 2;
  return { ranges, cms: cms.subarray(0, len) };
}

beforeAll(async () => {
  const token = workerSoftHsm();
  const secrets = new SecretBox(crypto.randomBytes(32));
  const config = loadConfig({
    CPDT_DATA_DIR: path.join(dir, 'data'),
    LOG_LEVEL: 'silent',
    ...token.env,
    SEAL_KEY_LABEL: `pdf-${crypto.randomBytes(4).toString('hex')}`,
  });
  await initDemoCa(demoCaDir(config.dataDir), {
    passphrase: demoCaPassphrase(undefined, secrets).passphrase,
    now: AT,
  });
  await initSeal(config, secrets, { now: new Date(AT.getTime() - 86_400_000) });
  seal = await openSeal(config, secrets);
  caFile = path.join(demoCaDir(config.dataDir), 'ca.crt.pem');
});
afterAll(async () => {
  await seal.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signPdf (PAdES, sealed on the PKCS#11 token)', () => {
  it('pdfsig reports a valid ETSI.CAdES.detached signature by the seal; the stamp is on the last page', async () => {
    const signed = await signPdf(await report(2), seal, {
      reason: 'Niêm phong kết quả lấy ý kiến / Sealed ballot result',
      location: 'Hà Nội',
      signerName: 'Con dấu hệ thống CPĐT',
      at: AT,
      stamp: { lines: ['Số phiếu / Ballot: 12/PLYK-VPCP'] },
    });
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, signed);

    const report1 = pdfsig(file);
    expect(report1).toMatch(/Signature Validation: Signature is Valid\.|Signature is Valid/);
    expect(report1).toContain('CPĐT system seal');
    expect(report1).toContain('ETSI.CAdES.detached');
    expect(report1).toMatch(/Total document signed/);

    // The same signature, checked by OpenSSL over exactly the /ByteRange bytes.
    const { ranges, cms } = signatureOf(signed);
    expect(ranges[0]).toBe(0);
    expect(ranges[2]! + ranges[3]!).toBe(signed.length);
    const content = Buffer.concat([
      signed.subarray(0, ranges[1]),
      signed.subarray(ranges[2], ranges[2]! + ranges[3]!),
    ]);
    fs.writeFileSync(path.join(dir, 'content.bin'), content);
    fs.writeFileSync(path.join(dir, 'sig.p7s'), cms);
    expect(() =>
      execFileSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          path.join(dir, 'sig.p7s'),
          '-content',
          path.join(dir, 'content.bin'),
          '-CAfile',
          caFile,
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    ).not.toThrow();
    // PAdES: no signingTime attribute (the time is /M), but ESS signingCertificateV2.
    const attrs = execFileSync(
      'openssl',
      ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path.join(dir, 'sig.p7s')],
      {
        encoding: 'utf8',
      },
    );
    expect(attrs).toContain('id-smime-aa-signingCertificateV2');
    expect(attrs).not.toContain('signingTime');

    const text = execFileSync('pdftotext', ['-f', '2', '-l', '2', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Ký bởi / Signed by: Con dấu hệ thống CPĐT');
    expect(text).toContain('Thời gian / Time: 04/05/2026 10:07 (giờ Việt Nam)');
    expect(text).toContain('Niêm phong kết quả lấy ý kiến');
    expect(text).toContain('12/PLYK-VPCP');
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' })).not.toContain(
      'Ký bởi',
    );
  });

  it('a byte changed inside the signed range makes pdfsig report it invalid', async () => {
    const signed = await signPdf(await report(1), seal, {
      reason: 'Kiểm tra',
      signerName: 'Con dấu',
      at: AT,
    });
    const { ranges } = signatureOf(signed);
    const tampered = Buffer.from(signed);
    // The claimed signing time, /M (D:2026…): one digit of the year changed.
    const at = tampered.indexOf('/M (D:2026') + '/M (D:20'.length;
    expect(at).toBeGreaterThan(ranges[2]!); // signed: after /Contents, inside the second range
    expect(String.fromCharCode(tampered[at]!)).toBe('2');
    tampered[at] = '3'.charCodeAt(0);
    const file = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(file, tampered);
    const out = pdfsig(file);
    expect(out).not.toMatch(/Signature Validation: Signature is Valid/);
    expect(out).toMatch(/Digest Mismatch|Signature is Invalid|Invalid/i);
  });

  it('stamps the page asked for; refuses a page that does not exist or bytes that are not a PDF', async () => {
    const signed = await signPdf(await report(3), seal, {
      reason: 'Trang đầu',
      signerName: 'Con dấu',
      at: AT,
      stamp: { page: 1, lines: [] },
    });
    const file = path.join(dir, 'first.pdf');
    fs.writeFileSync(file, signed);
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' })).toContain(
      'Ký bởi / Signed by: Con dấu',
    );
    expect(pdfsig(file)).toMatch(/Signature is Valid/);
    await expect(
      signPdf(await report(1), seal, { reason: 'x', signerName: 'y', at: AT, stamp: { page: 4, lines: [] } }),
    ).rejects.toBeInstanceOf(PdfSignError);
    await expect(
      signPdf(Buffer.from('không phải PDF'), seal, { reason: 'x', signerName: 'y', at: AT }),
    ).rejects.toBeInstanceOf(PdfSignError);
    expect(stampLines({ signerName: 'A', at: AT, reason: 'B' })).toEqual([
      'Ký bởi / Signed by: A',
      'Thời gian / Time: 04/05/2026 10:07 (giờ Việt Nam)',
      'B',
    ]);
  });
});

describe('signPdf with a timestamp (PAdES B-T)', () => {
  it('carries an RFC 3161 token from a real TSA (openssl ts -reply) and stays valid for pdfsig', async () => {
    const h = await testPkiHierarchy();
    let n = 0;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        n++;
        fs.writeFileSync(path.join(h.dir, `pdf${n}.tsq`), Buffer.concat(chunks));
        execFileSync(
          'openssl',
          ['ts', '-reply', '-config', 'openssl.cnf', '-queryfile', `pdf${n}.tsq`, '-out', `pdf${n}.tsr`],
          {
            cwd: h.dir,
            stdio: 'pipe',
          },
        );
        res
          .writeHead(200, { 'content-type': 'application/timestamp-reply' })
          .end(fs.readFileSync(path.join(h.dir, `pdf${n}.tsr`)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/tsa`;
    const pki = createPki(
      loadConfig({ CPDT_DATA_DIR: path.join(dir, 'tsa-data'), PKI_TSA_URL: url }),
      new SecretBox(crypto.randomBytes(32)),
    );
    try {
      const signed = await signPdf(await report(1), seal, {
        reason: 'Có dấu thời gian / Timestamped',
        signerName: 'Con dấu',
        at: AT,
        timestamp: (signature) => pki.timestamp(signature),
      });
      expect(n).toBe(1);
      const file = path.join(dir, 'timestamped.pdf');
      fs.writeFileSync(file, signed);
      expect(pdfsig(file)).toMatch(/Signature is Valid/);
      fs.writeFileSync(path.join(dir, 'ts.p7s'), signatureOf(signed).cms);
      const printed = execFileSync(
        'openssl',
        ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path.join(dir, 'ts.p7s')],
        {
          encoding: 'utf8',
        },
      );
      expect(printed).toMatch(/id-smime-aa-timeStampToken|signatureTimeStampToken/);
    } finally {
      await pki.close();
      await new Promise((r) => server.close(r));
      await h.close();
    }
  }, 60_000);
});
