/**
 * Verifies the digital signatures of a PDF (PAdES / ISO 32000 §12.8): on the document exchange axis the
 * legal validity of an official document is the signer's and the agency's signature on the PDF file itself
 * (axis.md §1.6, §3.5), so what CPĐT receives is checked here and the result stored with the document.
 *
 * pdf-scan.ts finds the signature dictionaries (bounded work, no PDF library); cms.ts checks each CMS, the
 * two signed ranges hashed in place (no copy of the file), so a 10 MB PDF costs one pass of SHA-256.
 * Nothing here throws: the worst answer is `malformed`.
 *
 * Per signature: the /ByteRange must exclude exactly the dictionary's own /Contents (anything else is the
 * "shadow" trick of signing other bytes than the ones shown); the CMS (adbe.pkcs7.detached or
 * ETSI.CAdES.detached) must carry the digest of those ranges and verify with the signer's certificate; an
 * RFC 3161 signature timestamp, when attached, must be over the signature value; then `pki.validate` says
 * whether the certificate was good (path, validity, key usage, revocation) at the signing time.
 */
import crypto from 'node:crypto';
import { CmsError, verifyDetachedDigest, type VerifiedDigestSignature } from './cms.js';
import {
  leadingElement,
  onlyWhitespaceFrom,
  parsePdfDate,
  revisionEnd,
  scanSignatures,
  textOf,
  type PdfValue,
  type ScannedSignature,
} from './pdf-scan.js';
import type { PathFailure, Pki } from './pki.js';
import { readTimestampToken } from './tsa.js';
import { parseCertificateDer } from './x509.js';

export { parsePdfDate };

// ---------------------------------------------------------------------------------------------- results

/** Why one signature is not good. Stable codes: the UI shows PDF_SIGNATURE_REASONS[code]. */
export type PdfSignatureReason =
  'digest_mismatch' | 'signature_invalid' | 'malformed' | 'unsupported' | PathFailure;

/** Why the document as a whole is not validly signed. */
export type PdfVerificationReason =
  PdfSignatureReason | 'no_signature' | 'modified_after_signing' | 'trust_not_checked';

export interface PdfSignatureResult {
  /** 0-based, in file order (the first revision's signature first). */
  index: number;
  /** /SubFilter, e.g. 'ETSI.CAdES.detached'; null when absent. */
  subFilter: string | null;
  /** The digest of the signed ranges matches and the signature verifies with the signer's certificate. */
  intact: boolean;
  /** The certificate was good at `validatedAt` (pki.validate); null when no pki was given or not intact. */
  trusted: boolean | null;
  reason?: PdfSignatureReason;
  /** For operators and logs (English); users read PDF_SIGNATURE_REASONS[reason]. */
  detail?: string;
  /** The signer certificate's common name (else its subject, else the dictionary's /Name). */
  signerName: string | null;
  /** DER, exactly as carried in the CMS. */
  signerCertificate: Buffer | null;
  /** The signingTime signed attribute, else the dictionary's /M (claimed by the signer, not proven). */
  signingTime: Date | null;
  signingTimeSource: 'attribute' | 'dictionary' | null;
  /** The time of an attached RFC 3161 signature timestamp, when it verifies and covers this signature. */
  timestampTime?: Date;
  /** Is the timestamp's TSA certificate trusted (pki.validate at its time)? null without pki. */
  timestampTrusted?: boolean | null;
  /** The digest algorithm of the signed ranges ('sha256', or 'sha1' for legacy signers). */
  digestAlgorithm: string | null;
  /** The /ByteRange as written ([0, start of /Contents, end of /Contents, length after it]). */
  byteRange: number[];
  /** The signed ranges reach the end of the revision this signature belongs to (its %%EOF). */
  coversRevision: boolean;
  /** The signed ranges reach the end of the file (trailing whitespace aside). */
  coversWholeDocument: boolean;
  /** Bytes were added after this signature (an incremental update): !coversWholeDocument. */
  modifiedAfterSigning: boolean;
  /** /T of the signature field whose /V is this dictionary, when found. */
  fieldName?: string;
  /** The instant the certificate was validated at: `at`, else a trusted timestamp, else the signing time. */
  validatedAt?: Date;
  /** How revocation was checked when trusted. */
  revocation?: 'crl' | 'ocsp' | 'none';
}

export interface PdfVerification {
  signatures: PdfSignatureResult[];
  /** At least one signature, every one intact and trusted, and the last one covers the whole file. */
  valid: boolean;
  reason?: PdfVerificationReason;
  detail?: string;
}

export interface VerifyPdfOptions {
  /** Checks the signers' certificates; without it `trusted` is null and `valid` false (trust_not_checked). */
  pki?: Pick<Pki, 'validate'> | undefined;
  /** Validate every certificate at this instant instead of the signing time. */
  at?: Date | undefined;
}

/** What users read for each reason code, Vietnamese first. */
export const PDF_SIGNATURE_REASONS: Record<PdfVerificationReason, { vi: string; en: string }> = {
  digest_mismatch: {
    vi: 'Nội dung tệp đã bị thay đổi sau khi ký (giá trị băm không khớp).',
    en: 'The file was changed after it was signed (digest mismatch).',
  },
  signature_invalid: {
    vi: 'Chữ ký số không hợp lệ: không khớp với chứng thư số của người ký.',
    en: "The signature does not verify with the signer's certificate.",
  },
  malformed: {
    vi: 'Chữ ký số hoặc tệp PDF bị lỗi cấu trúc, không đọc được.',
    en: 'The signature or the PDF is malformed and cannot be read.',
  },
  unsupported: {
    vi: 'Loại chữ ký số này chưa được hỗ trợ kiểm tra.',
    en: 'This kind of signature is not supported.',
  },
  untrusted: {
    vi: 'Chứng thư số của người ký không do tổ chức chứng thực được tin cậy cấp.',
    en: "The signer's certificate does not chain to a trusted certification authority.",
  },
  expired: {
    vi: 'Chứng thư số đã hết hạn vào thời điểm ký.',
    en: 'The certificate had expired at the signing time.',
  },
  not_yet_valid: {
    vi: 'Chứng thư số chưa có hiệu lực vào thời điểm ký.',
    en: 'The certificate was not yet valid at the signing time.',
  },
  key_usage: {
    vi: 'Chứng thư số không được phép dùng để ký.',
    en: 'The certificate may not be used for signing.',
  },
  revoked: {
    vi: 'Chứng thư số của người ký đã bị thu hồi.',
    en: "The signer's certificate has been revoked.",
  },
  revocation_unknown: {
    vi: 'Không kiểm tra được tình trạng thu hồi của chứng thư số (CRL/OCSP không trả lời).',
    en: "The certificate's revocation status could not be checked (no CRL or OCSP answer).",
  },
  no_signature: {
    vi: 'Tệp không có chữ ký số.',
    en: 'The file carries no digital signature.',
  },
  modified_after_signing: {
    vi: 'Tệp đã bị bổ sung nội dung sau chữ ký số cuối cùng.',
    en: 'Content was added to the file after its last signature.',
  },
  trust_not_checked: {
    vi: 'Chưa kiểm tra độ tin cậy của chứng thư số.',
    en: 'The certificates were not checked against trusted authorities.',
  },
};

// ----------------------------------------------------------------------------------------- verification

const SUPPORTED_SUBFILTERS = new Set(['adbe.pkcs7.detached', 'ETSI.CAdES.detached']);

function nameOf(certificate: Buffer): string | null {
  try {
    const info = parseCertificateDer(certificate);
    return info.subjectCommonName ?? info.subject;
  } catch {
    return null;
  }
}

/** The result's reason for a CMS that does not verify. */
function reasonOf(e: CmsError): PdfSignatureReason {
  if (e.unsupported) return 'unsupported';
  return e.reason === 'digest'
    ? 'digest_mismatch'
    : e.reason === 'signature'
      ? 'signature_invalid'
      : 'malformed';
}

async function examine(
  buf: Buffer,
  index: number,
  { dict, fieldName }: ScannedSignature,
  options: VerifyPdfOptions,
): Promise<PdfSignatureResult> {
  const entry = (key: string): PdfValue | undefined => dict.entries.get(key)?.value;
  const subFilterValue = entry('SubFilter');
  const rangeValue = entry('ByteRange');
  const byteRange =
    rangeValue?.kind === 'array'
      ? rangeValue.items.map((v) => (v.kind === 'number' && v.integer ? v.value : Number.NaN))
      : [];
  const claimedTime = parsePdfDate(textOf(entry('M')));
  const result: PdfSignatureResult = {
    index,
    subFilter: subFilterValue?.kind === 'name' ? subFilterValue.name : null,
    intact: false,
    trusted: null,
    signerName: textOf(entry('Name')),
    signerCertificate: null,
    signingTime: claimedTime,
    signingTimeSource: claimedTime ? 'dictionary' : null,
    digestAlgorithm: null,
    byteRange,
    coversRevision: false,
    coversWholeDocument: false,
    modifiedAfterSigning: true,
    ...(fieldName !== undefined ? { fieldName } : {}),
  };
  const fail = (reason: PdfSignatureReason, detail: string): PdfSignatureResult =>
    Object.assign(result, { reason, detail });

  // The ranges: [0, '<' of /Contents) and ('>' of /Contents, end): exactly this dictionary's /Contents left out.
  const contents = entry('Contents');
  const [a, b, c, d] = byteRange as [number, number, number, number];
  if (byteRange.length !== 4 || byteRange.some((n) => !Number.isSafeInteger(n) || n < 0))
    return fail('malformed', '/ByteRange is not four non-negative integers');
  if (contents?.kind !== 'string' || !contents.hex) return fail('malformed', '/Contents is not a hex string');
  if (a !== 0 || b !== contents.start || c !== contents.end || c + d > buf.length)
    return fail('malformed', "/ByteRange does not cover the file except exactly this signature's /Contents");
  const signedEnd = c + d;
  if (signedEnd < dict.end)
    return fail('malformed', 'the signed ranges do not cover the signature dictionary itself');
  const end = revisionEnd(buf, dict.end);
  result.coversRevision = end !== null && signedEnd >= end.eof && signedEnd <= end.line;
  result.coversWholeDocument = signedEnd === buf.length || onlyWhitespaceFrom(buf, signedEnd);
  result.modifiedAfterSigning = !result.coversWholeDocument;

  if (!result.subFilter || !SUPPORTED_SUBFILTERS.has(result.subFilter))
    return fail('unsupported', `SubFilter ${result.subFilter ?? '(none)'} is not supported`);
  const der = leadingElement(contents.bytes);
  if (!der) return fail('malformed', '/Contents holds no DER structure');

  let cms: VerifiedDigestSignature;
  try {
    cms = verifyDetachedDigest(der, (algorithm, signer) => {
      // Who signed and when they say they did: reported even when a check below fails.
      result.signerCertificate = signer.signerCertificate;
      result.signerName = nameOf(signer.signerCertificate) ?? result.signerName;
      result.digestAlgorithm = algorithm;
      if (signer.signingTime) {
        result.signingTime = signer.signingTime;
        result.signingTimeSource = 'attribute';
      }
      // Hashed in place: the two ranges, never copied into one buffer.
      return crypto
        .createHash(algorithm)
        .update(buf.subarray(0, b))
        .update(buf.subarray(c, signedEnd))
        .digest();
    });
  } catch (e) {
    if (!(e instanceof CmsError)) throw e;
    const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
    return fail(reasonOf(e), `${e.message}${cause}`);
  }
  result.intact = true;

  let timestampTsa: Buffer | null = null;
  if (cms.timestampToken) {
    try {
      const imprint = crypto.createHash('sha256').update(cms.signatureValue).digest();
      const ts = readTimestampToken(cms.timestampToken, imprint);
      result.timestampTime = ts.genTime;
      timestampTsa = ts.tsaCertificate;
    } catch (e) {
      // An unsigned attribute anyone could have added: reported, but the signature itself stands.
      result.detail = `the attached timestamp does not verify: ${(e as Error).message}`;
    }
  }

  const pki = options.pki;
  if (!pki) return result;
  const intermediates = cms.certificates.filter((x) => !x.equals(cms.signerCertificate));
  if (timestampTsa && result.timestampTime) {
    result.timestampTrusted = await pki
      .validate(timestampTsa, result.timestampTime, { intermediates })
      .then((r) => r.ok)
      .catch(() => false);
  }
  // A trusted timestamp proves when it was signed; the signer's own claim is the fallback.
  const at =
    options.at ??
    (result.timestampTrusted ? result.timestampTime : undefined) ??
    result.signingTime ??
    new Date();
  result.validatedAt = at;
  let path: Awaited<ReturnType<Pki['validate']>>;
  try {
    path = await pki.validate(cms.signerCertificate, at, { intermediates });
  } catch (e) {
    path = {
      ok: false,
      reason: 'untrusted',
      detail: `certificate validation failed: ${(e as Error).message}`,
    };
  }
  if (path.ok) {
    result.trusted = true;
    result.revocation = path.revocation;
    return result;
  }
  result.trusted = false;
  return fail(path.reason, path.detail ?? `certificate path: ${path.reason}`);
}

/**
 * Every signature of `pdf`, each checked (integrity, and trust when `pki` is given), and whether the document
 * as a whole is validly signed. Never throws: unreadable input gives `malformed` or `no_signature`.
 */
export async function verifyPdfSignatures(
  pdf: Buffer,
  options: VerifyPdfOptions = {},
): Promise<PdfVerification> {
  try {
    const scan = scanSignatures(pdf);
    if ('malformed' in scan)
      return { signatures: [], valid: false, reason: 'malformed', detail: scan.malformed };
    if (scan.signatures.length === 0) return { signatures: [], valid: false, reason: 'no_signature' };
    const signatures: PdfSignatureResult[] = [];
    for (const [i, found] of scan.signatures.entries())
      signatures.push(await examine(pdf, i, found, options));
    return summarise(signatures);
  } catch (e) {
    return { signatures: [], valid: false, reason: 'malformed', detail: (e as Error).message };
  }
}

function summarise(signatures: PdfSignatureResult[]): PdfVerification {
  const failed = signatures.find((s) => s.reason !== undefined);
  if (failed) return { signatures, valid: false, reason: failed.reason! };
  if (!signatures[signatures.length - 1]!.coversWholeDocument)
    return { signatures, valid: false, reason: 'modified_after_signing' };
  if (signatures.some((s) => s.trusted !== true))
    return { signatures, valid: false, reason: 'trust_not_checked' };
  return { signatures, valid: true };
}
