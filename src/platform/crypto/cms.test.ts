import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assembleSignedData,
  CmsError,
  ecdsaP1363ToDer,
  readSignedAttributes,
  signDetached,
  signedAttributes,
  verifyDetached,
  verifyDetachedDigest,
  OID,
  type CmsErrorReason,
  type CmsSigner,
  type DigestName,
} from './cms.js';
import { octets, oid, parseDer, seq, setOf, time } from './der.js';
import { DemoCa, initDemoCa } from './demo-ca.js';
import type { Signer } from './signer.js';

const PASSPHRASE = 'cms-test-passphrase';
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-cms-'));
const file = (name: string) => path.join(root, name);
let ca: DemoCa;

function openssl(...args: string[]): { status: number; out: string } {
  try {
    const out = execFileSync('openssl', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

/** `openssl cms -verify` of `p7s` over `content` against the demo CA. */
function opensslVerifies(name: string, p7s: Buffer, content: Buffer): { status: number; out: string } {
  fs.writeFileSync(file(`${name}.p7s`), p7s);
  fs.writeFileSync(file(`${name}.json`), content);
  return openssl(
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    `${name}.p7s`,
    '-content',
    `${name}.json`,
    '-CAfile',
    'ca.pem',
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  );
}

async function keySigner(
  type: 'ec' | 'rsa',
  options: { curve?: string; p1363?: boolean } = {},
): Promise<Signer & { privateKey: crypto.KeyObject }> {
  const { publicKey, privateKey } =
    type === 'ec'
      ? crypto.generateKeyPairSync('ec', { namedCurve: options.curve ?? 'P-256' })
      : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issued = await ca.issueCertificate({
    publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    subject: { commonName: `Người ký ${type}` },
  });
  return {
    certificate: Buffer.from(issued.certificate.der),
    chain: [],
    keyAlgorithm: type === 'ec' ? 'EC' : 'RSA',
    description: 'test key',
    privateKey,
    sign: async (data) =>
      crypto.sign('sha256', data, {
        key: privateKey,
        ...(type === 'ec' ? { dsaEncoding: options.p1363 ? 'ieee-p1363' : 'der' } : {}),
      }),
  };
}

/** `openssl cms -sign` over `content` with a fresh key of the kind asked, as another tool would sign. */
async function opensslSigned(
  name: string,
  content: Buffer,
  key: { type: 'ec' | 'rsa'; md: string },
  ...extra: string[]
): Promise<{ p7s: Buffer; certificate: Buffer }> {
  const { publicKey, privateKey } =
    key.type === 'ec'
      ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issued = await ca.issueCertificate({
    publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    subject: { commonName: `OpenSSL ${name}` },
  });
  fs.writeFileSync(file(`${name}.crt`), issued.pem);
  fs.writeFileSync(file(`${name}.key`), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(file(`${name}.bin`), content);
  const r = openssl(
    'cms',
    '-sign',
    '-binary',
    '-in',
    `${name}.bin`,
    '-signer',
    `${name}.crt`,
    '-inkey',
    `${name}.key`,
    '-outform',
    'DER',
    '-out',
    `${name}.p7s`,
    '-md',
    key.md,
    ...extra,
  );
  expect(r.status, r.out).toBe(0);
  return { p7s: fs.readFileSync(file(`${name}.p7s`)), certificate: Buffer.from(issued.certificate.der) };
}

/** The CmsError `fn` throws (or null), to read `reason` and `unsupported` together. */
function errorOf(fn: () => unknown): CmsError | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof CmsError) return e;
    throw e;
  }
}

function reasonOf(fn: () => unknown): CmsErrorReason | 'none' | 'other' {
  try {
    fn();
    return 'none';
  } catch (e) {
    return e instanceof CmsError ? e.reason : 'other';
  }
}

beforeAll(async () => {
  await initDemoCa(path.join(root, 'ca'), { passphrase: PASSPHRASE });
  ca = await DemoCa.load(path.join(root, 'ca'), PASSPHRASE);
  fs.writeFileSync(file('ca.pem'), ca.certificate.pem);
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('CMS detached signatures (CAdES-BES)', () => {
  const content = Buffer.from('{"choice":"yes","poll":"p1","type":"cpdt.vote"}');
  const at = new Date('2026-11-23T06:00:00.000Z');

  it('signs with an ECDSA P-256 key: openssl verifies it and so do we', async () => {
    const signer = await keySigner('ec');
    const p7s = await signDetached(content, signer, at);
    const r = opensslVerifies('ec', p7s, content);
    expect(r.status, r.out).toBe(0);
    const v = verifyDetached(p7s, content);
    expect(v.signerCertificate.equals(signer.certificate)).toBe(true);
    expect(v.certificates).toHaveLength(1);
    expect(v.signingTime?.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(v.contentSha256).toBe(crypto.createHash('sha256').update(content).digest('hex'));
    expect(v.timestampToken).toBeNull();
  });

  it('carries CAdES attributes openssl can read (signingCertificateV2, signingTime, messageDigest)', async () => {
    const signer = await keySigner('ec');
    const p7s = await signDetached(content, signer, at);
    fs.writeFileSync(file('attrs.p7s'), p7s);
    const r = openssl('cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'attrs.p7s');
    expect(r.status).toBe(0);
    expect(r.out).toContain('id-smime-aa-signingCertificateV2');
    expect(r.out).toContain('signingTime');
    expect(r.out).toContain('messageDigest');
    expect(r.out).toContain('ecdsa-with-SHA256');
  });

  it('signs with RSA (sha256WithRSAEncryption) and with P-384', async () => {
    for (const [name, signer] of [
      ['rsa', await keySigner('rsa')],
      ['p384', await keySigner('ec', { curve: 'P-384' })],
    ] as const) {
      const p7s = await signDetached(content, signer, at);
      expect(opensslVerifies(name, p7s, content).status).toBe(0);
      expect(verifyDetached(p7s, content).signerCertificate.equals(signer.certificate)).toBe(true);
    }
  });

  it('accepts a signer that returns IEEE P1363 (WebCrypto) signatures', async () => {
    const signer = await keySigner('ec', { p1363: true });
    const p7s = await signDetached(content, signer, at);
    expect(opensslVerifies('p1363', p7s, content).status).toBe(0);
  });

  it('two steps, as a browser signs: signedAttributes → P1363 → ecdsaP1363ToDer → assembleSignedData', async () => {
    const signer = await keySigner('ec');
    const attrs = signedAttributes({
      contentSha256: crypto.createHash('sha256').update(content).digest(),
      signingTime: at,
      signerCertificate: signer.certificate,
    });
    const read = readSignedAttributes(attrs);
    expect(read.contentSha256.equals(crypto.createHash('sha256').update(content).digest())).toBe(true);
    expect(read.signingTime?.toISOString()).toBe(at.toISOString());
    expect(
      read.signingCertificateSha256?.equals(crypto.createHash('sha256').update(signer.certificate).digest()),
    ).toBe(true);
    const raw = crypto.sign('sha256', attrs, { key: signer.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(raw).toHaveLength(64);
    const der = ecdsaP1363ToDer(raw);
    expect(crypto.verify('sha256', attrs, { key: signer.privateKey, dsaEncoding: 'der' }, der)).toBe(true);
    const p7s = assembleSignedData({
      signedAttributes: attrs,
      signature: der,
      signerCertificate: signer.certificate,
    });
    expect(opensslVerifies('two-step', p7s, content).status).toBe(0);
    // The raw P1363 form is accepted too.
    const p7sRaw = assembleSignedData({
      signedAttributes: attrs,
      signature: raw,
      signerCertificate: signer.certificate,
    });
    expect(opensslVerifies('two-step-raw', p7sRaw, content).status).toBe(0);
    expect(verifyDetached(p7sRaw, content).signingTime?.toISOString()).toBe(at.toISOString());
  });

  it('ecdsaP1363ToDer keeps integers minimal and positive', () => {
    const raw = Buffer.concat([Buffer.alloc(31, 0), Buffer.from([0x01]), Buffer.alloc(32, 0xff)]);
    expect(ecdsaP1363ToDer(raw).toString('hex')).toBe(`3026020101022100${'ff'.repeat(32)}`);
    expect(() => ecdsaP1363ToDer(Buffer.alloc(63))).toThrow(CmsError);
  });

  it('carries the chain and adds an RFC 3161 token as an unsigned attribute when given one', async () => {
    const signer = await keySigner('ec');
    const token = Buffer.from('3003020101', 'hex');
    let stamped: Buffer | null = null;
    const p7s = await signDetached(content, { ...signer, chain: [ca.certificate.der] }, at, {
      timestamp: async (sig) => {
        stamped = sig;
        return token;
      },
    });
    expect(opensslVerifies('chain', p7s, content).status).toBe(0);
    const v = verifyDetached(p7s, content);
    expect(v.certificates).toHaveLength(2);
    expect(v.timestampToken?.equals(token)).toBe(true);
    expect(stamped && v.signatureValue.equals(stamped)).toBe(true);
  });

  it('refuses changed content (digest), a changed signature (signature) and garbage (malformed)', async () => {
    const signer = await keySigner('ec');
    const p7s = await signDetached(content, signer, at);
    const changed = Buffer.from(content);
    changed[5] = changed[5]! ^ 0x01;
    expect(reasonOf(() => verifyDetached(p7s, changed))).toBe('digest');
    expect(opensslVerifies('changed', p7s, changed).status).not.toBe(0);

    // Flip a byte inside the signature value (the last bytes of the structure).
    const badSig = Buffer.from(p7s);
    badSig[badSig.length - 3] = badSig[badSig.length - 3]! ^ 0x01;
    expect(reasonOf(() => verifyDetached(badSig, content))).toBe('signature');

    // Another signer's certificate swapped in: the signingCertificateV2 attribute or the key refuses it.
    const other = await keySigner('ec');
    const swapped = Buffer.from(
      p7s.toString('hex').replace(signer.certificate.toString('hex'), other.certificate.toString('hex')),
      'hex',
    );
    expect(reasonOf(() => verifyDetached(swapped, content))).toMatch(/signature|malformed/);

    expect(reasonOf(() => verifyDetached(Buffer.from('not a signature'), content))).toBe('malformed');
    expect(reasonOf(() => verifyDetached(Buffer.alloc(0), content))).toBe('malformed');
    expect(reasonOf(() => verifyDetached(p7s.subarray(0, p7s.length - 10), content))).toBe('malformed');
    expect(reasonOf(() => verifyDetached(Buffer.concat([p7s, Buffer.from([0])]), content))).toBe('malformed');
    expect(reasonOf(() => readSignedAttributes(Buffer.from('garbage')))).toBe('malformed');
  });

  it('verifies a signature made by openssl cms -sign', async () => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issued = await ca.issueCertificate({
      publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      subject: { commonName: 'OpenSSL signer' },
    });
    fs.writeFileSync(file('o.crt'), issued.pem);
    fs.writeFileSync(file('o.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    fs.writeFileSync(file('o.json'), content);
    const r = openssl(
      'cms',
      '-sign',
      '-binary',
      '-in',
      'o.json',
      '-signer',
      'o.crt',
      '-inkey',
      'o.key',
      '-outform',
      'DER',
      '-out',
      'o.p7s',
      '-md',
      'sha256',
      '-cades',
    );
    expect(r.status).toBe(0);
    const v = verifyDetached(fs.readFileSync(file('o.p7s')), content);
    expect(v.signerCertificate.equals(Buffer.from(issued.certificate.der))).toBe(true);
    expect(reasonOf(() => verifyDetached(fs.readFileSync(file('o.p7s')), Buffer.from('x')))).toBe('digest');
  });

  it('never fails other than with a CmsError on any input or any corruption of a real signature', async () => {
    const signer = await keySigner('ec');
    const p7s = await signDetached(content, signer, at);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(reasonOf(() => verifyDetached(Buffer.from(bytes), content))).not.toMatch(/none|other/);
        expect(reasonOf(() => readSignedAttributes(Buffer.from(bytes)))).not.toMatch(/none|other/);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat({ max: p7s.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, mask) => {
        const bad = Buffer.from(p7s);
        bad[index] = bad[index]! ^ mask;
        // A flipped byte breaks the structure, the digest or the signature (or lands in an unsigned field such as
        // the outer digestAlgorithms list); whatever happens, verification answers with a CmsError, never a crash.
        const r = reasonOf(() => verifyDetached(bad, content));
        expect(r).not.toBe('other');
      }),
      { numRuns: 300 },
    );
  });
});

describe('verifyDetachedDigest: the same verification over a digest the caller computes', () => {
  const content = Buffer.from('%PDF-1.7 hai dải byte được ký / two signed byte ranges');
  const at = new Date('2026-11-23T06:00:00.000Z');
  const hash = (algorithm: string, ...parts: Buffer[]) => {
    const h = crypto.createHash(algorithm);
    for (const part of parts) h.update(part);
    return h.digest();
  };

  it('asks once for the digest under the signer’s algorithm, naming the signer first; hashing in parts works', async () => {
    const signer = await keySigner('ec');
    const p7s = await signDetached(content, signer, at);
    const asked: [DigestName, CmsSigner][] = [];
    const v = verifyDetachedDigest(p7s, (algorithm, who) => {
      asked.push([algorithm, who]);
      return hash(algorithm, content.subarray(0, 10), content.subarray(10));
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]![0]).toBe('sha256');
    expect(asked[0]![1].signerCertificate.equals(signer.certificate)).toBe(true);
    expect(asked[0]![1].signingTime?.toISOString()).toBe(at.toISOString());
    expect(v.digestAlgorithm).toBe('sha256');
    expect(v.signerCertificate.equals(signer.certificate)).toBe(true);
    const whole = verifyDetached(p7s, content);
    expect(v.signatureValue.equals(whole.signatureValue)).toBe(true);
    expect(Object.keys(whole).sort()).toEqual([
      'certificates',
      'contentSha256',
      'signatureValue',
      'signerCertificate',
      'signingTime',
      'timestampToken',
    ]);

    // A wrong digest is 'digest', and the signer was still named to the caller before the check failed.
    let named: Buffer | null = null;
    const e = errorOf(() =>
      verifyDetachedDigest(p7s, (algorithm, who) => {
        named = who.signerCertificate;
        return hash(algorithm, Buffer.from('other bytes'));
      }),
    );
    expect(e?.reason).toBe('digest');
    expect(e?.unsupported).toBe(false);
    expect(named && signer.certificate.equals(named)).toBe(true);
    // Unreadable input never reaches the callback.
    let called = false;
    expect(
      errorOf(() =>
        verifyDetachedDigest(Buffer.from('garbage'), () => {
          called = true;
          return Buffer.alloc(32);
        }),
      )?.reason,
    ).toBe('malformed');
    expect(called).toBe(false);
  });

  it('verifies what openssl signs with SHA-1, SHA-224, SHA-384 and SHA-512 (ECDSA and RSA), ESS v1 and v2 checked', async () => {
    for (const [name, type, md] of [
      ['ec-sha1', 'ec', 'sha1'], // ecdsa-with-SHA1, ESS signingCertificate (v1, SHA-1 of the certificate)
      ['rsa-sha1', 'rsa', 'sha1'],
      ['rsa-sha224', 'rsa', 'sha224'],
      ['ec-sha384', 'ec', 'sha384'], // ESS signingCertificateV2 with an explicit SHA-384 hash
      ['ec-sha512', 'ec', 'sha512'],
    ] as const) {
      const { p7s, certificate } = await opensslSigned(name, content, { type, md }, '-cades');
      fs.writeFileSync(file(`${name}.p7s`), p7s);
      const printed = openssl('cms', '-cmsout', '-print', '-inform', 'DER', '-in', `${name}.p7s`).out;
      expect(printed).toMatch(md === 'sha1' ? /signingCertificate\b(?!V2)/ : /signingCertificateV2/);
      let asked: string | null = null;
      const v = verifyDetachedDigest(p7s, (algorithm) => {
        asked = algorithm;
        return hash(algorithm, content);
      });
      expect(asked).toBe(md);
      expect(v.digestAlgorithm).toBe(md);
      expect(v.signerCertificate.equals(certificate)).toBe(true);
      const whole = verifyDetached(p7s, content);
      expect(whole.contentSha256).toBe(hash('sha256', content).toString('hex'));
      expect(reasonOf(() => verifyDetached(p7s, Buffer.from('x')))).toBe('digest');
    }
  });

  it('reads BER indefinite lengths (openssl -stream), detached', async () => {
    const streamed = await opensslSigned('stream', content, { type: 'ec', md: 'sha256' }, '-stream');
    expect(streamed.p7s[1]).toBe(0x80);
    // openssl streams the content enclosed; cut the eContent out: indefinite lengths around it need no change.
    const encap = parseDer(streamed.p7s).children[1]!.children[0]!.children[2]!;
    const eContent = encap.children[1]!;
    const at = eContent.raw.byteOffset - streamed.p7s.byteOffset;
    const p7s = Buffer.concat([
      streamed.p7s.subarray(0, at),
      streamed.p7s.subarray(at + eContent.raw.length),
    ]);
    expect(p7s[1]).toBe(0x80);
    expect(verifyDetached(p7s, content).signerCertificate.equals(streamed.certificate)).toBe(true);
    expect(reasonOf(() => verifyDetached(p7s, Buffer.from('x')))).toBe('digest');
  });

  it('flags what it does not check as unsupported (reason still malformed): no signed attributes, SHA3', async () => {
    for (const [name, md, extra] of [
      ['noattr', 'sha256', ['-noattr']],
      ['sha3', 'sha3-256', []],
    ] as const) {
      // RSA: openssl 3.0 signs SHA3 with RSA but not with ECDSA.
      const { p7s } = await opensslSigned(name, content, { type: 'rsa', md }, ...extra);
      const e = errorOf(() => verifyDetached(p7s, content));
      expect(e?.reason).toBe('malformed');
      expect(e?.unsupported).toBe(true);
    }
    expect(errorOf(() => verifyDetached(Buffer.from('garbage'), content))?.unsupported).toBe(false);
  });

  it('checks an ESS signingCertificate (v1, SHA-1) and refuses one naming another certificate', async () => {
    const signer = await keySigner('ec');
    const other = await keySigner('ec');
    const attributes = (certificate: Buffer, essHash: Buffer | null = null) =>
      setOf(
        seq(oid(OID.contentType), setOf(oid(OID.data))),
        seq(oid(OID.signingTime), setOf(time(at))),
        seq(oid(OID.messageDigest), setOf(octets(hash('sha256', content)))),
        seq(oid(OID.signingCertificate), setOf(seq(seq(seq(octets(essHash ?? hash('sha1', certificate))))))),
      );
    const signed = (attrs: Buffer) =>
      assembleSignedData({
        signedAttributes: attrs,
        signature: crypto.sign('sha256', attrs, { key: signer.privateKey, dsaEncoding: 'der' }),
        signerCertificate: signer.certificate,
      });
    const good = signed(attributes(signer.certificate));
    expect(opensslVerifies('ess-v1', good, content).status).toBe(0);
    expect(verifyDetached(good, content).signerCertificate.equals(signer.certificate)).toBe(true);
    // Signed by the signer's key, but the attribute names another certificate.
    expect(reasonOf(() => verifyDetached(signed(attributes(other.certificate)), content))).toBe('signature');
    expect(readSignedAttributes(attributes(signer.certificate)).signingCertificateSha256).toBeNull();

    // An ESSCertIDv2 under a hash not known here (MD5): not checkable, so unsupported, not accepted unchecked.
    const md5 = setOf(
      seq(oid(OID.contentType), setOf(oid(OID.data))),
      seq(oid(OID.messageDigest), setOf(octets(hash('sha256', content)))),
      seq(
        oid(OID.signingCertificateV2),
        setOf(seq(seq(seq(seq(oid('1.2.840.113549.2.5')), octets(hash('md5', signer.certificate)))))),
      ),
    );
    const e = errorOf(() => verifyDetached(signed(md5), content));
    expect([e?.reason, e?.unsupported]).toEqual(['malformed', true]);
  });
});
