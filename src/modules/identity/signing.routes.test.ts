import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { signedIn, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { testCa } from '../../../test/support/signing.js';
import { auditLog } from '../../platform/audit/index.js';
import { CA_CERT_FILE, demoCaDir } from '../../platform/crypto/index.js';
import { certificates, persons } from './schema.js';
import type { SigningKeyView } from './signing.service.js';

const NOW = new Date('2026-03-02T03:00:00Z');

interface Challenge {
  challengeId: string;
  challenge: string;
}

/** A device key as the browser makes it (here a node key), and the enrolment body for a challenge. */
function deviceKey(curve = 'P-256') {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
  return {
    spki: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    prove: (c: Challenge) =>
      crypto
        .sign('sha256', Buffer.from(c.challenge, 'base64'), { key: privateKey, dsaEncoding: 'ieee-p1363' })
        .toString('base64'),
  };
}

describe('device signing keys (routes)', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let member: string;
  let other: string;
  let memberId: string;

  beforeAll(async () => {
    p = await testPlatform({}, NOW);
    app = await testApp(p);
    member = await signedIn(app, p, 'signing-member', ['official']);
    other = await signedIn(app, p, 'signing-other', ['official']);
    memberId = (await p.db.select().from(persons).where(eq(persons.username, 'signing-member')))[0]!.id;
  });
  afterAll(async () => {
    await app.close();
    await p.close();
  });

  const challenge = async (cookie = member) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/identity/me/signing-keys/challenge',
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Challenge>();
  };
  const enrol = (body: object, cookie = member) =>
    app.inject({ method: 'POST', url: '/api/identity/me/signing-keys', payload: body, headers: { cookie } });
  const list = async (cookie = member) => {
    const res = await app.inject({ url: '/api/identity/me/signing-keys', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: SigningKeyView[] }>().items;
  };
  const certificateCount = async () => Number((await p.db.select({ n: count() }).from(certificates))[0]!.n);

  it('needs a signed-in person', async () => {
    for (const [method, url] of [
      ['GET', '/api/identity/me/signing-keys'],
      ['POST', '/api/identity/me/signing-keys/challenge'],
      ['POST', '/api/identity/me/signing-keys'],
    ] as const) {
      const res = await app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('refuses to enrol without a demo CA: IDENTITY_SIGNING_NO_CA, nothing stored', async () => {
    const key = deviceKey();
    const c = await challenge();
    const res = await enrol({ challengeId: c.challengeId, publicKey: key.spki, proof: key.prove(c) });
    expect(errorCodeOf(res)).toBe('IDENTITY_SIGNING_NO_CA');
    expect(await certificateCount()).toBe(0);
  });

  it('issues a demo-CA certificate for a proven device key, registered on the person and audited', async () => {
    await testCa(p, new Date(NOW.getTime() - 86_400_000));
    const key = deviceKey();
    const c = await challenge();
    const res = await enrol({
      challengeId: c.challengeId,
      publicKey: key.spki,
      proof: key.prove(c),
      label: 'Điện thoại',
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<SigningKeyView & { status: string }>();
    expect(view).toMatchObject({ label: 'Điện thoại', source: 'ca', status: 'valid' });
    expect(view.subject).toContain('CN=signing-member');
    expect(view.subject).toContain('UID=signing-member');

    const items = await list();
    expect(items.map((i) => i.id)).toEqual([view.id]);
    const der = Buffer.from(items[0]!.certificate, 'base64');
    expect(crypto.createHash('sha256').update(der).digest('hex')).toBe(view.fingerprint);
    const x509 = new crypto.X509Certificate(der);
    expect(x509.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')).toBe(key.spki);
    // openssl accepts the chain to the deployment's demo CA.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-signing-'));
    fs.writeFileSync(path.join(dir, 'leaf.pem'), x509.toString());
    execFileSync('openssl', [
      'verify',
      '-CAfile',
      path.join(demoCaDir(p.config.dataDir), CA_CERT_FILE),
      path.join(dir, 'leaf.pem'),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });

    const actions = (await p.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(2)).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['identity.signing-key.enrol', 'identity.certificate.register']);
    expect(await list(other)).toEqual([]);
    const [row] = await p.db.select().from(certificates).where(eq(certificates.id, view.id));
    expect(row!.personId).toBe(memberId);
  });

  it('uses a challenge once, for its own person only', async () => {
    const key = deviceKey();
    const c = await challenge();
    const before = await certificateCount();
    expect(
      errorCodeOf(
        await enrol({ challengeId: c.challengeId, publicKey: key.spki, proof: key.prove(c) }, other),
      ),
    ).toBe('IDENTITY_SIGNING_CHALLENGE_INVALID');
    const again = await challenge();
    expect(
      (await enrol({ challengeId: again.challengeId, publicKey: key.spki, proof: key.prove(again) }))
        .statusCode,
    ).toBe(201);
    expect(
      errorCodeOf(
        await enrol({ challengeId: again.challengeId, publicKey: deviceKey().spki, proof: key.prove(again) }),
      ),
    ).toBe('IDENTITY_SIGNING_CHALLENGE_INVALID');
    expect(await certificateCount()).toBe(before + 1);
  });

  it('refuses a proof made with another key, and keys other than P-256', async () => {
    const before = await certificateCount();
    const c = await challenge();
    expect(
      errorCodeOf(
        await enrol({ challengeId: c.challengeId, publicKey: deviceKey().spki, proof: deviceKey().prove(c) }),
      ),
    ).toBe('IDENTITY_SIGNING_PROOF_INVALID');
    const p384 = deviceKey('P-384');
    const c2 = await challenge();
    expect(
      errorCodeOf(await enrol({ challengeId: c2.challengeId, publicKey: p384.spki, proof: p384.prove(c2) })),
    ).toBe('IDENTITY_SIGNING_KEY_INVALID');
    const c3 = await challenge();
    expect(
      errorCodeOf(
        await enrol({ challengeId: c3.challengeId, publicKey: 'AAAA', proof: deviceKey().prove(c3) }),
      ),
    ).toBe('IDENTITY_SIGNING_KEY_INVALID');
    expect(await certificateCount()).toBe(before);
  });
});
