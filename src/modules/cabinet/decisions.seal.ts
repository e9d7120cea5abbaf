/**
 * The system seal over a decision's statement (roster, receipt, deemed answer, close, checkpoint): a detached
 * CMS, base64 DER, as stored beside the statement and exported as `<n>.json.p7s`.
 *
 * A checkpoint also asks the time-stamping authority, when one is configured, for an RFC 3161 token (CAdES-T):
 * a third party then vouches for when the log had that head. A TSA that is down must not stop a poll or a
 * ballot from closing, so the checkpoint then stays CAdES-BES and the failure is logged.
 */
import { signDetached } from '../../platform/crypto/index.js';
import type { Platform } from '../../platform/platform.js';

export async function sealStatement(
  p: Platform,
  payload: string,
  at: Date,
  options: { timestamp?: boolean } = {},
): Promise<string> {
  const timestamp = options.timestamp
    ? (signature: Buffer) =>
        p.pki.timestamp(signature).catch((e: unknown) => {
          p.logger.warn(
            { err: e },
            'Không lấy được dấu thời gian cho điểm chốt / No timestamp for the checkpoint (PKI_TSA_URL)',
          );
          return null;
        })
    : undefined;
  const cms = await signDetached(
    Buffer.from(payload, 'utf8'),
    await p.pki.seal(),
    at,
    timestamp ? { timestamp } : {},
  );
  return cms.toString('base64');
}
