import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A test PKI made with real openssl: a root CA, an issuing ("sub") CA run by `openssl ca` (index.txt, CRLs by
 * `openssl ca -gencrl`), a delegated OCSP responder certificate, leaf certificates with CRL Distribution
 * Points and AIA OCSP URLs pointing at loopback servers the test runs: a node http server for CRLs and
 * `openssl ocsp` as the responder.
 */
export interface TestPkiHierarchy {
  dir: string;
  rootPem: string;
  rootDer: Buffer;
  subDer: Buffer;
  crlPort: number;
  ocspPort: number;
  deadPort: number;
  /** Requests the CRL server answered. */
  crlRequests: () => number;
  run(...args: string[]): string;
  /** Issues a leaf with the named extension section of the openssl config; returns its DER. */
  leaf(name: string, extensions: LeafProfile, options?: { startdate?: string; enddate?: string }): Buffer;
  revoke(name: string): void;
  /** Regenerates the sub CA's CRL (served at /sub.crl). */
  gencrl(): void;
  /** Starts `openssl ocsp`; `signer` names the cert/key pair it signs with (default the delegated responder 'ocsp'). */
  startOcsp(signer?: string): Promise<void>;
  stopOcsp(): Promise<void>;
  close(): Promise<void>;
}

export type LeafProfile =
  'leaf_both' | 'leaf_crl' | 'leaf_ocsp' | 'leaf_dead_ocsp' | 'leaf_dead_crl' | 'leaf_plain' | 'leaf_enc';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function config(dir: string, crlPort: number, ocspPort: number, deadPort: number): string {
  const crl = `crlDistributionPoints = URI:http://127.0.0.1:${crlPort}/sub.crl`;
  const ocsp = `authorityInfoAccess = OCSP;URI:http://127.0.0.1:${ocspPort}/`;
  const signing = 'keyUsage = critical, digitalSignature, nonRepudiation';
  const leaf =
    'basicConstraints = critical, CA:FALSE\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid';
  return `
[ ca ]
default_ca = sub
[ sub ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
certificate = $dir/sub.crt
private_key = $dir/sub.key
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ocsp_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = OCSPSigning
[ tsa_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
[ leaf_both ]
${leaf}
${signing}
${crl}
${ocsp}
[ leaf_crl ]
${leaf}
${signing}
${crl}
[ leaf_ocsp ]
${leaf}
${signing}
${ocsp}
[ leaf_dead_ocsp ]
${leaf}
${signing}
authorityInfoAccess = OCSP;URI:http://127.0.0.1:${deadPort}/
[ leaf_dead_crl ]
${leaf}
${signing}
crlDistributionPoints = URI:http://127.0.0.1:${deadPort}/sub.crl
[ leaf_plain ]
${leaf}
${signing}
[ leaf_enc ]
${leaf}
keyUsage = critical, keyEncipherment
${crl}
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = $dir/tsaserial
signer_cert = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
certs = $dir/sub.crt
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

export async function testPkiHierarchy(): Promise<TestPkiHierarchy> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-test-pki-'));
  const f = (name: string) => path.join(dir, name);
  const run = (...args: string[]): string =>
    execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const file = f(path.basename(req.url ?? '/'));
    if (!req.url?.endsWith('.crl') || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const crlPort = (server.address() as net.AddressInfo).port;
  const ocspPort = await freePort();
  const deadPort = await freePort();

  fs.writeFileSync(f('openssl.cnf'), config(dir, crlPort, ocspPort, deadPort));
  fs.mkdirSync(f('newcerts'));
  fs.writeFileSync(f('index.txt'), '');
  fs.writeFileSync(f('serial'), crypto.randomBytes(8).toString('hex').replace(/^./, '1') + '\n');
  fs.writeFileSync(f('crlnumber'), '01\n');
  fs.writeFileSync(f('tsaserial'), '01\n');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run(
    'req',
    '-config',
    'openssl.cnf',
    '-x509',
    ...ec,
    '-keyout',
    'root.key',
    '-out',
    'root.crt',
    '-subj',
    '/CN=Test Root CA',
    '-days',
    '365',
    '-extensions',
    'v3_ca',
  );
  run(
    'req',
    '-config',
    'openssl.cnf',
    '-new',
    ...ec,
    '-keyout',
    'sub.key',
    '-out',
    'sub.csr',
    '-subj',
    '/CN=Test Issuing CA',
  );
  run(
    'x509',
    '-req',
    '-in',
    'sub.csr',
    '-CA',
    'root.crt',
    '-CAkey',
    'root.key',
    '-set_serial',
    '2',
    '-out',
    'sub.crt',
    '-days',
    '365',
    '-extfile',
    'openssl.cnf',
    '-extensions',
    'v3_ca',
  );
  for (const [name, ext] of [
    ['ocsp', 'ocsp_ext'],
    ['tsa', 'tsa_ext'],
  ] as const) {
    run(
      'req',
      '-config',
      'openssl.cnf',
      '-new',
      ...ec,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      `/CN=Test ${name}`,
    );
    run(
      'ca',
      '-batch',
      '-config',
      'openssl.cnf',
      '-in',
      `${name}.csr`,
      '-out',
      `${name}.crt`,
      '-extensions',
      ext,
      '-notext',
    );
  }
  const der = (pemFile: string): Buffer => {
    const pem = fs.readFileSync(f(pemFile), 'utf8');
    return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  };

  let ocsp: ChildProcess | null = null;
  const h: TestPkiHierarchy = {
    dir,
    rootPem: fs.readFileSync(f('root.crt'), 'utf8'),
    rootDer: der('root.crt'),
    subDer: der('sub.crt'),
    crlPort,
    ocspPort,
    deadPort,
    crlRequests: () => requests,
    run,
    leaf(name, extensions, options = {}) {
      run(
        'req',
        '-config',
        'openssl.cnf',
        '-new',
        ...ec,
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${name}`,
      );
      run(
        'ca',
        '-batch',
        '-config',
        'openssl.cnf',
        '-in',
        `${name}.csr`,
        '-out',
        `${name}.crt`,
        '-extensions',
        extensions,
        '-notext',
        ...(options.startdate ? ['-startdate', options.startdate] : []),
        ...(options.enddate ? ['-enddate', options.enddate] : []),
      );
      return der(`${name}.crt`);
    },
    revoke(name) {
      run('ca', '-config', 'openssl.cnf', '-revoke', `${name}.crt`);
    },
    gencrl() {
      run('ca', '-config', 'openssl.cnf', '-gencrl', '-out', 'sub.crl.pem');
      run('crl', '-in', 'sub.crl.pem', '-outform', 'DER', '-out', 'sub.crl');
    },
    async startOcsp(signer = 'ocsp') {
      const child = spawn(
        'openssl',
        [
          'ocsp',
          '-index',
          'index.txt',
          '-port',
          String(ocspPort),
          '-rsigner',
          `${signer}.crt`,
          '-rkey',
          `${signer}.key`,
          '-CA',
          'sub.crt',
          '-ignore_err',
        ],
        { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      ocsp = child;
      // Wait for it to listen by its own word: a probe connection would block the single-threaded responder.
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${seen}`)), 10_000);
        const onData = (chunk: Buffer): void => {
          seen += chunk.toString();
          if (/ACCEPT|waiting for OCSP client/.test(seen)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout?.on('data', onData);
        child.stderr?.on('data', onData);
        child.once('exit', () => reject(new Error(`openssl ocsp exited: ${seen}`)));
      });
    },
    async stopOcsp() {
      const child = ocsp;
      ocsp = null;
      if (!child?.pid || child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      });
    },
    async close() {
      await h.stopOcsp();
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
