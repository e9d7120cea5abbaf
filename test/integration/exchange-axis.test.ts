/**
 * Acceptance of the document exchange axis, as it runs: a hub and two agency nodes, three `cpdt` processes on
 * loopback ports, each with its own database. Node A (the Government Office) sends a signed document to node B
 * (the Ministry of Finance); B's clerk registers, assigns, processes and completes it, and A sees the statuses
 * 01, 03, 04, 05, 06 in that order. Then B is killed (kill -9) while A sends 500 documents; after B restarts
 * all 500 arrive, each exactly once, and A hears "arrived" from B for every one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../support/cookie-jar.js';
import { freePort, freshPostgres, runCpdt, spawnCpdt, type CpdtProcess } from '../support/cpdt-process.js';

const A = '000.00.00.G22';
const B = '000.00.00.G12';
const DOCUMENTS = 500;

interface Node {
  dir: string;
  databaseUrl: string | undefined;
  env: Record<string, string>;
  port: number;
  process: CpdtProcess | null;
}

const dirs: string[] = [];
const drops: (() => Promise<void>)[] = [];
let hub: CpdtProcess;
let nodeA: Node;
let nodeB: Node;

async function database(): Promise<string | undefined> {
  const server = process.env['DATABASE_URL'];
  if (!server) return undefined;
  const db = await freshPostgres(server, 'cpdt_axis');
  drops.push(db.drop);
  return db.url;
}

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cpdt-axis-${name}-`));
  dirs.push(dir);
  return dir;
}

async function start(node: Node): Promise<void> {
  node.process = await spawnCpdt({
    dataDir: node.dir,
    databaseUrl: node.databaseUrl,
    port: node.port,
    env: node.env,
    startupTimeoutMs: 120_000,
  });
}

async function signIn(url: string, username: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2026' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  jar.take(res);
  return jar;
}

async function api<T>(
  url: string,
  jar: CookieJar,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { cookie: jar.header(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function onePagePdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(title, { x: 72, y: 760, size: 14, font });
  return Buffer.from(await doc.save());
}

async function compose(
  url: string,
  jar: CookieJar,
  number: string,
  subject: string,
  pdf: Buffer,
): Promise<string> {
  const form = new FormData();
  form.append(
    'document',
    JSON.stringify({
      fromCode: A,
      codeNumber: number,
      codeNotation: 'VPCP-KSTT',
      typeName: 'Công văn',
      subject,
      signerName: 'Trần Văn Sơn',
      signerPosition: 'Bộ trưởng, Chủ nhiệm',
      promulgationPlace: 'Hà Nội',
      promulgationDate: '2026-11-23',
      priority: 0,
      recipients: [B],
    }),
  );
  form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `${number}.pdf`);
  const res = await fetch(`${url}/api/exchange/documents`, {
    method: 'POST',
    headers: { cookie: jar.header() },
    body: form,
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`compose ${number}: ${res.status} ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Listing {
  items: { id: string; documentId: string; subject: string; state: string }[];
  total: number;
}
interface Detail {
  id: string;
  state: string;
  timeline: { agencyCode: string; statusCode: string }[];
  recipients: { code: string; statusCode: string | null }[];
}

beforeAll(async () => {
  const hubDir = tempDir('hub');
  const hubDb = await database();
  const secretA = path.join(hubDir, 'a.secret');
  const secretB = path.join(hubDir, 'b.secret');
  nodeA = {
    dir: tempDir('a'),
    databaseUrl: await database(),
    env: {},
    port: await freePort(),
    process: null,
  };
  nodeB = {
    dir: tempDir('b'),
    databaseUrl: await database(),
    env: {},
    port: await freePort(),
    process: null,
  };
  const hubEnv = { CPDT_DATA_DIR: hubDir, ...(hubDb ? { DATABASE_URL: hubDb } : {}) };
  for (const [id, code, secret, port] of [
    ['vpcp.qlvb', A, secretA, nodeA.port],
    ['btc.qlvb', B, secretB, nodeB.port],
  ] as const) {
    const added = await runCpdt(
      [
        'exchange',
        'system',
        'add',
        id,
        '--name',
        id,
        '--agency',
        code,
        '--secret-file',
        secret,
        '--push-url',
        `http://127.0.0.1:${port}/api/exchange/node/push`,
      ],
      hubEnv,
    );
    expect(added.code, added.stderr + added.stdout).toBe(0);
  }
  hub = await spawnCpdt({
    dataDir: hubDir,
    databaseUrl: hubDb,
    command: 'serve',
    env: { EXCHANGE_HUB: 'on' },
  });
  const nodeEnv = (id: string, code: string, secretFile: string) => ({
    EXCHANGE_HUB: 'off',
    EXCHANGE_HUB_URL: hub.url,
    EXCHANGE_SYSTEM_ID: id,
    EXCHANGE_SYSTEM_SECRET_FILE: secretFile,
    EXCHANGE_AGENCIES: code,
    EXCHANGE_SYNC_MS: '1000',
    SIGN_IN_RATE_LIMIT_MAX: '1000',
    RATE_LIMIT_MAX: '100000',
  });
  nodeA.env = nodeEnv('vpcp.qlvb', A, secretA);
  nodeB.env = nodeEnv('btc.qlvb', B, secretB);
  await Promise.all([start(nodeA), start(nodeB)]);
}, 300_000);

afterAll(async () => {
  await Promise.all([hub?.stop(), nodeA?.process?.stop(), nodeB?.process?.stop()]);
  for (const drop of drops) await drop().catch(() => {});
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the exchange axis: a hub and two agency nodes in separate processes', () => {
  it("B's processing statuses reach A in order", async () => {
    const clerkA = await signIn(nodeA.process!.url, 'vanthu.vpcp');
    const clerkB = await signIn(nodeB.process!.url, 'vanthu.btc');
    const sent = await compose(
      nodeA.process!.url,
      clerkA,
      '4321',
      'Về việc rà soát thủ tục hành chính năm 2026',
      await onePagePdf('Cong van 4321/VPCP-KSTT'),
    );
    const arrived = await until('the document at B', async () => {
      const list = await api<Listing>(
        nodeB.process!.url,
        clerkB,
        'GET',
        '/api/exchange/documents?direction=inbound&q=ra soat thu tuc',
      );
      return list.items[0];
    });
    expect(arrived.state).toBe('arrived');
    const b = nodeB.process!.url;
    await api(b, clerkB, 'POST', `/api/exchange/documents/${arrived.id}/register`, {});
    await api(b, clerkB, 'POST', `/api/exchange/documents/${arrived.id}/assign`, {
      department: 'Cục Kiểm soát thủ tục hành chính',
    });
    await api(b, clerkB, 'POST', `/api/exchange/documents/${arrived.id}/process`, {});
    await api(b, clerkB, 'POST', `/api/exchange/documents/${arrived.id}/complete`, {
      note: 'Đã rà soát xong',
    });

    const detail = await until('status 06 at A', async () => {
      const d = await api<Detail>(nodeA.process!.url, clerkA, 'GET', `/api/exchange/documents/${sent}`);
      return d.timeline.some((t) => t.agencyCode === B && t.statusCode === '06') ? d : null;
    });
    expect(detail.timeline.filter((t) => t.agencyCode === B).map((t) => t.statusCode)).toEqual([
      '01',
      '03',
      '04',
      '05',
      '06',
    ]);
    expect(detail.recipients).toEqual([expect.objectContaining({ code: B, statusCode: '06' })]);
    expect(detail.state).toBe('sent');
  });

  it('while B is down A sends 500 documents; after B restarts each arrives exactly once', async () => {
    const a = nodeA.process!.url;
    const clerkA = await signIn(a, 'vanthu.vpcp');
    await nodeB.process!.kill9();
    nodeB.process = null;

    const pdf = await onePagePdf('Lo 500 van ban');
    const began = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < DOCUMENTS; i += 5)
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 5 }, (_, k) =>
            compose(a, clerkA, String(10_000 + i + k), `Lô kiểm thử trục số ${i + k + 1}`, pdf),
          ),
        )),
      );
    expect(new Set(ids).size).toBe(DOCUMENTS);
    const composed = Date.now();

    await start(nodeB);
    const b = nodeB.process!.url;
    const clerkB = await signIn(b, 'vanthu.btc');
    const inbound = async () =>
      api<Listing>(b, clerkB, 'GET', '/api/exchange/documents?direction=inbound&q=lo kiem thu truc&limit=1');
    await until('500 documents at B', async () => (await inbound()).total >= DOCUMENTS, 300_000);
    const arrivedAt = Date.now();
    // Give a duplicate every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await inbound()).total).toBe(DOCUMENTS);
    console.log(`500 documents: composed in ${composed - began} ms, at B ${arrivedAt - composed} ms after`);

    // Every one of the 500 heard "arrived" (01) from B.
    const heardArrived = async () => {
      let n = 0;
      for (let offset = 0; offset < DOCUMENTS; offset += 100) {
        const page = await api<{ items: { recipients: { statusCode: string | null }[] }[] }>(
          a,
          clerkA,
          'GET',
          `/api/exchange/documents?direction=outbound&q=lo kiem thu truc&limit=100&offset=${offset}`,
        );
        n += page.items.filter((d) => d.recipients[0]?.statusCode === '01').length;
      }
      return n === DOCUMENTS;
    };
    await until('status 01 for all 500 at A', heardArrived);
  }, 600_000);
});
