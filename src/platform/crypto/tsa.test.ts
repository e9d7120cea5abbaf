import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, testPkiHierarchy, type TestPkiHierarchy } from '../../../test/support/test-pki.js';
import { loadConfig } from '../config/index.js';
import { signDetached, verifyDetached } from './cms.js';
import { createPki, type Pki } from './pki.js';
import { SecretBox } from './secret-box.js';
import type { Signer } from './signer.js';
import { readTimestampToken, requestTimestamp, TsaError, type TsaErrorReason } from './tsa.js';

let h: TestPkiHierarchy;
let server: http.Server;
let url: string;
let mode: 'ok' | 'reject' | 'garbage' = 'ok';
let requests = 0;
const opened: Pki[] = [];

function pki(env: Record<string, string> = {}): Pki {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CPDT_DATA_DIR: h.dir,
    PKI_HTTP_TIMEOUT_MS: '5000',
    ...env,
  });
  const p = createPki(config, new SecretBox(crypto.randomBytes(32)));
  opened.push(p);
  return p;
}

function openssl(...args: string[]): { status: number; out: string } {
  try {
    return {
      status: 0,
      out: execFileSync('openssl', args, { cwd: h.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

async function reasonOf(p: Promise<unknown>): Promise<TsaErrorReason | 'none' | 'other'> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof TsaError ? e.reason : 'other';
  }
}

beforeAll(async () => {
  h = await testPkiHierarchy();
  fs.writeFileSync(path.join(h.dir, 'chain.pem'), h.rootPem);
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests++;
      if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
        res.writeHead(415).end();
        return;
      }
      if (mode === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end('not a response');
        return;
      }
      const n = requests;
      fs.writeFileSync(path.join(h.dir, `q${n}.tsq`), Buffer.concat(chunks));
      if (mode === 'reject') {
        // A "rejection" (status 2) as a TSA sends it when it refuses the request.
        const body = Buffer.from('300b300902010230040c024e6f', 'hex');
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(body);
        return;
      }
      const r = openssl(
        'ts',
        '-reply',
        '-config',
        'openssl.cnf',
        '-queryfile',
        `q${n}.tsq`,
        '-out',
        `r${n}.tsr`,
      );
      if (r.status !== 0) {
        res.writeHead(500).end(r.out);
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/timestamp-reply' })
        .end(fs.readFileSync(path.join(h.dir, `r${n}.tsr`)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/tsa`;
}, 60_000);

afterAll(async () => {
  for (const p of opened) await p.close();
  await new Promise((r) => server.close(r));
  await h.close();
});

describe('RFC 3161 time-stamps from a real TSA (openssl ts -reply)', () => {
  it('pki.timestamp returns a token openssl ts -verify accepts, over exactly the data', async () => {
    mode = 'ok';
    const data = Buffer.from('a signature value');
    const token = await pki({ PKI_TSA_URL: url }).timestamp(data);
    expect(token).not.toBeNull();
    fs.writeFileSync(path.join(h.dir, 'token.der'), token!);
    fs.writeFileSync(path.join(h.dir, 'data.bin'), data);
    const v = openssl(
      'ts',
      '-verify',
      '-in',
      'token.der',
      '-token_in',
      '-data',
      'data.bin',
      '-CAfile',
      'chain.pem',
      '-untrusted',
      'sub.crt',
    );
    expect(v.out).toContain('Verification: OK');
    const info = readTimestampToken(token!, crypto.createHash('sha256').update(data).digest());
    expect(Math.abs(info.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    expect(() => readTimestampToken(token!, crypto.createHash('sha256').update('other').digest())).toThrow(
      TsaError,
    );
  });

  it('no TSA configured: null', async () => {
    expect(await pki().timestamp(Buffer.from('x'))).toBeNull();
  });

  it('CAdES-T: signDetached adds the token over the signature value; openssl cms still verifies', async () => {
    mode = 'ok';
    const der = h.leaf('tsa-signer', 'leaf_plain');
    const key = crypto.createPrivateKey(fs.readFileSync(path.join(h.dir, 'tsa-signer.key')));
    const signer: Signer = {
      certificate: der,
      chain: [h.subDer],
      keyAlgorithm: 'EC',
      description: 'test',
      sign: async (data) => crypto.sign('sha256', data, { key, dsaEncoding: 'der' }),
    };
    const p = pki({ PKI_TSA_URL: url });
    const content = Buffer.from('{"type":"cpdt.checkpoint"}');
    const p7s = await signDetached(content, signer, new Date(), { timestamp: (sig) => p.timestamp(sig) });
    fs.writeFileSync(path.join(h.dir, 'c.p7s'), p7s);
    fs.writeFileSync(path.join(h.dir, 'c.json'), content);
    const r = openssl(
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'c.p7s',
      '-content',
      'c.json',
      '-CAfile',
      'chain.pem',
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    );
    expect(r.status, r.out).toBe(0);
    const printed = openssl('cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'c.p7s');
    expect(printed.out).toContain('id-smime-aa-timeStampToken');
    const v = verifyDetached(p7s, content);
    expect(v.timestampToken).not.toBeNull();
    const info = readTimestampToken(
      v.timestampToken!,
      crypto.createHash('sha256').update(v.signatureValue).digest(),
    );
    const tsaPem = fs.readFileSync(path.join(h.dir, 'tsa.crt'), 'utf8');
    const tsaDer = Buffer.from(tsaPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    expect(info.tsaCertificate.equals(tsaDer)).toBe(true);
  });

  it('a refusal, garbage and an unreachable TSA are coded errors', async () => {
    mode = 'reject';
    expect(await reasonOf(requestTimestamp(Buffer.from('x'), { url, timeoutMs: 5000 }))).toBe('rejected');
    mode = 'garbage';
    expect(await reasonOf(requestTimestamp(Buffer.from('x'), { url, timeoutMs: 5000 }))).toBe('malformed');
    const dead = `http://127.0.0.1:${await freePort()}/tsa`;
    expect(await reasonOf(requestTimestamp(Buffer.from('x'), { url: dead, timeoutMs: 2000 }))).toBe(
      'unreachable',
    );
    mode = 'ok';
  });
});
