import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedTransaction } from '../../platform/audit/index.js';
import { actorOf, auditContext, requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { CERTIFICATE_LABEL_MAX, CERTIFICATE_SOURCES } from './certificates.service.js';
import { enrolSigningKey, signingChallenge, signingKeys } from './signing.service.js';

const Base64 = z.string().regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'base64');

const SigningKey = z.object({
  id: z.string(),
  label: z.string().nullable(),
  subject: z.string().describe('Chủ thể (DN) / Subject distinguished name'),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprint: z.string().describe('SHA-256 (hệ 16) / SHA-256 fingerprint (hexadecimal)'),
  source: z.enum(CERTIFICATE_SOURCES),
  certificate: z.string().describe('Chứng thư (base64 DER) / Certificate (base64 DER)'),
});

/**
 * Signing by people: the person's certificates usable now, and enrolling this device's non-extractable key
 * (challenge, proof of possession, a certificate from the deployment's demo CA). Same controls as the person's
 * own certificates (certificates.routes.ts): a full session; enrolment rate-limited.
 */
export async function signingRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const me = (request: FastifyRequest) => actorOf(request).personId;
  const rateLimit = { rateLimit: { max: 20, timeWindow: 60_000 } };

  r.get(
    '/api/identity/me/signing-keys',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Chứng thư ký số dùng được / My usable signing certificates',
        description:
          'Chứng thư số của tôi còn hiệu lực, chưa thu hồi, mới nhất trước. / My certificates that are valid ' +
          'and not revoked, latest expiry first.',
        response: { 200: z.object({ items: z.array(SigningKey) }) },
      },
    },
    async (request) => ({ items: await signingKeys(p.db, me(request), p.clock.now()) }),
  );

  r.post(
    '/api/identity/me/signing-keys/challenge',
    {
      onRequest: requireActor,
      config: rateLimit,
      schema: {
        tags: ['identity'],
        summary: 'Mã thử thách cho khoá ký mới / A challenge for a new device key',
        description:
          'Dùng một lần, hết hạn sau 5 phút: thiết bị ký các byte này bằng khoá riêng mới (ECDSA P-256). / ' +
          'One-time, expires in 5 minutes: the device signs these bytes with its new private key (ECDSA P-256).',
        response: {
          200: z.object({ challengeId: z.string(), challenge: z.string(), expiresAt: z.string() }),
        },
      },
    },
    async (request) => {
      const personId = me(request);
      return p.db.transaction((tx) => signingChallenge(tx, personId, p.clock.now()));
    },
  );

  r.post(
    '/api/identity/me/signing-keys',
    {
      onRequest: requireActor,
      config: rateLimit,
      schema: {
        tags: ['identity'],
        summary: 'Tạo khoá ký trên thiết bị / Enrol this device’s signing key',
        description:
          'Khoá công khai ECDSA P-256 (SPKI, base64) và chữ ký (IEEE P1363, base64) trên mã thử thách; CA thử ' +
          'nghiệm của hệ thống cấp chứng thư và đăng ký cho người dùng. Không có CA thử nghiệm: ' +
          'IDENTITY_SIGNING_NO_CA. / An ECDSA P-256 public key (SPKI, base64) and a signature (IEEE P1363, ' +
          'base64) over the challenge; the deployment’s demo CA issues a certificate registered on the person. ' +
          'Without a demo CA: IDENTITY_SIGNING_NO_CA.',
        body: z.object({
          challengeId: z.string().min(1).max(100),
          publicKey: Base64.max(1024),
          proof: Base64.max(256),
          label: z
            .string()
            .max(CERTIFICATE_LABEL_MAX * 4)
            .nullish(),
        }),
        response: { 201: SigningKey.omit({ certificate: true }).extend({ status: z.string() }) },
      },
    },
    async (request, reply) => {
      const personId = me(request);
      const ctx = auditContext(request);
      const view = await auditedTransaction(
        p.db,
        ctx,
        { action: 'identity.signing-key.enrol', objectType: 'certificate' },
        (tx) => enrolSigningKey(tx, p, ctx, personId, request.body, p.clock.now()),
      );
      return reply.status(201).send({
        id: view.id,
        label: view.label,
        subject: view.subject,
        issuer: view.issuer,
        notBefore: view.notBefore,
        notAfter: view.notAfter,
        fingerprint: view.fingerprint,
        source: view.source,
        status: view.status,
      });
    },
  );
}
