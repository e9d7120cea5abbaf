import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCpdt, type CpdtRun } from '../../test/support/cpdt-process.js';
import { createSoftHsmToken } from '../../test/support/softhsm.js';
import { DemoCa, demoCaDir, demoCaPassphrase, loadSecretBox, type Signer } from '../platform/crypto/index.js';
import { signPdf } from '../platform/crypto/pdf-sign.js';
import {
  buildEdxmlToBuffer,
  collect,
  parseEdxml,
  zipFile,
  type Edoc,
} from '../modules/exchange/edxml/index.js';
import { exchangeCommand } from './exchange.js';
import { EDXML_SAMPLES } from '../../test/support/shared-data.js';

const SAMPLES = EDXML_SAMPLES;

const cpdt = runCpdt;

/** exchangeCommand in this process, its console output captured. */
async function inProcess(args: string[]): Promise<CpdtRun> {
  let stdout = '';
  let stderr = '';
  const log = vi
    .spyOn(console, 'log')
    .mockImplementation((...a: unknown[]) => void (stdout += `${a.join(' ')}\n`));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((...a: unknown[]) => void (stderr += `${a.join(' ')}\n`));
  try {
    return { code: await exchangeCommand(args), stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function xmlsec1Verify(file: string, ca: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('xmlsec1', ['--verify', '--trusted-pem', ca, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: true, output };
  } catch (e) {
    return { ok: false, output: String((e as { stderr?: string }).stderr ?? e) };
  }
}

describe('cpdt exchange validate', () => {
  it('accepts every sample of the axis with a summary, warnings listed with their codes', async () => {
    // edoc.edxml is an SDK load-test template that is not XML (a doubled <edXML:From>, undeclared prefixes):
    // refused, as expat and JDOM2 refuse it, with the byte where it breaks.
    const broken = await inProcess(['validate', path.join(SAMPLES, 'edoc.edxml')]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/EDXML_NOT_XML .*mismatched end tag/);
    for (const name of fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.edxml') && f !== 'edoc.edxml')) {
      const run = await inProcess(['validate', path.join(SAMPLES, name)]);
      expect(run.code, `${name}: ${run.stdout}`).toBe(0);
      expect(run.stdout).toContain('Hợp lệ / Valid');
    }
    const run = await inProcess(['validate', path.join(SAMPLES, 'edoc_new.edxml')]);
    expect(run.stdout).toContain('DocumentId: 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    // 28.22.H17 is not in the NNN.NN.NN.XNN form: accepted, with a coded warning naming the element.
    expect(run.stdout).toMatch(
      /EDXML_AGENCY_CODE_NOT_STANDARD MessageHeader\/To\[1\]\/OrganId \[28\.22\.H17\]/,
    );
  });

  it('refuses garbage and a wrong namespace with coded errors (exit 1), a missing file with exit 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-edxml-'));
    try {
      const garbage = path.join(dir, 'garbage.edxml');
      fs.writeFileSync(garbage, 'not <xml at all');
      const bad = await inProcess(['validate', garbage]);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/Không hợp lệ \/ Invalid/);
      expect(bad.stdout).toMatch(/EDXML_[A-Z_]+/);

      const wrongNs = path.join(dir, 'wrong-ns.edxml');
      fs.writeFileSync(
        wrongNs,
        fs
          .readFileSync(path.join(SAMPLES, 'edoc_new.edxml'), 'utf8')
          .replaceAll('http://www.mic.gov.vn/TBT/QCVN_102_2016', 'http://www.go.vn/eDoc'),
      );
      expect((await inProcess(['validate', wrongNs])).code).toBe(1);

      const missing = await inProcess(['validate', path.join(dir, 'nothing.edxml')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Cannot read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cpdt exchange sign / verify', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-exchange-cli-'));
  const dataDir = path.join(work, 'data');
  let env: Record<string, string>;
  let caFile: string;
  let envelope: string;

  beforeAll(async () => {
    const token = createSoftHsmToken({ label: 'cpdt-exchange', setEnv: false });
    env = { ...token.env, CPDT_DATA_DIR: dataDir, SEAL_KEY_LABEL: 'don-vi' };
    // The agency's CA (the demo CA here), then its key on the token with a certificate from that CA.
    const ca = await cpdt(['ca', 'init'], env);
    expect(ca.code, ca.stderr).toBe(0);
    const init = await cpdt(['seal', 'init'], env);
    expect(init.code, init.stderr).toBe(0);
    caFile = path.join(demoCaDir(dataDir), 'ca.crt.pem');

    // The document file: a PDF signed by a person of the agency, certificate from the same (demo) CA.
    const secrets = loadSecretBox(undefined, dataDir);
    const demoCa = await DemoCa.load(demoCaDir(dataDir), demoCaPassphrase(undefined, secrets).passphrase);
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issued = await demoCa.issueCertificate({
      publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      subject: { commonName: 'Nguyễn Văn Ký' },
    });
    const person: Signer = {
      certificate: Buffer.from(issued.certificate.der),
      chain: [],
      keyAlgorithm: 'EC',
      sign: (data) => Promise.resolve(crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'der' })),
      description: 'test key',
    };
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    page.drawText('Quyet dinh so 1/QD-TEST', {
      x: 50,
      y: 780,
      font: await doc.embedFont(StandardFonts.Helvetica),
    });
    const pdf = await signPdf(Buffer.from(await doc.save()), person, {
      reason: 'Ban hành văn bản',
      signerName: 'Nguyễn Văn Ký',
      at: new Date(),
    });

    // The envelope: the edoc_new sample's header, with this PDF as its one attachment.
    const sample = await parseEdxml(fs.readFileSync(path.join(SAMPLES, 'edoc_new.edxml')));
    const edoc = (sample.message as { kind: 'edoc'; edoc: Edoc }).edoc;
    const meta = {
      contentId: 'cid:qd-1',
      name: 'qd-1.pdf',
      contentType: 'application/pdf',
      description: 'Quyết định',
    };
    const xml = await buildEdxmlToBuffer(
      {
        kind: 'edoc',
        edoc: {
          ...edoc,
          manifest: {
            version: '1.0',
            references: [
              {
                contentId: meta.contentId,
                contentType: meta.contentType,
                attachmentName: meta.name,
                description: meta.description,
              },
            ],
          },
          attachments: [meta],
        },
      },
      [{ meta, zipped: await collect(zipFile('qd-1.pdf', pdf)) }],
    );
    envelope = path.join(work, 'envelope.edxml');
    fs.writeFileSync(envelope, xml);
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('signs with the agency key in the token; xmlsec1 and verify accept it, the PDF signature too', async () => {
    const signed = path.join(work, 'signed.edxml');
    const sign = await cpdt(['exchange', 'sign', envelope, '--out', signed], env);
    expect(sign.code, sign.stderr).toBe(0);
    expect(sign.stdout).toContain('PKCS#11');
    expect(xmlsec1Verify(signed, caFile).ok).toBe(true);

    const verify = await cpdt(['exchange', 'verify', signed], env);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toContain('Chữ ký gói tin hợp lệ / Envelope signature valid');
    expect(verify.stdout).toContain('qd-1.pdf: chữ ký số hợp lệ / PDF signatures valid (Nguyễn Văn Ký)');
  });

  it('one byte changed in the header or in an attachment fails with a coded error, as in xmlsec1', async () => {
    const signed = path.join(work, 'signed-2.edxml');
    expect((await cpdt(['exchange', 'sign', envelope, '--out', signed], env)).code).toBe(0);
    const bytes = fs.readFileSync(signed);
    const subject = bytes.indexOf(Buffer.from('V/v kết nối'));
    const attachment = bytes.indexOf(Buffer.from('UEsDB')) + 400;
    for (const [where, at] of [
      ['header', subject],
      ['attachment', attachment],
    ] as const) {
      expect(at, where).toBeGreaterThan(0);
      const tampered = Buffer.from(bytes);
      tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
      const file = path.join(work, `tampered-${where}.edxml`);
      fs.writeFileSync(file, tampered);
      const run = await cpdt(['exchange', 'verify', file], env);
      expect(run.code, where).toBe(1);
      expect(run.stdout).toContain('EXCHANGE_SIGNATURE_DIGEST_MISMATCH');
      expect(xmlsec1Verify(file, caFile).ok, where).toBe(false);
    }
  });
});
