import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canSign,
  CertificateParseError,
  isIssuedBy,
  parseCertificate,
  parseCertificates,
  validityAt,
  type CertificateInfo,
} from './x509.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-x509-'));
const file = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) =>
  execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A certificate made by the openssl CLI, so the parser is checked against another implementation. */
function opensslCertificate(
  name: string,
  subject: string,
  extensions: string[],
  signer?: string,
  key = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'],
): string {
  openssl('genpkey', ...key, '-out', file(`${name}.key`));
  if (!signer) {
    openssl(
      'req', '-x509', '-new', '-key', file(`${name}.key`), '-subj', subject, '-utf8', '-days', '30',
      '-out', file(`${name}.crt`), ...extensions.flatMap((e) => ['-addext', e]),
    ); // prettier-ignore
  } else {
    openssl(
      'req',
      '-new',
      '-key',
      file(`${name}.key`),
      '-subj',
      subject,
      '-utf8',
      '-out',
      file(`${name}.csr`),
    );
    fs.writeFileSync(file(`${name}.ext`), extensions.join('\n') + '\n');
    openssl(
      'x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${signer}.crt`), '-CAkey', file(`${signer}.key`),
      '-CAcreateserial', '-days', '30', '-extfile', file(`${name}.ext`), '-out', file(`${name}.crt`),
    ); // prettier-ignore
  }
  return fs.readFileSync(file(`${name}.crt`), 'utf8');
}

function reason(input: string | Uint8Array): string {
  try {
    parseCertificate(input);
    return 'parsed';
  } catch (e) {
    return e instanceof CertificateParseError ? e.reason : `other: ${String(e)}`;
  }
}

describe('parseCertificate', () => {
  let caPem: string;
  let leafPem: string;
  let leaf: CertificateInfo;

  beforeAll(() => {
    caPem = opensslCertificate('ca', '/C=VN/O=Thử nghiệm/CN=Test Root CA', [
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    leafPem = opensslCertificate(
      'leaf',
      '/C=VN/O=Bộ Tư pháp/CN=Nguyễn Thị Bình/serialNumber=001199000123',
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,nonRepudiation',
        'extendedKeyUsage=emailProtection,1.3.6.1.5.5.7.3.36',
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid',
      ],
      'ca',
      ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
    );
    leaf = parseCertificate(leafPem);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the fields openssl reads', () => {
    const text = (args: string[]) => openssl('x509', '-in', file('leaf.crt'), '-noout', ...args).trim();
    expect(leaf.serialNumber).toBe(text(['-serial']).replace('serial=', ''));
    expect(leaf.fingerprint).toBe(
      text(['-fingerprint', '-sha256']).split('=')[1]!.replaceAll(':', '').toLowerCase(),
    );
    expect(leaf.notBefore).toEqual(new Date(text(['-startdate']).replace('notBefore=', '')));
    expect(leaf.notAfter).toEqual(new Date(text(['-enddate']).replace('notAfter=', '')));
    expect(leaf.subject).toBe('C=VN, O=Bộ Tư pháp, CN=Nguyễn Thị Bình, serialNumber=001199000123');
    expect(leaf.subjectCommonName).toBe('Nguyễn Thị Bình');
    expect(leaf.issuer).toBe('C=VN, O=Thử nghiệm, CN=Test Root CA');
    expect(leaf.issuerCommonName).toBe('Test Root CA');
    expect(leaf.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(leaf.extendedKeyUsage).toEqual(['emailProtection', 'documentSigning']);
    expect(leaf.ca).toBe(false);
    expect(leaf.publicKey).toMatchObject({ type: 'rsa', bits: 2048, description: 'RSA 2048' });
    expect(leaf.authorityKeyIdentifier).toBe(parseCertificate(caPem).subjectKeyIdentifier);
    expect(leaf.subjectKeyIdentifier).toMatch(/^[0-9a-f]{40}$/);
  });

  it('reads a CA certificate as one', () => {
    const ca = parseCertificate(caPem);
    expect(ca.ca).toBe(true);
    expect(ca.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(canSign(ca)).toBe(false);
  });

  it('takes the first certificate of a chain, and reads DER and bare base64 alike', () => {
    const chain = `Leaf\n${leafPem}\nIssuer\n${caPem}`;
    expect(parseCertificate(chain).fingerprint).toBe(leaf.fingerprint);
    expect(parseCertificates(chain).map((c) => c.issuerCommonName)).toEqual(['Test Root CA', 'Test Root CA']);
    expect(parseCertificate(leaf.der).fingerprint).toBe(leaf.fingerprint);
    expect(parseCertificate(leaf.der.toString('base64')).fingerprint).toBe(leaf.fingerprint);
    expect(parseCertificate(Buffer.from(leafPem)).fingerprint).toBe(leaf.fingerprint);
    expect(parseCertificate(leafPem.replaceAll('\n', '\r\n')).pem).toBe(leaf.pem);
  });

  it('refuses what is not exactly a certificate', () => {
    expect(reason('')).toBe('empty');
    expect(reason('   \n')).toBe('empty');
    expect(reason('hello, this is not a certificate')).toBe('notCertificate');
    expect(reason(fs.readFileSync(file('leaf.key'), 'utf8'))).toBe('notCertificate');
    expect(reason('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBe('malformed');
    expect(reason(Buffer.concat([leaf.der, Buffer.from([0])]))).toBe('malformed');
    const flipped = Buffer.from(leaf.der);
    flipped[40] = flipped[40]! ^ 0xff;
    expect(['malformed', 'parsed']).toContain(reason(flipped)); // may still parse: the signature catches it
    expect(isIssuedBy(flipped, parseCertificate(caPem).der)).toBe(false);
  });

  it('tells who issued a certificate by its signature, not its names', () => {
    const ca = parseCertificate(caPem);
    expect(isIssuedBy(leaf.der, ca.der)).toBe(true);
    expect(isIssuedBy(ca.der, ca.der)).toBe(true);
    // Another CA with the very same name did not issue it.
    const impostor = opensslCertificate('impostor', '/C=VN/O=Thử nghiệm/CN=Test Root CA', [
      'basicConstraints=critical,CA:TRUE',
    ]);
    expect(isIssuedBy(leaf.der, parseCertificate(impostor).der)).toBe(false);
  });

  it('knows which certificates may sign', () => {
    const noKeyUsage = parseCertificate(opensslCertificate('plain', '/CN=Plain', []));
    expect(noKeyUsage.keyUsage).toBeNull();
    expect(canSign(noKeyUsage)).toBe(true);
    const encryptOnly = parseCertificate(
      opensslCertificate('enc', '/CN=Encrypt', ['keyUsage=critical,keyEncipherment']),
    );
    expect(encryptOnly.keyUsage).toEqual(['keyEncipherment']);
    expect(canSign(encryptOnly)).toBe(false);
    expect(canSign({ keyUsage: ['nonRepudiation'] })).toBe(true);
  });

  it('is valid from notBefore through notAfter', () => {
    const span = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2026-12-31T23:59:59Z') };
    expect(validityAt(span, new Date('2025-12-31T23:59:59Z'))).toBe('not_yet_valid');
    expect(validityAt(span, span.notBefore)).toBe('valid');
    expect(validityAt(span, span.notAfter)).toBe('valid');
    expect(validityAt(span, new Date('2027-01-01T00:00:00Z'))).toBe('expired');
  });

  it('reads EC and Ed25519 keys', () => {
    openssl('genpkey', '-algorithm', 'ED25519', '-out', file('ed.key'));
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      file('ed.key'),
      '-subj',
      '/CN=Ed',
      '-days',
      '1',
      '-out',
      file('ed.crt'),
    );
    expect(parseCertificate(fs.readFileSync(file('ed.crt'))).publicKey.description).toBe('Ed25519');
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    fs.writeFileSync(file('ec.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      file('ec.key'),
      '-subj',
      '/CN=Ec',
      '-days',
      '1',
      '-out',
      file('ec.crt'),
    );
    expect(parseCertificate(fs.readFileSync(file('ec.crt'))).publicKey).toMatchObject({
      type: 'ec',
      curve: 'P-384',
      description: 'ECDSA P-384',
    });
  });
});
