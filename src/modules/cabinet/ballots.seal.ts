/**
 * Sealing the ballot result report: the system seal's PAdES signature with a visible stamp on the last page
 * (signPdf), with an RFC 3161 timestamp when the deployment has a time-stamping authority. `pdfsig` accepts it.
 */
import { signPdf } from '../../platform/crypto/pdf-sign.js';
import type { Platform } from '../../platform/platform.js';

export async function sealReport(
  p: Platform,
  pdf: Buffer,
  info: { reference: string; bodyName: string; at: Date },
): Promise<Buffer> {
  return signPdf(pdf, await p.pki.seal(), {
    reason: 'Niêm phong kết quả lấy ý kiến / Sealed ballot result',
    signerName: `${info.bodyName} — Hệ thống CPĐT`,
    at: info.at,
    stamp: { lines: [`Phiếu lấy ý kiến số ${info.reference}`] },
    timestamp: (signature) => p.pki.timestamp(signature),
  });
}
