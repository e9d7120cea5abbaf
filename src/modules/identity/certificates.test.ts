import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, testApp, TEST_PASSWORD } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, SYSTEM_CONTEXT, verifyAuditChain } from '../../platform/audit/index.js';
import {
  DemoCa,
  demoCaDir,
  generateSigningKeyPair,
  initDemoCa,
  parseCertificate,
} from '../../platform/crypto/index.js';
import { peculiar } from '../../platform/crypto/peculiar.js';
import { isAppError } from '../../platform/errors/index.js';
import { myCertificates, type CertificateView } from './certificates.service.js';
import { activeCertificates, registerCertificate } from './index.js';
import { ensureBuiltinRoles, ensurePerson } from './persons.service.js';
import { agencies, certificates, personAgencies, persons } from './schema.js';

type Reply = Awaited<ReturnType<FastifyInstance['inject']>>;
const errorCode = (res: Reply): string => res.json<{ error: { code: string } }>().error.code;

/** 2 March 2026, 10:00 in Hà Nội. */
const NOW = new Date('2026-03-02T03:00:00Z');
const DAY = 86_400_000;

/**
 * A certificate made directly with @peculiar/x509 (not through the demo CA), with whatever dates and
 * extensions a test needs — an expired one, one that may only encrypt, a CA's.
 */
async function selfSigned(o: {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  keyUsage?: number;
  ca?: boolean;
}): Promise<string> {
  const x509 = peculiar();
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await crypto.webcrypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${o.commonName}`,
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      ...(o.ca ? [new x509.BasicConstraintsExtension(true, undefined, true)] : []),
      ...(o.keyUsage !== undefined ? [new x509.KeyUsagesExtension(o.keyUsage, true)] : []),
    ],
  });
  return cert.toString('pem');
}

describe('signing certificates on people', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  /** A CA that is not the deployment's, standing in for a licensed CA. */
  let otherCa: DemoCa;
  const otherCaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-other-ca-'));
  let owner: string;
  let ownerId: string;
  let stranger: string;

  beforeAll(async () => {
    p = await testPlatform({}, NOW);
    app = await testApp(p);
    await initDemoCa(otherCaDir, {
      passphrase: 'x',
      name: 'Licensed CA (test)',
      now: new Date(NOW.getTime() - 400 * DAY),
    });
    otherCa = await DemoCa.load(otherCaDir, 'x');
    owner = await signedIn(app, p, 'cert-owner', ['official']);
    stranger = await signedIn(app, p, 'cert-stranger', ['official']);
    ownerId = (await p.db.select().from(persons).where(eq(persons.username, 'cert-owner')))[0]!.id;
  });
  afterAll(async () => {
    await app.close();
    await p.close();
    fs.rmSync(otherCaDir, { recursive: true, force: true });
  });

  const issue = async (commonName: string, o: { now?: Date; days?: number; ca?: DemoCa } = {}) =>
    (
      await (o.ca ?? otherCa).issueCertificate({
        publicKey: generateSigningKeyPair().publicKey,
        subject: { commonName, uid: 'cert-owner' },
        now: o.now ?? NOW,
        days: o.days,
      })
    ).pem;
  /** Each upload a second later, so "newest first" is well defined. */
  const upload = (pem: string, cookie = owner, label?: string) => {
    p.clock.advance(1000);
    return app.inject({
      method: 'POST',
      url: '/api/me/certificates',
      payload: { pem, ...(label !== undefined ? { label } : {}) },
      headers: { cookie },
    });
  };
  const mine = async (cookie = owner) => {
    const res = await app.inject({ url: '/api/me/certificates', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: CertificateView[] }>().items;
  };
  const table = () => p.db.select().from(certificates).orderBy(asc(certificates.id));
  const lastAudit = async () => (await p.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

  it('registers an uploaded certificate and shows its subject, issuer, validity and status', async () => {
    expect(await mine()).toEqual([]);
    const pem = await issue('Nguyễn Văn Chủ');
    const res = await upload(pem, owner, '  Chứng thư   công vụ ');
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<CertificateView>();
    const info = parseCertificate(pem);
    expect(view).toMatchObject({
      label: 'Chứng thư công vụ',
      subjectCommonName: 'Nguyễn Văn Chủ',
      issuerCommonName: 'Licensed CA (test)',
      serialNumber: info.serialNumber,
      fingerprint: info.fingerprint,
      notBefore: info.notBefore.toISOString(),
      notAfter: info.notAfter.toISOString(),
      status: 'valid',
      source: 'upload',
      issuedByDeploymentCa: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      publicKeyAlgorithm: 'ECDSA P-256',
      revokedAt: null,
    });
    expect(view.subject).toBe('C=VN, CN=Nguyễn Văn Chủ, UID=cert-owner');
    expect(await mine()).toEqual([view]);
    expect(await mine(stranger)).toEqual([]);
    expect(await lastAudit()).toMatchObject({
      action: 'identity.certificate.register',
      objectType: 'certificate',
      objectId: view.id,
      outcome: 'success',
      actorId: ownerId,
    });
  });

  it('takes the leaf of a chain and knows a certificate from the deployment’s own demo CA', async () => {
    await initDemoCa(demoCaDir(p.config.dataDir), { passphrase: 'p', now: new Date(NOW.getTime() - DAY) });
    const deploymentCa = await DemoCa.load(demoCaDir(p.config.dataDir), 'p');
    const leaf = await issue('Chuỗi Chứng Thư', { ca: deploymentCa });
    const res = await upload(`${leaf}\n${deploymentCa.certificate.pem}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<CertificateView>()).toMatchObject({
      fingerprint: parseCertificate(leaf).fingerprint,
      issuedByDeploymentCa: true,
      source: 'upload',
    });
    const listed = await mine();
    expect(listed.map((c) => c.issuedByDeploymentCa)).toEqual([true, false]);
  });

  describe('refuses, with a code and nothing stored', () => {
    const refused = async (pem: string, code: string, cookie = owner) => {
      const before = await table();
      const audits = (await p.db.select().from(auditLog)).length;
      const res = await upload(pem, cookie);
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(errorCode(res)).toBe(code);
      expect(await table()).toEqual(before);
      // The refusal itself is audited, as a failure.
      expect((await p.db.select().from(auditLog)).length).toBe(audits + 1);
      expect(await lastAudit()).toMatchObject({
        action: 'identity.certificate.register',
        outcome: 'failure',
        detail: code,
      });
    };

    it('an expired certificate (issued a year ago for 30 days)', async () => {
      await refused(
        await issue('Hết Hạn', { now: new Date(NOW.getTime() - 365 * DAY), days: 30 }),
        'IDENTITY_CERTIFICATE_EXPIRED',
      );
      const expired = await selfSigned({
        commonName: 'Expired',
        notBefore: new Date('2024-01-01T00:00:00Z'),
        notAfter: new Date('2025-01-01T00:00:00Z'),
        keyUsage: 1,
      });
      await refused(expired, 'IDENTITY_CERTIFICATE_EXPIRED');
    });

    it('a certificate not valid yet', async () => {
      await refused(
        await issue('Chưa Hiệu Lực', { now: new Date(NOW.getTime() + 10 * DAY) }),
        'IDENTITY_CERTIFICATE_NOT_YET_VALID',
      );
    });

    it('garbage, a private key, a broken PEM', async () => {
      await refused('xin chào', 'IDENTITY_CERTIFICATE_INVALID');
      await refused(generateSigningKeyPair().privateKeyPem, 'IDENTITY_CERTIFICATE_INVALID');
      await refused(
        '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        'IDENTITY_CERTIFICATE_INVALID',
      );
    });

    it('a certificate whose key may not sign, and a CA certificate', async () => {
      const span = { notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + DAY) };
      const keyEncipherment = 4;
      await refused(
        await selfSigned({ commonName: 'Encrypt only', ...span, keyUsage: keyEncipherment }),
        'IDENTITY_CERTIFICATE_KEY_USAGE',
      );
      await refused(otherCa.certificate.pem, 'IDENTITY_CERTIFICATE_CA');
    });

    it('a certificate registered already, by the same person or anyone else', async () => {
      const [first] = await mine();
      const pem = (await table()).find((r) => r.id === first!.id)!.pem;
      await refused(pem, 'IDENTITY_CERTIFICATE_DUPLICATE');
      await refused(pem, 'IDENTITY_CERTIFICATE_DUPLICATE', stranger);
    });

    it('a label that is too long, or a body that is not one', async () => {
      const before = await table();
      const res = await upload(await issue('Nhãn Dài'), owner, 'x'.repeat(101));
      expect(errorCode(res)).toBe('IDENTITY_CERTIFICATE_LABEL_INVALID');
      const huge = await upload('A'.repeat(70_000));
      expect(errorCode(huge)).toBe('VALIDATION_FAILED');
      expect(await table()).toEqual(before);
    });
  });

  it('accepts a certificate without a key usage extension (any use allowed)', async () => {
    const pem = await selfSigned({
      commonName: 'No key usage',
      notBefore: new Date(NOW.getTime() - DAY),
      notAfter: new Date(NOW.getTime() + 30 * DAY),
    });
    const res = await upload(pem, stranger);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<CertificateView>().keyUsage).toEqual([]);
  });

  it('revokes one’s own certificate, keeping the row; another person’s is not found', async () => {
    const [target] = await mine();
    const before = await table();
    const foreign = await app.inject({
      method: 'DELETE',
      url: `/api/me/certificates/${target!.id}`,
      headers: { cookie: stranger },
    });
    expect(foreign.statusCode).toBe(404);
    expect(errorCode(foreign)).toBe('IDENTITY_CERTIFICATE_NOT_FOUND');
    expect(await table()).toEqual(before);
    const bad = await app.inject({
      method: 'DELETE',
      url: '/api/me/certificates/nope',
      headers: { cookie: owner },
    });
    expect(errorCode(bad)).toBe('IDENTITY_CERTIFICATE_NOT_FOUND');

    p.clock.advance(60_000);
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/me/certificates/${target!.id}`,
      headers: { cookie: owner },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CertificateView>()).toMatchObject({
      status: 'revoked',
      revokedAt: p.clock.now().toISOString(),
    });
    const [row] = await p.db.select().from(certificates).where(eq(certificates.id, target!.id));
    expect(row!.revokedAt).toEqual(p.clock.now());
    expect(await lastAudit()).toMatchObject({ action: 'identity.certificate.revoke', objectId: target!.id });
    const audits = (await p.db.select().from(auditLog)).length;
    const again = await app.inject({
      method: 'DELETE',
      url: `/api/me/certificates/${target!.id}`,
      headers: { cookie: owner },
    });
    expect(again.json<CertificateView>().status).toBe('revoked');
    expect((await p.db.select().from(auditLog)).length).toBe(audits);
  });

  it('gives other modules the certificates a person may sign with at a given time', async () => {
    const active = await activeCertificates(p.db, ownerId, p.clock.now());
    const listed = await mine();
    expect(active.map((c) => c.id)).toEqual(listed.filter((c) => c.status === 'valid').map((c) => c.id));
    expect(active).toHaveLength(1);
    expect(active[0]!.pem).toContain('-----BEGIN CERTIFICATE-----');
    const expiry = active[0]!.notAfter;
    expect(await activeCertificates(p.db, ownerId, new Date(expiry.getTime() + 1000))).toEqual([]);
    expect(await activeCertificates(p.db, 'not-a-uuid', NOW)).toEqual([]);
    expect(listed.map((c) => c.status)).toEqual(['revoked', 'valid']);
    const later = await myCertificates(p.db, ownerId, new Date(expiry.getTime() + 1000), null);
    expect(later.map((c) => c.status)).toEqual(['revoked', 'expired']);
  });

  it('registers from code in the caller’s transaction, which rolls back with it', async () => {
    const pem = await issue('Từ Mã Nguồn');
    const before = await table();
    await expect(
      p.db.transaction(async (tx) => {
        await registerCertificate(tx, SYSTEM_CONTEXT, ownerId, pem, 'ca', { at: NOW });
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await table()).toEqual(before);
    const view = await p.db.transaction((tx) =>
      registerCertificate(tx, SYSTEM_CONTEXT, ownerId, pem, 'ca', { at: NOW }),
    );
    expect(view.source).toBe('ca');
    const unknown = await p.db
      .transaction((tx) =>
        registerCertificate(tx, SYSTEM_CONTEXT, crypto.randomUUID(), pem, 'ca', { at: NOW }),
      )
      .catch((e: unknown) => (isAppError(e) ? e.code : String(e)));
    expect(unknown).toBe('IDENTITY_CERTIFICATE_PERSON_NOT_FOUND');
    expect((await verifyAuditChain(p.db)).ok).toBe(true);
  });

  describe('administrators read the certificates of people in their agency scope', () => {
    let parentAgency: string;
    let childAgency: string;
    let otherAgency: string;
    let inChild: string;
    let inOther: string;

    beforeAll(async () => {
      const agency = async (code: string, nameVi: string, parentId: string | null = null) =>
        (
          await p.db
            .insert(agencies)
            .values({ code, nameVi, level: 'central', parentId })
            .returning({ id: agencies.id })
        )[0]!.id;
      parentAgency = await agency('990.00.00.T01', 'Bộ Thử nghiệm');
      childAgency = await agency('990.01.00.T01', 'Cục Thử nghiệm', parentAgency);
      otherAgency = await agency('990.00.00.T02', 'Bộ Khác');
      await p.db.transaction(async (tx) => {
        await ensureBuiltinRoles(tx);
        inChild = await ensurePerson(tx, SYSTEM_CONTEXT, {
          username: 'cert-child',
          displayName: 'Cán bộ Cục',
        });
        inOther = await ensurePerson(tx, SYSTEM_CONTEXT, {
          username: 'cert-other',
          displayName: 'Cán bộ Bộ Khác',
          agencyId: otherAgency,
        });
        await tx
          .insert(personAgencies)
          .values({ personId: inChild, agencyId: childAgency, position: 'Chuyên viên' });
        for (const username of ['cert-agency-admin', 'cert-other-admin'])
          await ensurePerson(tx, SYSTEM_CONTEXT, {
            username,
            displayName: username,
            password: TEST_PASSWORD,
            roles: ['agency_admin'],
            agencyId: username === 'cert-agency-admin' ? parentAgency : otherAgency,
          });
      });
    });

    const read = (personId: string, cookie: string) =>
      app.inject({ url: `/api/admin/people/${personId}/certificates`, headers: { cookie } });

    it('within the scope (posts and main agency), and 404 outside it', async () => {
      const pem = await issue('Cán bộ Cục');
      await p.db.transaction((tx) =>
        registerCertificate(tx, SYSTEM_CONTEXT, inChild, pem, 'upload', { at: NOW }),
      );
      const agencyAdmin = await signedIn(app, p, 'cert-agency-admin', ['agency_admin']);
      const otherAdmin = await signedIn(app, p, 'cert-other-admin', ['agency_admin']);
      const admin = await signedIn(app, p, 'cert-admin', ['admin']);

      const ok = await read(inChild, agencyAdmin);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<{ items: CertificateView[] }>().items.map((c) => c.subjectCommonName)).toEqual([
        'Cán bộ Cục',
      ]);
      expect((await read(inOther, otherAdmin)).statusCode).toBe(200);

      const outside = await read(inChild, otherAdmin);
      expect(outside.statusCode).toBe(404);
      expect(errorCode(outside)).toBe('IDENTITY_CERTIFICATE_PERSON_NOT_FOUND');
      expect((await read(inOther, agencyAdmin)).statusCode).toBe(404);
      expect((await read(ownerId, agencyAdmin)).statusCode).toBe(404); // no agency at all
      expect((await read('not-a-uuid', admin)).statusCode).toBe(404);
      expect((await read(crypto.randomUUID(), admin)).statusCode).toBe(404);

      const all = await read(ownerId, admin);
      expect(all.statusCode).toBe(200);
      expect(all.json<{ items: CertificateView[] }>().items.length).toBeGreaterThan(0);
      expect((await read(inChild, owner)).statusCode).toBe(403);
      expect((await app.inject({ url: `/api/admin/people/${inChild}/certificates` })).statusCode).toBe(401);
    });
  });

  it('answers 401 without a session', async () => {
    expect((await app.inject({ url: '/api/me/certificates' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: '/api/me/certificates', payload: { pem: 'x' } })).statusCode,
    ).toBe(401);
  });
});
