export { canonicalJson } from './canonical-json.js';
export { sha256Hex, digestOf } from './digest.js';
export { SecretBox, loadSecretBox } from './secret-box.js';
export {
  canSign,
  certificateBlocks,
  isIssuedBy,
  parseCertificate,
  parseCertificateDer,
  parseCertificates,
  toPem,
  validityAt,
  CertificateParseError,
  EXTENDED_KEY_USAGES,
  KEY_USAGES,
  type CertificateInfo,
  type CertificateParseReason,
  type KeyUsage,
  type PublicKeyInfo,
  type ValidityState,
} from './x509.js';
export {
  demoCaDir,
  demoCaExists,
  demoCaPassphrase,
  generateSigningKeyPair,
  initDemoCa,
  readDemoCaCertificate,
  DemoCa,
  DemoCaError,
  CA_CERT_FILE,
  CA_KEY_FILE,
  DEFAULT_CERTIFICATE_DAYS,
  MAX_CERTIFICATE_DAYS,
  type CertificateSubject,
  type DemoCaErrorReason,
  type DemoCaPassphrase,
  type IssueCertificateRequest,
  type IssuedCertificate,
} from './demo-ca.js';
export {
  assembleSignedData,
  ecdsaP1363ToDer,
  readSignedAttributes,
  signDetached,
  signedAttributes,
  verifyDetached,
  verifyEnclosed,
  CmsError,
  type CmsErrorReason,
  type SignDetachedOptions,
  type VerifiedSignature,
} from './cms.js';
export { createPki, type Pki, type PathFailure, type PathResult } from './pki.js';
export {
  readTimestampToken,
  requestTimestamp,
  TsaError,
  ID_CT_TSTINFO,
  type TimestampInfo,
  type TsaErrorReason,
} from './tsa.js';
export type { Signer } from './signer.js';
export {
  verifyPdfSignatures,
  parsePdfDate,
  PDF_SIGNATURE_REASONS,
  type PdfVerification,
  type PdfSignatureResult,
  type PdfSignatureReason,
  type PdfVerificationReason,
  type VerifyPdfOptions,
} from './pdf-verify.js';
export {
  signEnveloped,
  verifyEnveloped,
  EnvelopedSignatureCheck,
  ecdsaDerToP1363,
  XmlSignError,
  XMLDSIG_NS,
  type SignEnvelopedOptions,
  type VerifyEnvelopedOptions,
  type XmlSignatureResult,
  type XmlSignatureFailure,
  type XmlSignErrorReason,
  type SignatureAlgorithmName,
  type DigestAlgorithmName,
} from './xmldsig.js';
