import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { testCa, testSigner, type TestSigner } from '../../../test/support/signing.js';
import { auditLog, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import {
  CA_CERT_FILE,
  DemoCa,
  demoCaDir,
  ecdsaP1363ToDer,
  initDemoCa,
  verifyDetached,
} from '../../platform/crypto/index.js';
import { isAppError } from '../../platform/errors/index.js';
import { revokeCertificate } from './certificates.service.js';
import {
  completeSignature,
  ensurePerson,
  prepareSignature,
  registerCertificate,
  warmSigningCertificates,
} from './index.js';
import type { CompleteSignatureInput } from './signatures.service.js';

/** 2 March 2026, 10:00 in Hà Nội. */
const NOW = new Date('2026-03-02T03:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return isAppError(e) ? e.code : `not an AppError: ${String(e)}`;
  }
  return 'no error';
}

const payloadOf = (choice: string) => JSON.stringify({ choice, member: 'a', poll: 'p-1', type: 'cpdt.vote' });

describe('signatures by people (prepare, complete)', () => {
  let p: TestPlatform;
  let alice: string;
  let bob: string;
  let carol: string;
  let signer: TestSigner;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-signatures-'));

  beforeAll(async () => {
    p = await testPlatform({}, NOW);
    await testCa(p, new Date(NOW.getTime() - 30 * DAY));
    [alice, bob, carol] = await p.db.transaction(async (tx) => [
      await ensurePerson(tx, SYSTEM_CONTEXT, { username: 'sig-alice', displayName: 'Nguyễn Thị A' }),
      await ensurePerson(tx, SYSTEM_CONTEXT, { username: 'sig-bob', displayName: 'Trần Văn B' }),
      await ensurePerson(tx, SYSTEM_CONTEXT, { username: 'sig-carol', displayName: 'Lê Thị C' }),
    ]);
    signer = await testSigner(p, alice, { commonName: 'Nguyễn Thị A', now: new Date(NOW.getTime() - DAY) });
  });
  afterAll(async () => {
    await p.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Prepares at `preparedAt`, signs as the signer would, and returns what completeSignature takes. */
  async function signed(
    who: TestSigner,
    payload: string,
    options: { preparedAt?: Date; sign?: (tbs: Buffer) => Buffer } = {},
  ): Promise<CompleteSignatureInput> {
    const prepared = await prepareSignature(p.db, {
      personId: who.personId,
      payload,
      certificateId: who.certificateId,
      at: options.preparedAt ?? p.clock.now(),
    });
    const tbs = Buffer.from(prepared.toBeSigned, 'base64');
    return {
      personId: who.personId,
      payload,
      toBeSigned: prepared.toBeSigned,
      signature: (options.sign ?? who.sign)(tbs).toString('base64'),
      certificateId: prepared.certificateId,
      at: p.clock.now(),
    };
  }

  async function auditCount(): Promise<number> {
    const [row] = await p.db.select({ n: count() }).from(auditLog);
    return Number(row!.n);
  }

  it('prepares the signed attributes over SHA-256 of the payload with the person’s certificate', async () => {
    const payload = payloadOf('yes');
    const prepared = await prepareSignature(p.db, { personId: alice, payload, at: NOW });
    expect(prepared.certificateId).toBe(signer.certificateId);
    expect(prepared.payloadSha256).toBe(crypto.createHash('sha256').update(payload).digest('hex'));
    expect(prepared.signingTime).toBe(NOW.toISOString());
    expect(Buffer.from(prepared.toBeSigned, 'base64')[0]).toBe(0x31); // a DER SET OF
  });

  it('checks ahead the certificates people may sign with (a poll warms its roster): good ones counted', async () => {
    // Alice's one certificate is good; Bob has none; a malformed id is left out.
    expect(await warmSigningCertificates(p.db, p, [alice, bob, 'not-a-uuid'], NOW)).toBe(1);
    expect(await warmSigningCertificates(p.db, p, [], NOW)).toBe(0);
    // Outside its validity (a year on) nothing is good.
    expect(await warmSigningCertificates(p.db, p, [alice], new Date(NOW.getTime() + 400 * DAY))).toBe(0);
  });

  it('completes into a detached CMS that openssl verifies against the demo CA, writing nothing', async () => {
    const payload = payloadOf('yes');
    const before = await auditCount();
    const input = await signed(signer, payload);
    const done = await completeSignature(p.db, p, input);
    expect(done.certificateId).toBe(signer.certificateId);
    expect(done.certificateDer.equals(signer.certificateDer)).toBe(true);
    expect(Math.abs(done.signingTime.getTime() - NOW.getTime())).toBeLessThan(1000);
    expect(await auditCount()).toBe(before);

    const verified = verifyDetached(done.cms, Buffer.from(payload));
    expect(verified.signerCertificate.equals(signer.certificateDer)).toBe(true);
    fs.writeFileSync(path.join(work, 'vote.json'), payload);
    fs.writeFileSync(path.join(work, 'vote.json.p7s'), done.cms);
    const ca = path.join(demoCaDir(p.config.dataDir), CA_CERT_FILE);
    execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        path.join(work, 'vote.json.p7s'),
        '-content',
        path.join(work, 'vote.json'),
        '-CAfile',
        ca,
        '-purpose',
        'any',
        '-out',
        path.join(work, 'out'),
      ],
      { stdio: 'pipe' },
    );
    expect(fs.readFileSync(path.join(work, 'out'), 'utf8')).toBe(payload);
  });

  it('accepts a DER-encoded ECDSA signature as well as P1363', async () => {
    const input = await signed(signer, payloadOf('no'), {
      sign: (tbs) => ecdsaP1363ToDer(signer.sign(tbs)),
    });
    const done = await completeSignature(p.db, p, input);
    expect(done.cms.length).toBeGreaterThan(0);
  });

  it('accepts an RSA certificate (a USB token’s) with a PKCS#1 v1.5 signature', async () => {
    const ca = await testCa(p);
    const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const issued = await ca.issueCertificate({
      publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      subject: { commonName: 'Trần Văn B' },
      now: new Date(NOW.getTime() - DAY),
    });
    const view = await p.db.transaction((tx) =>
      registerCertificate(tx, SYSTEM_CONTEXT, bob, issued.pem, 'upload', { at: NOW }),
    );
    const rsa: TestSigner = {
      personId: bob,
      certificateId: view.id,
      certificatePem: issued.pem,
      certificateDer: Buffer.from(issued.certificate.der),
      privateKey,
      sign: (data) => crypto.sign('sha256', data, privateKey),
    };
    const payload = payloadOf('abstain');
    const done = await completeSignature(p.db, p, await signed(rsa, payload));
    expect(verifyDetached(done.cms, Buffer.from(payload)).signerCertificate.equals(rsa.certificateDer)).toBe(
      true,
    );
    const bad = await signed(rsa, payload, {
      sign: (tbs) => crypto.sign('sha256', Buffer.concat([tbs, tbs]), privateKey),
    });
    expect(await codeOf(completeSignature(p.db, p, bad))).toBe('IDENTITY_SIGNATURE_BAD_SIGNATURE');
    await p.db.transaction((tx) => revokeCertificate(tx, SYSTEM_CONTEXT, bob, rsa.certificateId, NOW));
  });

  it('refuses a signature made over other bytes: BAD_SIGNATURE', async () => {
    const input = await signed(signer, payloadOf('yes'), {
      sign: (tbs) => signer.sign(Buffer.concat([tbs, Buffer.from([0])])),
    });
    expect(await codeOf(completeSignature(p.db, p, input))).toBe('IDENTITY_SIGNATURE_BAD_SIGNATURE');
    const garbage = { ...input, signature: Buffer.alloc(64, 7).toString('base64') };
    expect(await codeOf(completeSignature(p.db, p, garbage))).toBe('IDENTITY_SIGNATURE_BAD_SIGNATURE');
  });

  it('refuses a payload other than the one prepared: DIGEST_MISMATCH', async () => {
    const input = await signed(signer, payloadOf('yes'));
    expect(await codeOf(completeSignature(p.db, p, { ...input, payload: payloadOf('no') }))).toBe(
      'IDENTITY_SIGNATURE_DIGEST_MISMATCH',
    );
  });

  it('refuses signed attributes prepared more than 10 minutes before: STALE', async () => {
    const input = await signed(signer, payloadOf('yes'), {
      preparedAt: new Date(NOW.getTime() - 11 * MINUTE),
    });
    expect(await codeOf(completeSignature(p.db, p, input))).toBe('IDENTITY_SIGNATURE_STALE');
    const fine = await signed(signer, payloadOf('yes'), { preparedAt: new Date(NOW.getTime() - 9 * MINUTE) });
    expect(await codeOf(completeSignature(p.db, p, fine))).toBe('no error');
  });

  it('refuses another person’s certificate: CERTIFICATE_NOT_FOUND', async () => {
    const input = await signed(signer, payloadOf('yes'));
    expect(await codeOf(completeSignature(p.db, p, { ...input, personId: bob }))).toBe(
      'IDENTITY_SIGNATURE_CERTIFICATE_NOT_FOUND',
    );
    expect(
      await codeOf(
        prepareSignature(p.db, {
          personId: bob,
          payload: '{}',
          certificateId: signer.certificateId,
          at: NOW,
        }),
      ),
    ).toBe('IDENTITY_SIGNATURE_CERTIFICATE_NOT_FOUND');
  });

  it('refuses when the person has no usable certificate: NO_CERTIFICATE', async () => {
    expect(await codeOf(prepareSignature(p.db, { personId: bob, payload: '{}', at: NOW }))).toBe(
      'IDENTITY_SIGNATURE_NO_CERTIFICATE',
    );
  });

  it('refuses a certificate revoked in identity: CERTIFICATE_REVOKED', async () => {
    const other = await testSigner(p, carol, { commonName: 'Lê Thị C' });
    const input = await signed(other, payloadOf('yes'));
    await p.db.transaction((tx) => revokeCertificate(tx, SYSTEM_CONTEXT, carol, other.certificateId, NOW));
    expect(await codeOf(completeSignature(p.db, p, input))).toBe('IDENTITY_SIGNATURE_CERTIFICATE_REVOKED');
    expect(
      await codeOf(
        prepareSignature(p.db, {
          personId: carol,
          payload: '{}',
          certificateId: other.certificateId,
          at: NOW,
        }),
      ),
    ).toBe('IDENTITY_SIGNATURE_CERTIFICATE_REVOKED');
  });

  it('refuses an expired certificate: CERTIFICATE_EXPIRED', async () => {
    const issuedAt = new Date(NOW.getTime() - 3 * DAY);
    const old = await testSigner(p, alice, { commonName: 'Nguyễn Thị A', days: 1, now: issuedAt });
    const input = await signed(old, payloadOf('yes'), { preparedAt: new Date(issuedAt.getTime() + MINUTE) });
    expect(await codeOf(completeSignature(p.db, p, input))).toBe('IDENTITY_SIGNATURE_CERTIFICATE_EXPIRED');
    // The person's default certificate is still the valid one.
    const prepared = await prepareSignature(p.db, { personId: alice, payload: '{}', at: NOW });
    expect(prepared.certificateId).toBe(signer.certificateId);
  });

  it('refuses a certificate from a CA the deployment does not trust: CERTIFICATE_UNTRUSTED', async () => {
    const dir = path.join(work, 'other-ca');
    await initDemoCa(dir, { passphrase: 'x', name: 'Untrusted CA', now: new Date(NOW.getTime() - DAY) });
    const otherCa = await DemoCa.load(dir, 'x');
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issued = await otherCa.issueCertificate({
      publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      subject: { commonName: 'Trần Văn B' },
      now: NOW,
    });
    const view = await p.db.transaction((tx) =>
      registerCertificate(tx, SYSTEM_CONTEXT, bob, issued.pem, 'upload', { at: NOW }),
    );
    const untrusted: TestSigner = {
      personId: bob,
      certificateId: view.id,
      certificatePem: issued.pem,
      certificateDer: Buffer.from(issued.certificate.der),
      privateKey,
      sign: (data) => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    };
    const input = await signed(untrusted, payloadOf('yes'));
    expect(await codeOf(completeSignature(p.db, p, input))).toBe('IDENTITY_SIGNATURE_CERTIFICATE_UNTRUSTED');
  });

  it('refuses garbage signed attributes: MALFORMED', async () => {
    const input = await signed(signer, payloadOf('yes'));
    expect(
      await codeOf(
        completeSignature(p.db, p, { ...input, toBeSigned: Buffer.from('nope').toString('base64') }),
      ),
    ).toBe('IDENTITY_SIGNATURE_MALFORMED');
  });
});
