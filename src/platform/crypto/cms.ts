/**
 * CMS (RFC 5652) detached signatures in the CAdES-BES profile (ETSI EN 319 122-1): what members sign votes
 * and ballot answers with, and what the system seal signs rosters, receipts and checkpoints with.
 *
 * The signed attributes are contentType (id-data), signingTime, messageDigest (SHA-256 of the content) and
 * ESS signingCertificateV2 (SHA-256 of the signer's certificate, so the certificate cannot be swapped). The
 * signature is ecdsa-with-SHA256 (or -384/-512 by curve) or sha256WithRSAEncryption (PKCS#1 v1.5), the
 * signer named by issuerAndSerialNumber, its certificate and chain carried in `certificates`. An RFC 3161
 * token over the signature value may be added as the unsigned attribute id-aa-signatureTimeStampToken
 * (CAdES-T). Every signature made here verifies with `openssl cms -verify -binary -inform DER`.
 *
 * A browser signs in two steps, so the parts are exported: `signedAttributes` gives the bytes to sign,
 * `assembleSignedData` puts the signature (DER, or IEEE P1363 as WebCrypto returns it) into a SignedData.
 *
 * `verifyDetached` checks the mathematics only (digest and signature); whether the certificate is trusted at
 * the signing time is `platform.pki.validate`'s question. `verifyDetachedDigest` is the same check for content
 * the caller hashes itself (a PDF's two signed ranges, hashed in place), and what other tools sign is
 * accepted too: SHA-1…SHA-512 digests, ECDSA or RSA PKCS#1 v1.5, ESS signingCertificate v1 or v2, BER
 * indefinite lengths. Both, and `verifyEnclosed`, run through one verification (`verifySignedData`).
 */
import crypto from 'node:crypto';
import {
  CONTEXT,
  DerError,
  certificateParts,
  expect,
  explicit,
  isContext,
  isTag,
  nullValue,
  octets,
  oid,
  parseDer,
  readOctets,
  readOid,
  readSmallInt,
  readTime,
  seq,
  setOf,
  smallInt,
  tlv,
  time,
  TAG,
  type Node,
} from './der.js';
import type { Signer } from './signer.js';

export type CmsErrorReason = 'malformed' | 'digest' | 'signature';

/** A CMS signature that is not one (`malformed`), is over other content (`digest`) or does not verify. */
export class CmsError extends Error {
  /**
   * The signature may well be sound but uses what is not checked here (an unknown algorithm, no signed
   * attributes): `reason` is then 'malformed', so callers that only know the three reasons see no change.
   */
  readonly unsupported: boolean;

  constructor(
    readonly reason: CmsErrorReason,
    message: string,
    options?: { cause?: unknown; unsupported?: boolean },
  ) {
    super(message, options);
    this.name = 'CmsError';
    this.unsupported = options?.unsupported ?? false;
  }
}

/** Inside parsing: an algorithm or form not checked here (becomes CmsError 'malformed', unsupported). */
class Unsupported extends DerError {}

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha224WithRSA: '1.2.840.113549.1.1.14',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
} as const;

/** Node's name of a digest algorithm a signature may use. */
export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/* SHA-1 and SHA-224 only for what other tools made (legacy PDF signers); what is signed here is SHA-256. */
const DIGESTS: Record<string, DigestName> = {
  [OID.sha1]: 'sha1',
  [OID.sha224]: 'sha224',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Signature algorithm OIDs we verify: key type and (when the OID fixes it) the hash. */
const SIGNATURES: Record<string, { key: 'ec' | 'rsa'; hash: DigestName | null }> = {
  [OID.ecdsaWithSha1]: { key: 'ec', hash: 'sha1' },
  [OID.ecdsaWithSha256]: { key: 'ec', hash: 'sha256' },
  [OID.ecdsaWithSha384]: { key: 'ec', hash: 'sha384' },
  [OID.ecdsaWithSha512]: { key: 'ec', hash: 'sha512' },
  [OID.sha1WithRSA]: { key: 'rsa', hash: 'sha1' },
  [OID.sha224WithRSA]: { key: 'rsa', hash: 'sha224' },
  [OID.sha256WithRSA]: { key: 'rsa', hash: 'sha256' },
  [OID.sha384WithRSA]: { key: 'rsa', hash: 'sha384' },
  [OID.sha512WithRSA]: { key: 'rsa', hash: 'sha512' },
  [OID.rsaEncryption]: { key: 'rsa', hash: null },
  // Some signers write ecPublicKey as the signature algorithm; the digest algorithm names the hash then.
  [OID.ecPublicKey]: { key: 'ec', hash: null },
};

const sha256 = (data: Uint8Array): Buffer => crypto.createHash('sha256').update(data).digest();
const hashOf = (algorithm: DigestName, data: Uint8Array): Buffer =>
  crypto.createHash(algorithm).update(data).digest();

function attribute(type: string, value: Buffer): Buffer {
  return seq(oid(type), setOf(value));
}

/* Per-certificate facts every signature needs (the seal signs with one certificate thousands of times):
   computed once per certificate, keyed by the certificate bytes' SHA-256, in a small bounded map. */
interface CertificateFacts {
  sha256: Buffer;
  /** DER of IssuerAndSerialNumber (the SignerIdentifier). */
  issuerAndSerial: Buffer;
  /** DER of SigningCertificateV2 (ESS, with the certificate's SHA-256 and issuer/serial). */
  signingCertificateV2: Buffer;
  /** The key kind; undefined until asked (an unsupported key is an error only where a kind is needed). */
  kind?: KeyKind;
}

const CERTIFICATE_FACTS_MAX = 256;
const certificateFacts = new Map<string, CertificateFacts>();

/** The certificate's facts; throws what certificateParts throws when it is not a DER certificate. */
function factsOf(certificate: Buffer): CertificateFacts {
  const digest = sha256(certificate);
  const id = digest.toString('hex');
  const hit = certificateFacts.get(id);
  if (hit) return hit;
  const parts = certificateParts(certificate);
  // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash, issuerSerial }
  // IssuerSerial ::= SEQUENCE { issuer GeneralNames (directoryName [4]), serialNumber }
  const issuerSerial = seq(seq(explicit(4, parts.issuer)), tlv(TAG.INTEGER, parts.serial));
  const essCertId = seq(octets(digest), issuerSerial);
  const facts: CertificateFacts = {
    sha256: digest,
    issuerAndSerial: seq(parts.issuer, tlv(TAG.INTEGER, parts.serial)),
    signingCertificateV2: seq(seq(essCertId)),
  };
  if (certificateFacts.size >= CERTIFICATE_FACTS_MAX)
    certificateFacts.delete(certificateFacts.keys().next().value!);
  certificateFacts.set(id, facts);
  return facts;
}

/** Constant DER pieces of every signature made here. */
const CONTENT_TYPE_DATA = attribute(OID.contentType, oid(OID.data));
const ECDSA_WITH_SHA256 = seq(oid(OID.ecdsaWithSha256));
const SHA256_WITH_RSA = seq(oid(OID.sha256WithRSA), nullValue());
const DIGEST_SHA256 = seq(oid(OID.sha256));
const DIGEST_ALGORITHMS = setOf(DIGEST_SHA256);
const ENCAP_DATA = seq(oid(OID.data));
const SIGNING_TIME_OID = oid(OID.signingTime);
const MESSAGE_DIGEST_OID = oid(OID.messageDigest);
const SIGNING_CERTIFICATE_V2_OID = oid(OID.signingCertificateV2);

/**
 * DER of the SET OF signed attributes (contentType id-data, signingTime, messageDigest, ESS
 * signingCertificateV2 with the issuer and serial): exactly the bytes the signer signs.
 */
export function signedAttributes(input: {
  contentSha256: Buffer;
  signingTime: Date;
  signerCertificate: Buffer;
}): Buffer {
  if (input.contentSha256.length !== 32) throw new CmsError('malformed', 'contentSha256 must be 32 bytes');
  let facts;
  try {
    facts = factsOf(input.signerCertificate);
  } catch (cause) {
    throw new CmsError('malformed', 'The signer certificate is not a DER certificate', { cause });
  }
  return setOf(
    CONTENT_TYPE_DATA,
    seq(SIGNING_TIME_OID, setOf(time(input.signingTime))),
    seq(MESSAGE_DIGEST_OID, setOf(octets(input.contentSha256))),
    seq(SIGNING_CERTIFICATE_V2_OID, setOf(facts.signingCertificateV2)),
  );
}

/** An ESS certificate identifier: the hash of the signer's certificate (algorithm null: one not known here). */
interface EssCertId {
  algorithm: DigestName | null;
  hash: Buffer;
}

interface ParsedAttributes {
  contentType: string | null;
  messageDigest: Buffer | null;
  signingTime: Date | null;
  /** What readSignedAttributes reports: ESS signingCertificateV2, else signingCertificate (v1, SHA-1). */
  signingCertificate: EssCertId | null;
  /** Every ESS identifier present (v1 and v2 both, when both are): verification checks each. */
  signingCertificates: EssCertId[];
}

function parseAttributes(set: Node): ParsedAttributes {
  const out: ParsedAttributes = {
    contentType: null,
    messageDigest: null,
    signingTime: null,
    signingCertificate: null,
    signingCertificates: [],
  };
  const seen = new Set<string>();
  for (const attr of set.children) {
    const [typeNode, values] = expect(attr, TAG.SEQUENCE, 'Attribute').children;
    const type = readOid(typeNode);
    if (seen.has(type)) throw new DerError(`attribute ${type} repeated`);
    seen.add(type);
    const valueSet = expect(values, TAG.SET, 'attribute values');
    const value = valueSet.children[0];
    if (type === OID.contentType || type === OID.messageDigest || type === OID.signingTime) {
      // RFC 5652 §11: these carry exactly one value.
      if (valueSet.children.length !== 1) throw new DerError(`attribute ${type} needs one value`);
    }
    if (type === OID.contentType) out.contentType = readOid(value);
    else if (type === OID.messageDigest) out.messageDigest = readOctets(value);
    else if (type === OID.signingTime) out.signingTime = readTime(value);
    else if (type === OID.signingCertificateV2 || type === OID.signingCertificate) {
      // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), … }: the first is the signer's.
      // ESSCertID ::= SEQUENCE { certHash (SHA-1), … }; ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT
      // sha256, certHash, … }.
      const v2 = type === OID.signingCertificateV2;
      const certs = expect(
        expect(value, TAG.SEQUENCE, 'SigningCertificate').children[0],
        TAG.SEQUENCE,
        'certs',
      );
      const first = expect(certs.children[0], TAG.SEQUENCE, 'ESSCertID').children;
      let i = 0;
      let algorithm: DigestName | null = v2 ? 'sha256' : 'sha1';
      if (v2 && isTag(first[0], TAG.SEQUENCE)) algorithm = DIGESTS[readOid(first[i++]!.children[0])] ?? null;
      const id = { algorithm, hash: readOctets(first[i]) };
      out.signingCertificates.push(id);
      if (v2 || !out.signingCertificate) out.signingCertificate = id;
    }
  }
  return out;
}

/** The fields of a DER SET OF signed attributes; CmsError('malformed') when it is not one. */
export function readSignedAttributes(der: Buffer): {
  contentSha256: Buffer;
  signingTime: Date | null;
  signingCertificateSha256: Buffer | null;
} {
  let attrs: ParsedAttributes;
  try {
    const set = parseDer(der);
    if (!isTag(set, TAG.SET)) throw new DerError('expected a SET OF Attribute');
    attrs = parseAttributes(set);
  } catch (cause) {
    if (cause instanceof CmsError) throw cause;
    throw new CmsError('malformed', 'Not a set of signed attributes', { cause });
  }
  if (!attrs.messageDigest || attrs.messageDigest.length !== 32)
    throw new CmsError('malformed', 'The signed attributes carry no SHA-256 message digest');
  return {
    contentSha256: attrs.messageDigest,
    signingTime: attrs.signingTime,
    signingCertificateSha256:
      attrs.signingCertificate?.algorithm === 'sha256' ? attrs.signingCertificate.hash : null,
  };
}

/** DER INTEGER contents for an unsigned big-endian value (minimal, positive). */
function intContents(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  return (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
}

/** An IEEE P1363 ECDSA signature (r‖s, as WebCrypto returns it) as a DER Ecdsa-Sig-Value. */
export function ecdsaP1363ToDer(raw: Buffer): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0 || raw.length > 132)
    throw new CmsError('malformed', 'Not an IEEE P1363 ECDSA signature');
  const half = raw.length / 2;
  return seq(
    tlv(TAG.INTEGER, intContents(raw.subarray(0, half))),
    tlv(TAG.INTEGER, intContents(raw.subarray(half))),
  );
}

/** True when `sig` is exactly a DER SEQUENCE of two INTEGERs. */
function isDerEcdsa(sig: Buffer): boolean {
  try {
    const node = parseDer(sig);
    return (
      isTag(node, TAG.SEQUENCE) &&
      node.children.length === 2 &&
      isTag(node.children[0], TAG.INTEGER) &&
      isTag(node.children[1], TAG.INTEGER)
    );
  } catch {
    return false;
  }
}

type KeyKind = 'ec' | 'rsa';

function keyKindOf(certificate: Buffer, facts: CertificateFacts): KeyKind {
  if (facts.kind) return facts.kind;
  let key: crypto.KeyObject;
  try {
    key = new crypto.X509Certificate(certificate).publicKey;
  } catch (cause) {
    throw new CmsError('malformed', 'The signer certificate cannot be read', { cause });
  }
  if (key.asymmetricKeyType === 'ec') return (facts.kind = 'ec');
  if (key.asymmetricKeyType === 'rsa') return (facts.kind = 'rsa');
  throw new CmsError('malformed', `Unsupported signer key type ${key.asymmetricKeyType ?? '?'}`);
}

/**
 * A detached CMS ContentInfo(SignedData) around signed attributes and their signature. ECDSA signatures may
 * be given DER-encoded or as IEEE P1363 (r‖s); RSA as PKCS#1 v1.5 bytes.
 */
export function assembleSignedData(input: {
  signedAttributes: Buffer;
  signature: Buffer;
  signerCertificate: Buffer;
  chain?: readonly Buffer[] | undefined;
  timestampToken?: Buffer | null | undefined;
}): Buffer {
  let attrs: Node;
  let facts: CertificateFacts;
  try {
    attrs = parseDer(input.signedAttributes);
    if (!isTag(attrs, TAG.SET)) throw new DerError('expected a SET OF Attribute');
    parseAttributes(attrs);
    facts = factsOf(input.signerCertificate);
  } catch (cause) {
    throw new CmsError('malformed', 'Signed attributes or signer certificate unreadable', { cause });
  }
  return assemble(attrs.content, input, facts);
}

/** assembleSignedData once the attributes (their SET's contents) and the certificate are known to be sound. */
function assemble(
  attrsContent: Buffer,
  input: {
    signature: Buffer;
    signerCertificate: Buffer;
    chain?: readonly Buffer[] | undefined;
    timestampToken?: Buffer | null | undefined;
  },
  facts: CertificateFacts,
): Buffer {
  const kind = keyKindOf(input.signerCertificate, facts);
  let signature = input.signature;
  let signatureAlgorithm: Buffer;
  if (kind === 'ec') {
    if (!isDerEcdsa(signature)) signature = ecdsaP1363ToDer(signature);
    // A Signer hashes with SHA-256 whatever the curve (signer.ts), so the algorithm is ecdsa-with-SHA256.
    signatureAlgorithm = ECDSA_WITH_SHA256;
  } else {
    signatureAlgorithm = SHA256_WITH_RSA;
  }
  // The messageDigest attribute is always SHA-256 here, whatever the curve.
  const unsigned = input.timestampToken
    ? [tlv(0xa1, seq(oid(OID.signatureTimeStampToken), setOf(input.timestampToken)))]
    : [];
  const signerInfo = seq(
    smallInt(1),
    facts.issuerAndSerial,
    DIGEST_SHA256,
    tlv(0xa0, attrsContent),
    signatureAlgorithm,
    octets(signature),
    ...unsigned,
  );
  const certificates = [input.signerCertificate, ...(input.chain ?? [])];
  const signedData = seq(
    smallInt(1),
    DIGEST_ALGORITHMS,
    ENCAP_DATA,
    tlv(0xa0, ...certificates),
    setOf(signerInfo),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}

/** The contents of a DER TLV (its header skipped). */
function contentsOf(der: Buffer): Buffer {
  const first = der[1]!;
  return der.subarray(first < 0x80 ? 2 : 2 + (first & 0x7f));
}

export interface SignDetachedOptions {
  /** An RFC 3161 token over the signature value (e.g. `pki.timestamp`); null or absent: none added. */
  timestamp?: ((signatureValue: Buffer) => Promise<Buffer | null>) | undefined;
}

/** Signs `content` (CAdES-BES, or CAdES-T with a timestamp) with `signer`; a detached DER .p7s. */
export async function signDetached(
  content: Buffer,
  signer: Signer,
  at: Date,
  options: SignDetachedOptions = {},
): Promise<Buffer> {
  const attrs = signedAttributes({
    contentSha256: sha256(content),
    signingTime: at,
    signerCertificate: signer.certificate,
  });
  let signature = await signer.sign(attrs);
  if (signer.keyAlgorithm === 'EC' && !isDerEcdsa(signature)) signature = ecdsaP1363ToDer(signature);
  const timestampToken = options.timestamp ? await options.timestamp(signature) : null;
  // The attributes were built just above from a certificate signedAttributes could read: no re-parse.
  return assemble(
    contentsOf(attrs),
    { signature, signerCertificate: signer.certificate, chain: signer.chain, timestampToken },
    factsOf(signer.certificate),
  );
}

export interface VerifiedSignature {
  /** The signer's certificate (DER, exactly as carried). */
  signerCertificate: Buffer;
  /** Every certificate carried in the SignedData (DER), signer's included. */
  certificates: Buffer[];
  signingTime: Date | null;
  /** SHA-256 of the content, hex. */
  contentSha256: string;
  /** The RFC 3161 token (id-aa-signatureTimeStampToken), when one is attached. */
  timestampToken: Buffer | null;
  /** The signature value (what a timestamp token's message imprint covers). */
  signatureValue: Buffer;
}

/** What verifyDetachedDigest establishes: no SHA-256 of the content (only the caller has the content). */
export type VerifiedDigestSignature = Omit<VerifiedSignature, 'contentSha256'> & {
  /** The SignerInfo's digest algorithm: the one `digestOf` was asked for. */
  digestAlgorithm: DigestName;
};

/** What a SignedData says of its signer, read before anything is checked (so not yet to be believed). */
export interface CmsSigner {
  signerCertificate: Buffer;
  certificates: Buffer[];
  signingTime: Date | null;
}

/**
 * The content's digest under `algorithm`, asked once, after the SignedData is read and its signer found and
 * before any check; `signer` lets the caller report whose signature it was even when a check then fails.
 */
export type ContentDigest = (algorithm: DigestName, signer: CmsSigner) => Buffer;

const publicKeys = new Map<string, crypto.KeyObject>();
const PUBLIC_KEY_CACHE = 2048;

function publicKeyOf(certificate: Buffer): crypto.KeyObject {
  const id = sha256(certificate).toString('hex');
  let key = publicKeys.get(id);
  if (!key) {
    key = new crypto.X509Certificate(certificate).publicKey;
    if (publicKeys.size >= PUBLIC_KEY_CACHE) publicKeys.delete(publicKeys.keys().next().value!);
    publicKeys.set(id, key);
  }
  return key;
}

interface ParsedSignerInfo {
  sid: { issuer: Buffer; serial: Buffer } | { keyId: Buffer };
  digest: DigestName;
  signedAttrs: Node;
  signatureAlgorithm: { key: 'ec' | 'rsa'; hash: DigestName | null };
  signature: Buffer;
  timestampToken: Buffer | null;
}

function parseSignerInfo(node: Node): ParsedSignerInfo {
  const c = expect(node, TAG.SEQUENCE, 'SignerInfo').children;
  let i = 0;
  readSmallInt(c[i++]);
  const sidNode = c[i++];
  let sid: ParsedSignerInfo['sid'];
  if (sidNode?.cls === CONTEXT && sidNode.number === 0) {
    sid = { keyId: sidNode.content };
  } else {
    const issuerAndSerial = expect(sidNode, TAG.SEQUENCE, 'SignerIdentifier');
    const issuer = expect(issuerAndSerial.children[0], TAG.SEQUENCE, 'issuer').raw;
    const serial = expect(issuerAndSerial.children[1], TAG.INTEGER, 'serial').content;
    sid = { issuer, serial };
  }
  const digestOid = readOid(expect(c[i++], TAG.SEQUENCE, 'digest algorithm').children[0]);
  const digest = DIGESTS[digestOid];
  if (!digest) throw new Unsupported(`unsupported digest algorithm ${digestOid}`);
  // Without signed attributes the signature is a bare PKCS#1 one over the content: not checked here.
  if (!isContext(c[i], 0)) throw new Unsupported('no signed attributes');
  const signedAttrs = c[i++]!;
  const sigOid = readOid(expect(c[i++], TAG.SEQUENCE, 'signature algorithm').children[0]);
  const signatureAlgorithm = SIGNATURES[sigOid];
  if (!signatureAlgorithm) throw new Unsupported(`unsupported signature algorithm ${sigOid}`);
  const signature = readOctets(c[i++]);
  let timestampToken: Buffer | null = null;
  if (isContext(c[i], 1)) {
    for (const attr of c[i]!.children) {
      const [typeNode, values] = expect(attr, TAG.SEQUENCE, 'Attribute').children;
      if (readOid(typeNode) === OID.signatureTimeStampToken)
        timestampToken = expect(values, TAG.SET, 'values').children[0]?.raw ?? null;
    }
  }
  return { sid, digest, signedAttrs, signatureAlgorithm, signature, timestampToken };
}

function matchesSid(certificate: Buffer, sid: ParsedSignerInfo['sid']): boolean {
  try {
    const parts = certificateParts(certificate);
    if ('keyId' in sid) {
      const ski = parts.extensions.get('2.5.29.14');
      if (!ski) return false;
      return parseDer(ski.value).content.equals(sid.keyId);
    }
    return parts.serial.equals(sid.serial) && parts.issuer.equals(sid.issuer);
  } catch {
    return false;
  }
}

/**
 * Checks a detached CMS signature over `content`: the messageDigest equals the content's digest and the
 * signature over the signed attributes verifies with the signer certificate's key. Mathematics only: the
 * certificate's trust is `pki.validate`'s. CmsError 'malformed' | 'digest' | 'signature' otherwise.
 */
export function verifyDetached(p7s: Buffer, content: Buffer): VerifiedSignature {
  const { signature, digest } = verifySignedData(p7s, OID.data, (algorithm) => hashOf(algorithm, content));
  return withContentSha256(signature, signature.digestAlgorithm === 'sha256' ? digest : sha256(content));
}

/**
 * verifyDetached for content the caller hashes itself, under the algorithm the signature names (e.g. the
 * signed ranges of a PDF, hashed in place rather than copied into one Buffer). The same checks and errors;
 * an algorithm or form not checked here is CmsError 'malformed' with `unsupported` set.
 */
export function verifyDetachedDigest(p7s: Buffer, digestOf: ContentDigest): VerifiedDigestSignature {
  return verifySignedData(p7s, OID.data, digestOf).signature;
}

/**
 * Checks a CMS SignedData whose content is enclosed (e.g. an RFC 3161 token, content type id-ct-TSTInfo):
 * the same checks as verifyDetached, and the enclosed content returned.
 */
export function verifyEnclosed(p7s: Buffer, contentType: string): VerifiedSignature & { content: Buffer } {
  const { signature, digest, content } = verifySignedData(p7s, contentType, null);
  const sha = signature.digestAlgorithm === 'sha256' ? digest : sha256(content!);
  return { ...withContentSha256(signature, sha), content: content! };
}

/** The VerifiedSignature fields (exactly those: callers may store or compare the object). */
function withContentSha256(v: VerifiedDigestSignature, contentSha256: Buffer): VerifiedSignature {
  return {
    signerCertificate: v.signerCertificate,
    certificates: v.certificates,
    signingTime: v.signingTime,
    contentSha256: contentSha256.toString('hex'),
    timestampToken: v.timestampToken,
    signatureValue: v.signatureValue,
  };
}

/**
 * The one CMS verification: reads the SignedData and finds its signer, then checks in this order the
 * content's digest (`digestOf`, or for null the enclosed content's), the ESS signing-certificate
 * attributes, and the signature over the signed attributes.
 */
function verifySignedData(
  p7s: Buffer,
  contentType: string,
  digestOf: ContentDigest | null,
): { signature: VerifiedDigestSignature; digest: Buffer; content: Buffer | null } {
  let content: Buffer | null = null;
  let certificates: Buffer[];
  let info: ParsedSignerInfo;
  let attrs: ParsedAttributes;
  let signerCertificate: Buffer | undefined;
  try {
    const ci = expect(parseDer(p7s), TAG.SEQUENCE, 'ContentInfo');
    if (readOid(ci.children[0]) !== OID.signedData) throw new DerError('not SignedData');
    if (!isContext(ci.children[1], 0)) throw new DerError('expected [0] content');
    const sd = expect(ci.children[1].children[0], TAG.SEQUENCE, 'SignedData').children;
    let i = 0;
    readSmallInt(sd[i++]);
    expect(sd[i++], TAG.SET, 'digestAlgorithms');
    const encap = expect(sd[i++], TAG.SEQUENCE, 'EncapsulatedContentInfo');
    if (readOid(encap.children[0]) !== contentType) throw new DerError(`content type is not ${contentType}`);
    if (digestOf) {
      if (encap.children.length > 1) throw new DerError('not a detached signature (content enclosed)');
    } else {
      const enclosed = encap.children[1];
      if (!isContext(enclosed, 0)) throw new DerError('no enclosed content');
      content = readOctets(enclosed.children[0]);
    }
    certificates = [];
    if (isContext(sd[i], 0)) {
      for (const cert of sd[i]!.children)
        if (isTag(cert, TAG.SEQUENCE)) certificates.push(Buffer.from(cert.raw));
      i++;
    }
    if (isContext(sd[i], 1)) i++;
    const signerInfos = expect(sd[i], TAG.SET, 'SignerInfos');
    if (signerInfos.children.length !== 1) throw new DerError('expected exactly one signer');
    info = parseSignerInfo(signerInfos.children[0]!);
    attrs = parseAttributes(info.signedAttrs);
    if (attrs.contentType !== contentType)
      throw new DerError('contentType attribute missing or not the content type');
    if (!attrs.messageDigest) throw new DerError('messageDigest attribute missing');
    const sid = info.sid;
    signerCertificate = certificates.find((c) => matchesSid(c, sid));
  } catch (cause) {
    if (cause instanceof Unsupported)
      throw new CmsError('malformed', `Not checked here: ${cause.message}`, { cause, unsupported: true });
    throw new CmsError('malformed', 'Not a detached CMS signature', { cause });
  }
  if (!signerCertificate) throw new CmsError('malformed', "The signer's certificate is not in the signature");

  const signer: CmsSigner = { signerCertificate, certificates, signingTime: attrs.signingTime };
  const digest = digestOf ? digestOf(info.digest, signer) : hashOf(info.digest, content!);
  if (digest.length !== attrs.messageDigest.length || !crypto.timingSafeEqual(digest, attrs.messageDigest))
    throw new CmsError('digest', 'The content does not match the signed digest');

  for (const ess of attrs.signingCertificates) {
    if (!ess.algorithm)
      throw new CmsError('malformed', 'The signing-certificate attribute uses an unknown hash', {
        unsupported: true,
      });
    if (!hashOf(ess.algorithm, signerCertificate).equals(ess.hash))
      throw new CmsError('signature', 'The signing-certificate attribute names another certificate');
  }

  let key: crypto.KeyObject;
  try {
    key = publicKeyOf(signerCertificate);
  } catch (cause) {
    throw new CmsError('malformed', "The signer's certificate cannot be read", { cause });
  }
  const keyType = key.asymmetricKeyType === 'ec' ? 'ec' : key.asymmetricKeyType === 'rsa' ? 'rsa' : null;
  if (keyType !== info.signatureAlgorithm.key)
    throw new CmsError('signature', "The signature algorithm does not fit the signer's key");
  // The signature covers the DER SET OF attributes: the [0] IMPLICIT tag replaced by SET (0x31).
  const signed = Buffer.from(info.signedAttrs.raw);
  signed[0] = TAG.SET;
  let ok: boolean;
  try {
    ok = crypto.verify(
      info.signatureAlgorithm.hash ?? info.digest,
      signed,
      keyType === 'ec' ? { key, dsaEncoding: 'der' } : { key, padding: crypto.constants.RSA_PKCS1_PADDING },
      info.signature,
    );
  } catch {
    ok = false;
  }
  if (!ok) throw new CmsError('signature', 'The signature does not verify');
  return {
    signature: {
      signerCertificate,
      certificates,
      signingTime: attrs.signingTime,
      timestampToken: info.timestampToken,
      signatureValue: info.signature,
      digestAlgorithm: info.digest,
    },
    digest,
    content,
  };
}
