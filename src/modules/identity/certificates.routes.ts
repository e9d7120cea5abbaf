import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditedTransaction } from '../../platform/audit/index.js';
import { CA_CERT_FILE, demoCaDir, readDemoCaCertificate } from '../../platform/crypto/index.js';
import { actorOf, auditContext, requireActor, requirePermission } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import {
  CERTIFICATE_LABEL_MAX,
  CERTIFICATE_PEM_MAX,
  CERTIFICATE_SOURCES,
  CERTIFICATE_STATUSES,
  myCertificates,
  personCertificates,
  registerCertificate,
  revokeCertificate,
} from './certificates.service.js';
import { Permissions } from './policy.js';

const CertificateView = z.object({
  id: z.string(),
  label: z.string().nullable(),
  subject: z.string().describe('Chủ thể (DN) / Subject distinguished name'),
  subjectCommonName: z.string().nullable(),
  issuer: z.string().describe('Tổ chức cấp (DN) / Issuer distinguished name'),
  issuerCommonName: z.string().nullable(),
  serialNumber: z.string().describe('Số hiệu (hệ 16) / Serial number (hexadecimal)'),
  notBefore: z.string(),
  notAfter: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  fingerprint: z.string().describe('SHA-256 (hệ 16) / SHA-256 fingerprint (hexadecimal)'),
  keyUsage: z.array(z.string()),
  publicKeyAlgorithm: z.string(),
  source: z.enum(CERTIFICATE_SOURCES).describe('upload: tự tải lên / uploaded; ca: CA thử nghiệm / demo CA'),
  issuedByDeploymentCa: z
    .boolean()
    .describe('Do CA thử nghiệm của hệ thống này cấp / Issued by this deployment’s demo CA'),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const CertificateList = z.object({ items: z.array(CertificateView) });

/** The demo CA's certificate (DER), re-read only when its file changes (`cpdt ca init --force`). */
function deploymentCaReader(dataDir: string): () => Uint8Array | null {
  const dir = demoCaDir(dataDir);
  let cached: { mtimeMs: number; der: Uint8Array | null } | null = null;
  return () => {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(path.join(dir, CA_CERT_FILE)).mtimeMs;
    } catch {
      return null;
    }
    if (cached?.mtimeMs !== mtimeMs) {
      let der: Uint8Array | null = null;
      try {
        der = readDemoCaCertificate(dir)?.der ?? null;
      } catch {
        // An unreadable CA file: nothing is "issued by this deployment's CA".
      }
      cached = { mtimeMs, der };
    }
    return cached.der;
  };
}

/**
 * Signing certificates: each person lists, registers and revokes their own; holders of
 * identity.people.manage read those of the people in their agency scope.
 */
export async function certificatesRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deploymentCa = deploymentCaReader(p.config.dataDir);
  const me = (request: FastifyRequest) => actorOf(request).personId;

  r.get(
    '/api/me/certificates',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Chứng thư số của tôi / My signing certificates',
        response: { 200: CertificateList },
      },
    },
    async (request) => ({
      items: await myCertificates(p.db, me(request), p.clock.now(), deploymentCa()),
    }),
  );

  r.post(
    '/api/me/certificates',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Đăng ký chứng thư số / Register a signing certificate',
        description:
          'Chứng thư số X.509 dạng PEM (hoặc base64 DER); với một chuỗi chứng thư, chứng thư đầu tiên là của ' +
          'người ký. Bị từ chối nếu hết hạn, chưa có hiệu lực, không cho phép ký hoặc đã đăng ký. / An X.509 ' +
          'certificate as PEM (or base64 DER); for a chain, the first certificate is the signer’s. Refused ' +
          'when expired, not yet valid, not allowed to sign, or already registered.',
        body: z.object({
          pem: z.string().max(CERTIFICATE_PEM_MAX),
          label: z
            .string()
            .max(CERTIFICATE_LABEL_MAX * 4)
            .nullish(),
        }),
        response: { 201: CertificateView },
      },
    },
    async (request, reply) => {
      const personId = me(request);
      const created = await auditedTransaction(
        p.db,
        auditContext(request),
        { action: 'identity.certificate.register', objectType: 'certificate' },
        (tx) =>
          registerCertificate(tx, auditContext(request), personId, request.body.pem, 'upload', {
            label: request.body.label,
            at: p.clock.now(),
            deploymentCa: deploymentCa(),
          }),
      );
      return reply.status(201).send(created);
    },
  );

  r.delete(
    '/api/me/certificates/:id',
    {
      onRequest: requireActor,
      schema: {
        tags: ['identity'],
        summary: 'Thu hồi chứng thư số của tôi / Revoke one of my certificates',
        description:
          'Chứng thư không bị xoá mà được đánh dấu thu hồi, để các chữ ký đã tạo vẫn giải thích được. / The ' +
          'certificate is kept, marked revoked, so signatures made before stay explainable.',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: CertificateView },
      },
    },
    async (request) =>
      auditedTransaction(
        p.db,
        auditContext(request),
        { action: 'identity.certificate.revoke', objectType: 'certificate', objectId: request.params.id },
        (tx) =>
          revokeCertificate(
            tx,
            auditContext(request),
            me(request),
            request.params.id,
            p.clock.now(),
            deploymentCa(),
          ),
      ),
  );

  r.get(
    '/api/admin/people/:personId/certificates',
    {
      onRequest: requirePermission(Permissions.managePeople),
      schema: {
        tags: ['identity'],
        summary: 'Chứng thư số của một người / A person’s signing certificates',
        params: z.object({ personId: z.string().max(64) }),
        response: { 200: CertificateList },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        items: await personCertificates(
          p.db,
          { agencyId: actor.agencyId, permissions: actor.permissions },
          request.params.personId,
          p.clock.now(),
          deploymentCa(),
        ),
      };
    },
  );
}
