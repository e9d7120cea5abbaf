/**
 * An edXML envelope's signatures, as the hub and an agency node check them: the XML-DSig enveloped signature on
 * the envelope (optional on the national axis; verified when present, pinned as the last child of
 * `edXML:edXMLHeader`) and the PAdES signatures on the document files themselves (where legal validity comes
 * from: TT 41/2017/TT-BTTTT). One streaming pass reads the envelope for the XML signature; a second parses it,
 * unzipping each attachment and checking the PDFs among them.
 */
import {
  signEnveloped,
  verifyEnveloped,
  verifyPdfSignatures,
  type PdfVerification,
  type Pki,
  type Signer,
  type XmlSignatureFailure,
  type XmlSignatureResult,
} from '../../platform/crypto/index.js';
import type { StartElement } from '../../platform/xml/index.js';
import {
  collect,
  EDXML_NS,
  parseEdxml,
  unzipFirst,
  type AttachmentMeta,
  type ParseResult,
} from './edxml/index.js';

/** Where CPĐT puts, and expects, the envelope signature: the last child of edXML:edXMLHeader (axis.md §1.6). */
export const isEdxmlHeader = (e: StartElement): boolean => e.uri === EDXML_NS && e.local === 'edXMLHeader';

/** Signs the envelope with the agency's key (its seal: a PKCS#11 token in production). */
export function signEnvelope(xml: Buffer, signer: Signer): Promise<Buffer> {
  return signEnveloped(xml, signer, { parent: isEdxmlHeader });
}

export interface AttachmentCheck {
  meta: AttachmentMeta;
  /** The file inside the attachment's ZIP (null when the content is not a readable ZIP). */
  file: { name: string; size: number } | null;
  /** Set for PDF files: their signatures. */
  pdf: PdfVerification | null;
}

export interface EnvelopeCheck {
  parsed: ParseResult;
  signature: XmlSignatureResult;
  attachments: AttachmentCheck[];
}

/** PDFs up to this size are read whole for their signatures (the check needs the bytes at random places). */
const PDF_MAX_BYTES = 200 * 1024 * 1024;

/**
 * Everything about a received envelope: the edXML parse with its errors and warnings, the envelope signature,
 * and per attachment the file inside and, for a PDF, its signatures (path and revocation with `pki`).
 */
export interface CheckEnvelopeOptions {
  pki?: Pick<Pki, 'validate'>;
  at?: Date;
  /** Receives each attachment's unzipped file (to store it), after its check. */
  onFile?: (check: AttachmentCheck, data: Buffer) => Promise<void>;
}

export async function checkEnvelope(xml: Buffer, options: CheckEnvelopeOptions = {}): Promise<EnvelopeCheck> {
  const signature = await verifyEnveloped(xml, { ...options, parent: isEdxmlHeader });
  const attachments: AttachmentCheck[] = [];
  const pending: Promise<void>[] = [];
  const parsed = await parseEdxml(xml, {
    attachments: (meta) => {
      const chunks: Buffer[] = [];
      return {
        write: (chunk) => void chunks.push(Buffer.from(chunk)),
        end: () => {
          const check: AttachmentCheck = { meta, file: null, pdf: null };
          attachments.push(check);
          pending.push(inspect(Buffer.concat(chunks), check, options));
        },
      };
    },
  });
  await Promise.all(pending);
  return { parsed, signature, attachments };
}

async function inspect(zipped: Buffer, check: AttachmentCheck, options: CheckEnvelopeOptions): Promise<void> {
  let file: { name: string; data: Buffer };
  try {
    const inner = await unzipFirst(zipped, { maxBytes: PDF_MAX_BYTES });
    if (!inner) return;
    file = { name: inner.name, data: await collect(inner.data) };
  } catch {
    return; // not a ZIP: the parse's warnings say so
  }
  check.file = { name: file.name, size: file.data.length };
  if (file.data.subarray(0, 5).toString('latin1') === '%PDF-')
    check.pdf = await verifyPdfSignatures(file.data, { pki: options.pki, at: options.at });
  await options.onFile?.(check, file.data);
}

/** What each envelope-signature failure means, for people (Vietnamese first). */
export const XML_SIGNATURE_MESSAGES: Record<XmlSignatureFailure, { vi: string; en: string }> = {
  malformed_xml: {
    vi: 'Gói tin không phải XML hợp lệ.',
    en: 'The envelope is not well-formed XML.',
  },
  no_signature: { vi: 'Gói tin không có chữ ký số.', en: 'The envelope is not signed.' },
  malformed_signature: {
    vi: 'Chữ ký số của gói tin không đúng cấu trúc XML-DSig.',
    en: 'The envelope signature is not a well-formed XML-DSig signature.',
  },
  unsupported_algorithm: {
    vi: 'Chữ ký số dùng thuật toán không được hỗ trợ.',
    en: 'The signature uses an unsupported algorithm.',
  },
  reference: {
    vi: 'Chữ ký số không ký toàn bộ gói tin (cần đúng một tham chiếu URI="" với phép biến đổi enveloped-signature).',
    en: 'The signature does not cover the whole envelope (exactly one URI="" reference with the enveloped-signature transform is required).',
  },
  digest_mismatch: {
    vi: 'Nội dung gói tin đã bị thay đổi sau khi ký (giá trị băm không khớp).',
    en: 'The envelope was changed after it was signed (digest mismatch).',
  },
  signature_invalid: {
    vi: 'Giá trị chữ ký không hợp lệ với chứng thư số kèm theo.',
    en: "The signature value does not verify with the signer's certificate.",
  },
  certificate: {
    vi: 'Chứng thư số của người ký không được tin cậy, đã hết hạn hoặc bị thu hồi.',
    en: "The signer's certificate is not trusted, has expired or is revoked.",
  },
  multiple_signatures: {
    vi: 'Gói tin có nhiều chữ ký số; chỉ chấp nhận một chữ ký ở phần đầu gói tin.',
    en: 'The envelope carries several signatures; only one, in the header, is accepted.',
  },
  placement: {
    vi: 'Chữ ký số không nằm ở vị trí quy định (phần tử cuối của edXMLHeader).',
    en: 'The signature is not where the profile puts it (the last child of edXMLHeader).',
  },
};
