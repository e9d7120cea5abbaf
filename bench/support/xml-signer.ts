/**
 * What the XML-signature benchmarks share: an RSA-2048 signer with a CA made by openssl in a temporary folder
 * (so xmlsec1 can check the signatures against that CA), and xmlsec1's per-file verify time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Signer } from '../../src/platform/crypto/signer.js';

/** A CA and a signer certificate under it, in `dir` (ca.pem, leaf.key, leaf.pem). */
export function benchSigner(dir: string): { signer: Signer; caFile: string } {
  const sh = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  sh([
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
    '/CN=bench CA',
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign',
  ]);
  sh([
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    '/CN=bench signer',
  ]);
  sh([
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    'leaf.pem',
  ]);
  const key = crypto.createPrivateKey(fs.readFileSync(path.join(dir, 'leaf.key')));
  const signer: Signer = {
    certificate: Buffer.from(new crypto.X509Certificate(fs.readFileSync(path.join(dir, 'leaf.pem'))).raw),
    chain: [],
    keyAlgorithm: 'RSA',
    description: 'bench key file',
    sign: async (data) => crypto.sign('sha256', data, key),
  };
  return { signer, caFile: path.join(dir, 'ca.pem') };
}

/** xmlsec1's per-file verify time: (T(--repeat n) − T(--repeat 1)) / (n − 1). */
export function xmlsecPerFile(file: string, ca: string, n: number): number {
  const run = (repeat: number) => {
    const t = performance.now();
    const r = spawnSync(
      'xmlsec1',
      ['--verify', '--repeat', String(repeat), '--enabled-key-data', 'x509', '--trusted-pem', ca, file],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`xmlsec1 --verify failed: ${r.stderr}`);
    return performance.now() - t;
  };
  run(1);
  const one = Math.min(run(1), run(1));
  const many = run(n);
  return (many - one) / (n - 1);
}
