// `npm run bench` (after the XML signatures), or alone: node bin/run-ts.mjs bench/exchange-hub.ts
//
// Envelopes accepted by the hub per second: everything the hub does with a send once the system is
// authenticated — parse and validate the edXML, verify the envelope's XML signature (the signer's path too),
// check the sender is hosted, deduplicate, route, store the envelope (content-addressed file), and record the
// message, its delivery and its trace in one transaction — for a typical signed envelope of about 100 KB (a
// zipped PDF attachment), several in flight at once as several systems send. Beside it, in the same run,
// xmlsec1's per-file verify time on the same envelope. The issue's aim: at least 300 envelopes/s on 2 cores with
// PostgreSQL.
//
// Environment:
//   HUB_ENVELOPES     envelopes timed per run (default 2000)
//   HUB_CONCURRENCY   sends in flight, one run each (default "8,32": a few systems sending, then many — a
//                     national hub hears from dozens of ministries and provinces at once)
//   DATABASE_URL      run on this PostgreSQL server (a fresh database, dropped afterwards); else PGlite
// Results: bench/results/exchange-hub-<pglite|postgres>.json. Reports, does not assert timing: the exit code is
// non-zero only when an envelope was refused or the stored deliveries do not add up.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { count, ne } from 'drizzle-orm';
import { testPlatform } from '../test/support/platform.js';
import {
  buildEdxmlToBuffer,
  fileAttachment,
  formatEdxmlDate,
  type Edoc,
} from '../src/modules/exchange/edxml/index.js';
import { signEnvelope } from '../src/modules/exchange/envelope.js';
import { acceptEnvelope } from '../src/modules/exchange/hub.service.js';
import { createSystem, directory } from '../src/modules/exchange/hub.systems.js';
import { exchangeHubDeliveries, exchangeHubMessages } from '../src/modules/exchange/schema.js';
import { benchSigner, xmlsecPerFile } from './support/xml-signer.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const ENVELOPES = Number(process.env['HUB_ENVELOPES'] ?? 2000);
const CONCURRENCY = (process.env['HUB_CONCURRENCY'] ?? '8,32').split(',').map(Number);
const AIM = 300;
const A = '000.00.00.G22';
const B = '000.00.00.G12';

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** A letter from A to B with a 75 KB attachment (random bytes: the ZIP does not shrink it), ~100 KB in all. */
async function typicalEnvelope(n: number, date: string): Promise<Buffer> {
  const file = fileAttachment({ name: 'cong-van.pdf' }, crypto.randomBytes(75 * 1024));
  const edoc: Edoc = {
    from: { organId: A, organName: 'Văn phòng Chính phủ' },
    to: [{ organId: B, organName: 'Bộ Tài chính' }],
    documentId: `${A},${date},${n}/VPCP-KSTT`,
    code: { number: String(n), notation: 'VPCP-KSTT' },
    promulgation: { place: 'Hà Nội', date },
    documentType: { type: '1', typeDetail: '0', typeName: 'Công văn' },
    subject: `V/v rà soát, đơn giản hóa thủ tục hành chính (số ${n})`,
    signer: { competence: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM', position: 'Phó Chủ nhiệm', fullName: 'Nguyễn Văn A' },
    toPlaces: ['Như trên', 'Lưu: VT, KSTT'],
    responseFor: [],
    traces: [{ organId: A, timestamp: `${date} 08:00:00` }],
    manifest: { version: '1.0', references: [file.reference] },
    attachments: [],
  };
  return buildEdxmlToBuffer({ kind: 'edoc', edoc }, [file.content]);
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-bench-hub-'));
  // The signer's CA is in the hub's trust store, as the national CA would be: the signature checks out whole.
  const { signer, caFile } = benchSigner(dir);
  const trustDir = path.join(dir, 'trust');
  fs.mkdirSync(trustDir);
  fs.copyFileSync(caFile, path.join(trustDir, 'bench-ca.pem'));
  const p = await testPlatform({ LOG_LEVEL: 'silent', PKI_TRUST_DIR: trustDir });
  try {
    const date = formatEdxmlDate(new Date());
    await p.db.transaction(async (tx) => {
      await createSystem(tx, p, { id: 'sys-a', name: 'A', agencyCodes: [A], sendsPerMinute: 1_000_000 });
      await createSystem(tx, p, { id: 'sys-b', name: 'B', agencyCodes: [B] });
    });
    const system = (await directory(p)).systems.get('sys-a')!;

    // The envelopes are the senders' work: built and signed before the clock starts.
    const total = ENVELOPES * CONCURRENCY.length + 50;
    const envelopes: Buffer[] = [];
    for (let i = 0; i < total; i++)
      envelopes.push(await signEnvelope(await typicalEnvelope(i + 1, date), signer));
    const sample = path.join(dir, 'typical.edxml');
    fs.writeFileSync(sample, envelopes[0]!);
    const bytes = envelopes[0]!.length;

    let refused = 0;
    const send = async (from: number, to: number, inFlight: number) => {
      let next = from;
      const worker = async () => {
        while (next < to) {
          const envelope = envelopes[next++]!;
          try {
            const r = await acceptEnvelope(p, system, envelope);
            if (r.duplicate) refused++;
          } catch (e) {
            refused++;
            if (refused <= 3) console.error('refused:', (e as Error).message);
          }
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
    };
    await send(0, 50, CONCURRENCY[0]!); // warm-up, not counted
    const runs = [];
    let start = 50;
    for (const inFlight of CONCURRENCY) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      await send(start, start + ENVELOPES, inFlight);
      start += ENVELOPES;
      const seconds = (performance.now() - t) / 1000;
      const used = process.cpuUsage(cpu);
      const perSecond = ENVELOPES / seconds;
      runs.push({
        concurrency: inFlight,
        envelopesPerSecond: round(perSecond),
        msPerEnvelope: round((seconds * 1000) / ENVELOPES, 2),
        cpuMsPerEnvelope: round((used.user + used.system) / 1000 / ENVELOPES, 2),
        meetsAim: perSecond >= AIM,
      });
    }
    const [stored] = await p.db.select({ n: count() }).from(exchangeHubDeliveries);
    const [notValid] = await p.db
      .select({ n: count() })
      .from(exchangeHubMessages)
      .where(ne(exchangeHubMessages.signature, 'valid'));
    const xmlsecMs = Math.min(xmlsecPerFile(sample, caFile, 100), xmlsecPerFile(sample, caFile, 100));

    const database = process.env['DATABASE_URL'] ? 'postgres' : 'pglite';
    const result = {
      benchmark: 'envelopes accepted by the hub (parse + verify + persist + route)',
      database,
      envelopeBytes: bytes,
      envelopesPerRun: ENVELOPES,
      runs,
      xmlsec1VerifyMsSameFile: round(xmlsecMs, 2),
      xmlsec1VerifiesPerSecond: round(1000 / xmlsecMs),
      aim: AIM,
      refused,
      cpus: os.cpus().length,
      node: process.version,
      at: new Date().toISOString(),
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(RESULTS_DIR, `exchange-hub-${database}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    for (const r of runs)
      console.log(
        `hub (${database}, ${r.concurrency} in flight): ${r.envelopesPerSecond} envelopes/s of ${bytes} B ` +
          `(aim ${AIM}), ${r.cpuMsPerEnvelope} ms CPU each`,
      );
    console.log(`xmlsec1 verify of the same envelope alone: ${result.xmlsec1VerifyMsSameFile} ms`);
    const expected = total - refused;
    if (refused > 0 || Number(stored!.n) !== expected || Number(notValid!.n) > 0) {
      console.error(
        `refused ${refused}, deliveries stored ${stored!.n}, expected ${expected}, ` +
          `signatures not valid ${notValid!.n}`,
      );
      return 1;
    }
    return 0;
  } finally {
    await p.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
