// node bin/run-ts.mjs bench/xmldsig.ts
//
// Enveloped XML signatures (Reference URI="", exc-c14n, SHA-256, RSA-2048 RSA-SHA256, the Signature as the last
// child of edXML:edXMLHeader — the edXML profile) on a 100 KB and a 5 MB envelope that is mostly a base64
// attachment: our streaming signEnveloped / verifyEnveloped (src/platform/crypto/xmldsig.ts) beside xmlsec1
// (libxml2 + OpenSSL, native) verifying the same files. xmlsec1's per-file time is taken from `--repeat N`
// minus a `--repeat 1` run (so process start-up and key loading are not counted against it); ours is the mean
// of N back-to-back calls in this process. Both are measured in alternating rounds and the best round of each
// is kept, so a busy machine (other processes on the 2 cores) disturbs both alike. The aim: ours ≤ 2×
// xmlsec1's per-file verify time.
//
// Environment: XMLDSIG_ROUNDS  alternating measurement rounds (default 3).
// Results: bench/results/xmldsig.json. Reports, does not assert timing: the exit code is non-zero only when a
// signature fails to verify (ours or xmlsec1's).
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { signEnveloped, verifyEnveloped } from '../src/platform/crypto/xmldsig.js';
import { benchSigner, xmlsecPerFile } from './support/xml-signer.js';
import type { StartElement } from '../src/platform/xml/events.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const ROUNDS = Number(process.env['XMLDSIG_ROUNDS'] ?? 3);
const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
const AIM = 2;

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** A synthetic edXML envelope: a small header and an attachment of base64 in 76-column lines. */
function envelope(totalBytes: number): Buffer {
  const b64 = crypto
    .randomBytes(Math.ceil((totalBytes * 3) / 4))
    .toString('base64')
    .slice(0, totalBytes - 1200)
    .replace(/.{76}/g, '$&\n');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<edXML xmlns="${EDXML_NS}">\n` +
      `  <edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}">\n    <edXML:edXMLHeader>\n` +
      `      <edXML:MessageHeader><edXML:From><edXML:OrganId>000.00.00.G22</edXML:OrganId>` +
      `<edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:From>` +
      `<edXML:Subject>V/v kết nối, liên thông phần mềm quản lý văn bản</edXML:Subject></edXML:MessageHeader>\n` +
      `      <edXML:TraceHeaderList/>\n    </edXML:edXMLHeader>\n` +
      `    <edXML:edXMLBody><edXML:edXMLManifest version="1.0"/></edXML:edXMLBody>\n  </edXML:edXMLEnvelope>\n` +
      `  <AttachmentEncoded><Attachment><ContentId>cid:1</ContentId>` +
      `<edXML:ContentTransferEncoded xmlns:edXML="${EDXML_NS}">${b64}</edXML:ContentTransferEncoded>` +
      `</Attachment></AttachmentEncoded>\n</edXML>\n`,
  );
}

/** Mean ms per call over `n` back-to-back calls (after one warm-up call), as `--repeat n` measures xmlsec1. */
async function batch(f: () => Promise<unknown>, n: number): Promise<number> {
  await f();
  const t = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - t) / n;
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-bench-xmldsig-'));
  try {
    const { signer, caFile: ca } = benchSigner(dir);
    const parent = (e: StartElement) => e.uri === EDXML_NS && e.local === 'edXMLHeader';

    const cases = [
      { name: '100KB', bytes: 100 * 1024, repeat: 200 },
      { name: '5MB', bytes: 5 * 1024 * 1024, repeat: 15 },
    ];
    const results = [];
    let failures = 0;
    for (const c of cases) {
      const doc = envelope(c.bytes);
      const signed = await signEnveloped(doc, signer, { parent });
      const file = path.join(dir, `${c.name}.xml`);
      fs.writeFileSync(file, signed);
      const check = await verifyEnveloped(signed);
      if (!check.valid) {
        console.error(`${c.name}: our verify refused our signature: ${check.reason} ${check.detail ?? ''}`);
        failures++;
      }
      const signs: number[] = [];
      const verifies: number[] = [];
      const xmlsecs: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        signs.push(await batch(() => signEnveloped(doc, signer, { parent }), c.repeat));
        verifies.push(await batch(() => verifyEnveloped(signed), c.repeat));
        xmlsecs.push(xmlsecPerFile(file, ca, c.repeat));
      }
      const sign = { ms: Math.min(...signs) };
      const verify = { ms: Math.min(...verifies) };
      const xmlsec = Math.min(...xmlsecs);
      const ratio = verify.ms / xmlsec;
      const row = {
        document: c.name,
        bytes: signed.length,
        oursSignMs: round(sign.ms),
        oursVerifyMs: round(verify.ms),
        oursVerifyMBps: round(signed.length / 1e6 / (verify.ms / 1000), 1),
        xmlsec1VerifyMs: round(xmlsec),
        ratio: round(ratio),
        withinAim: ratio <= AIM,
        repeat: c.repeat,
        rounds: ROUNDS,
      };
      results.push(row);
      console.log(
        `${c.name.padEnd(6)} sign ${row.oursSignMs} ms · verify ${row.oursVerifyMs} ms (${row.oursVerifyMBps} MB/s)` +
          ` · xmlsec1 verify ${row.xmlsec1VerifyMs} ms · ours/xmlsec1 ${row.ratio}×${row.withinAim ? '' : '  (over the 2× aim)'}`,
      );
    }
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(RESULTS_DIR, 'xmldsig.json'),
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          cpus: os.cpus().length,
          cpu: os.cpus()[0]?.model ?? '?',
          xmlsec1: execFileSync('xmlsec1', ['--version'], { encoding: 'utf8' }).trim(),
          profile: 'enveloped URI="", exc-c14n, SHA-256, RSA-2048 RSA-SHA256',
          aim: `ours ≤ ${AIM}× xmlsec1 per-file verify time`,
          results,
        },
        null,
        2,
      )}\n`,
    );
    return failures > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
