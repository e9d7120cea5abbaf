/**
 * XML-DSig enveloped signatures over a whole document (Reference URI=""), as edXML envelopes carry them:
 * `signEnveloped` adds one, `verifyEnveloped` checks one. Both stream: the document is tokenized once into a
 * canonicaliser that feeds a hash, so a 50 MB base64 attachment costs a hash update, never a DOM.
 *
 * Security (signature wrapping): a document is accepted only when it holds exactly ONE ds:Signature element
 * (anywhere, nested ones included) with exactly ONE Reference, URI="" and the enveloped-signature transform.
 * What is signed is then the whole document minus that Signature, exactly as this verifier read it: there is
 * no "signed node" to look up again, no Id attributes, no XPath, no Manifest or Object processing, so a moved,
 * copied or second Signature cannot make unsigned content look signed. KeyInfo is not signed; the certificate
 * it carries is only trusted through `Pki.validate`.
 *
 * One pass, although SignedInfo (which names the canonicalisation and the digest) comes after at least part of
 * what it covers: until it is read, the document is canonicalised both ways (exclusive and inclusive C14N)
 * into memory; then the right bytes go to the right hash and the rest streams straight into it. For edXML the
 * Signature sits in the header, before the attachments, so what is held is a few KB; a Signature at the end
 * of a streamed document holds the document once. An InclusiveNamespaces PrefixList on the document reference
 * changes the bytes from the start: a Buffer is then read a second time, a stream is refused.
 */
import crypto from 'node:crypto';
import { Canonicalizer, C14N_ALGORITHMS, type C14nAlgorithm } from '../xml/c14n.js';
import type { EndElement, StartElement, TextChunk, XmlHandler } from '../xml/events.js';
import { XmlError } from '../xml/events.js';
import { tokenize, tokenizeStream } from '../xml/tokenizer.js';
import { writeToBuffer, type XmlWriter } from '../xml/writer.js';
import { isTag, parseDer, readIntegerBytes, TAG } from './der.js';
import type { PathResult, Pki } from './pki.js';
import type { Signer } from './signer.js';
import { parseCertificateDer } from './x509.js';

export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const EXC_C14N_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = `${XMLDSIG_NS}enveloped-signature`;

type HashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';
export type DigestAlgorithmName = HashName;
export type SignatureAlgorithmName =
  'rsa-sha1' | 'rsa-sha256' | 'rsa-sha384' | 'rsa-sha512' | 'ecdsa-sha256' | 'ecdsa-sha384';

const DIGESTS: Record<string, HashName> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};
const DIGEST_URI: Record<HashName, string> = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha384: 'http://www.w3.org/2001/04/xmldsig-more#sha384',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
};

interface SignatureMethod {
  name: SignatureAlgorithmName;
  key: 'rsa' | 'ec';
  hash: HashName;
}
const SIGNATURE_METHODS: Record<string, SignatureMethod> = {
  [`${XMLDSIG_NS}rsa-sha1`]: { name: 'rsa-sha1', key: 'rsa', hash: 'sha1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { name: 'rsa-sha256', key: 'rsa', hash: 'sha256' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { name: 'rsa-sha384', key: 'rsa', hash: 'sha384' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { name: 'rsa-sha512', key: 'rsa', hash: 'sha512' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { name: 'ecdsa-sha256', key: 'ec', hash: 'sha256' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { name: 'ecdsa-sha384', key: 'ec', hash: 'sha384' },
};
const SIGNATURE_URI = Object.fromEntries(
  Object.entries(SIGNATURE_METHODS).map(([uri, m]) => [m.name, uri]),
) as Record<SignatureAlgorithmName, string>;

/** Canonicalisation algorithms by URI. For URI="" the node-set has no comments, so #WithComments is the same. */
const C14N_BY_URI: Record<string, { algorithm: C14nAlgorithm; comments: boolean }> = {
  [C14N_ALGORITHMS.c14n]: { algorithm: 'c14n', comments: false },
  [`${C14N_ALGORITHMS.c14n}#WithComments`]: { algorithm: 'c14n', comments: true },
  [C14N_ALGORITHMS['exc-c14n']]: { algorithm: 'exc-c14n', comments: false },
  [`${C14N_ALGORITHMS['exc-c14n']}WithComments`]: { algorithm: 'exc-c14n', comments: true },
};

// ————————————————————————————————————————————— verification —————————————————————————————————————————————

export type XmlSignatureFailure =
  | 'malformed_xml' // the document itself is not well-formed XML (or has a DTD)
  | 'no_signature'
  | 'malformed_signature'
  | 'unsupported_algorithm'
  | 'reference' // not exactly one Reference with URI="" and the enveloped-signature transform
  | 'digest_mismatch'
  | 'signature_invalid'
  | 'certificate' // the certification path failed (see `path`)
  | 'multiple_signatures'
  | 'placement'; // the Signature is not where the caller's profile puts it (`parent`)

export interface XmlSignatureResult {
  valid: boolean;
  /** A ds:Signature element (XMLDSig namespace) was found. */
  signed: boolean;
  reason?: XmlSignatureFailure;
  /** For operators and logs (English). */
  detail?: string;
  algorithm?: SignatureAlgorithmName;
  digestAlgorithm?: DigestAlgorithmName;
  canonicalization?: C14nAlgorithm;
  /** SHA-1 in the digest or the signature method: accepted for legacy inbound envelopes, to be reported. */
  weak: boolean;
  /** The signer's certificate (DER). */
  certificate?: Buffer;
  subject?: string;
  path?: PathResult;
  /**
   * An element named Signature outside the XMLDSig namespace (as in the edoc_new.edxml sample): a placeholder
   * someone left, not a signature.
   */
  placeholderSignature?: boolean;
}

export interface VerifyEnvelopedOptions {
  /** Validate the signer's certificate path (and revocation) when given. */
  pki?: Pick<Pki, 'validate'>;
  /** The instant the certificate must be good at (default: now). */
  at?: Date;
  /**
   * Where the Signature must be (its parent element), e.g. edXML's `edXML:edXMLHeader`. Moving an enveloped
   * URI="" signature does not change what it covers, but a profile may still pin its place.
   */
  parent?: (e: StartElement) => boolean;
}

/** The captured Signature subtree: small (a few KB), kept to read SignedInfo and KeyInfo after the pass. */
interface Node {
  e: StartElement;
  children: Node[];
  text: string;
}

type Recorded =
  | { kind: 'start'; e: StartElement }
  | { kind: 'end'; e: EndElement }
  | { kind: 'text'; t: TextChunk }
  | { kind: 'pi'; target: string; data: string; start: number; end: number };

/** At most this much of a Signature is captured (certificates and chains are a few KB). */
const MAX_SIGNATURE_BYTES = 4 * 1024 * 1024;

/** A text chunk that outlives the tokenizer's call (its bytes copied). */
function keepText(t: TextChunk): TextChunk {
  const raw = Buffer.from(t.raw);
  const text = t.text();
  return {
    raw,
    cdata: t.cdata,
    plain: t.plain,
    whitespace: t.whitespace,
    start: t.start,
    end: t.end,
    text: () => text,
  };
}

/**
 * Canonical bytes held until the digest algorithm is known (SignedInfo comes after what it signs, or at
 * least after part of it), then fed to the hash; from then on straight to the hash.
 */
class Spool {
  private chunks: Buffer[] = [];
  private hash: crypto.Hash | null = null;

  constructor(private readonly copies: { from: Buffer | null; to: Buffer | null }) {}

  write(chunk: Buffer): void {
    if (this.hash) {
      this.hash.update(chunk);
      return;
    }
    // Both spools are fed the same text chunks one after the other: copy each once.
    if (this.copies.from !== chunk) {
      this.copies.from = chunk;
      this.copies.to = Buffer.from(chunk);
    }
    this.chunks.push(this.copies.to!);
  }

  attach(hash: crypto.Hash): void {
    for (const c of this.chunks) hash.update(c);
    this.chunks = [];
    this.hash = hash;
  }
}

/** What SignedInfo says, once checked. */
interface Plan {
  method: SignatureMethod;
  digest: HashName;
  digestValue: Buffer;
  /** For the Reference (the document). */
  referenceC14n: C14nAlgorithm;
  referencePrefixes: string[] | null;
  /** For SignedInfo itself. */
  signedInfoC14n: C14nAlgorithm;
  signedInfoPrefixes: string[] | null;
  signatureValue: Buffer;
  certificates: Buffer[];
}

class Refusal extends Error {
  constructor(
    readonly reason: XmlSignatureFailure,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const isDsig = (e: { uri: string; local: string }, local: string): boolean =>
  e.uri === XMLDSIG_NS && e.local === local;

function attribute(e: StartElement, name: string): string | undefined {
  return e.attributes.find((a) => a.uri === '' && a.local === name)?.value;
}

function base64(text: string, what: string): Buffer {
  const compact = text.replace(/[ \t\r\n]+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw new Refusal('malformed_signature', `${what} is not base64`);
  return Buffer.from(compact, 'base64');
}

/** The one child named `local` (XMLDSig namespace) at position `i` of `nodes`, or a refusal. */
function expectChild(nodes: Node[], i: number, local: string, parent: string): Node {
  const n = nodes[i];
  if (!n || !isDsig(n.e, local))
    throw new Refusal('malformed_signature', `${parent}: expected ${local} as child ${i + 1}`);
  return n;
}

/** Exclusive C14N's InclusiveNamespaces PrefixList under a transform or CanonicalizationMethod. */
function prefixList(n: Node): string[] | null {
  const inc = n.children.find((c) => c.e.uri === EXC_C14N_NS && c.e.local === 'InclusiveNamespaces');
  if (!inc) return null;
  const list = attribute(inc.e, 'PrefixList') ?? '';
  return list.split(/[ \t\r\n]+/).filter((p) => p !== '');
}

function c14nOf(n: Node, what: string): { algorithm: C14nAlgorithm; comments: boolean } {
  const uri = attribute(n.e, 'Algorithm') ?? '';
  const c = C14N_BY_URI[uri];
  if (!c) throw new Refusal('unsupported_algorithm', `${what}: ${uri || '(none)'}`);
  return c;
}

/** Reads and checks the Signature element: the profile this verifier accepts, or a refusal saying why not. */
function readSignature(signature: Node): Plan {
  const parts = signature.children;
  const signedInfo = expectChild(parts, 0, 'SignedInfo', 'Signature');
  const signatureValue = expectChild(parts, 1, 'SignatureValue', 'Signature');
  const keyInfo = parts[2] && isDsig(parts[2].e, 'KeyInfo') ? parts[2] : undefined;

  const si = signedInfo.children;
  const cm = expectChild(si, 0, 'CanonicalizationMethod', 'SignedInfo');
  const sm = expectChild(si, 1, 'SignatureMethod', 'SignedInfo');
  const references = si.slice(2);
  if (references.length !== 1 || !references.every((r) => isDsig(r.e, 'Reference')))
    throw new Refusal('reference', `exactly one Reference is accepted, found ${references.length}`);
  const reference = references[0]!;

  const signedInfoC14n = c14nOf(cm, 'CanonicalizationMethod');
  // A comment inside SignedInfo would be signed by a #WithComments method; none is captured, so refuse it.
  if (signedInfoC14n.comments)
    throw new Refusal('unsupported_algorithm', 'CanonicalizationMethod with comments');
  const methodUri = attribute(sm.e, 'Algorithm') ?? '';
  const method = SIGNATURE_METHODS[methodUri];
  if (!method) throw new Refusal('unsupported_algorithm', `SignatureMethod: ${methodUri || '(none)'}`);
  if (sm.children.length > 0)
    throw new Refusal('unsupported_algorithm', 'SignatureMethod parameters (HMACOutputLength …)');

  const uri = attribute(reference.e, 'URI');
  if (uri !== '')
    throw new Refusal(
      'reference',
      uri === undefined
        ? 'Reference without URI'
        : `Reference URI="${uri}": only URI="" (the whole document) is supported`,
    );
  const rparts = reference.children;
  let i = 0;
  const transforms = rparts[0] && isDsig(rparts[0].e, 'Transforms') ? rparts[i++]!.children : [];
  const digestMethod = expectChild(rparts, i++, 'DigestMethod', 'Reference');
  const digestValue = expectChild(rparts, i++, 'DigestValue', 'Reference');
  if (rparts.length !== i) throw new Refusal('malformed_signature', 'Reference: unexpected content');
  const digestUri = attribute(digestMethod.e, 'Algorithm') ?? '';
  const digest = DIGESTS[digestUri];
  if (!digest) throw new Refusal('unsupported_algorithm', `DigestMethod: ${digestUri || '(none)'}`);

  // enveloped-signature first, then at most one canonicalisation; a node-set left at the end is turned into
  // octets by Canonical XML 1.0 (XMLDSig §4.3.3.2).
  const algorithms = transforms.map((t) => {
    if (!isDsig(t.e, 'Transform')) throw new Refusal('malformed_signature', 'Transforms: unexpected element');
    return attribute(t.e, 'Algorithm') ?? '';
  });
  if (algorithms[0] !== ENVELOPED)
    throw new Refusal('reference', 'the Reference lacks the enveloped-signature transform (first)');
  let referenceC14n: C14nAlgorithm = 'c14n';
  let referencePrefixes: string[] | null = null;
  if (algorithms.length === 2) {
    const c = c14nOf(transforms[1]!, 'Transform');
    referenceC14n = c.algorithm;
    if (c.algorithm === 'exc-c14n') referencePrefixes = prefixList(transforms[1]!);
  } else if (algorithms.length > 2)
    throw new Refusal('unsupported_algorithm', `Transforms: ${algorithms.slice(1).join(', ')}`);

  const certificates: Buffer[] = [];
  for (const d of keyInfo?.children ?? [])
    if (isDsig(d.e, 'X509Data'))
      for (const c of d.children)
        if (isDsig(c.e, 'X509Certificate')) certificates.push(base64(c.text, 'X509Certificate'));
  if (certificates.length === 0)
    throw new Refusal('malformed_signature', 'no KeyInfo/X509Data/X509Certificate');

  return {
    method,
    digest,
    digestValue: base64(digestValue.text, 'DigestValue'),
    referenceC14n,
    referencePrefixes,
    signedInfoC14n: signedInfoC14n.algorithm,
    signedInfoPrefixes: signedInfoC14n.algorithm === 'exc-c14n' ? prefixList(cm) : null,
    signatureValue: base64(signatureValue.text, 'SignatureValue'),
    certificates,
  };
}

interface KnownCertificate {
  der: Buffer;
  x509: crypto.X509Certificate;
  key: crypto.KeyObject;
  subject: string;
}

/**
 * Certificates already read, by DER: an agency signs thousands of envelopes with one certificate, and reading
 * one (X.509 parse, key import, subject) costs more than verifying the RSA signature. Oldest dropped first.
 */
const certificates = new Map<string, KnownCertificate>();
const CERTIFICATE_CACHE_MAX = 1000;

function knownCertificate(der: Buffer): KnownCertificate {
  const id = der.toString('base64');
  const hit = certificates.get(id);
  if (hit) return hit;
  let x509: crypto.X509Certificate;
  let key: crypto.KeyObject;
  try {
    x509 = new crypto.X509Certificate(der);
    key = x509.publicKey;
  } catch {
    throw new Refusal('malformed_signature', 'an X509Certificate (or its key) cannot be read');
  }
  let subject: string;
  try {
    subject = parseCertificateDer(der).subject;
  } catch {
    subject = x509.subject.split('\n').reverse().join(', ');
  }
  const known = { der, x509, key, subject };
  if (certificates.size >= CERTIFICATE_CACHE_MAX) certificates.delete(certificates.keys().next().value!);
  certificates.set(id, known);
  return known;
}

/** The signer's certificate among those in KeyInfo: the one that issued none of the others. */
function pickLeaf(ders: Buffer[]): { leaf: KnownCertificate; others: Buffer[] } {
  const parsed = ders.map(knownCertificate);
  let index = 0;
  if (parsed.length > 1) {
    const leaves = parsed
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => !parsed.some((o, j) => j !== i && o.x509.checkIssued(c.x509)));
    if (leaves.length === 1) index = leaves[0]!.i;
  }
  return { leaf: parsed[index]!, others: ders.filter((_, i) => i !== index) };
}

/**
 * One pass over the document: events outside the ds:Signature feed the reference canonicalisation; the
 * Signature subtree is captured. Until SignedInfo is read, both C14N algorithms run into spools; once it is
 * read, the one it names is kept and fed straight into the digest.
 */
class VerifyPass implements XmlHandler {
  depth = 0;
  /** Open elements outside the Signature (its ancestors when it starts). */
  private readonly open: StartElement[] = [];
  dsigSignatures = 0;
  placeholder = false;
  /** A second Signature was seen: the document is refused, the rest only counted. */
  private abandoned = false;
  /** Depth of the Signature element while inside it; -1 outside. */
  private signatureDepth = -1;
  private captured: Recorded[] = [];
  private capturedBytes = 0;
  /** The ancestors of the Signature (for the namespace context of SignedInfo). */
  ancestors: StartElement[] = [];
  signatureTree: Node | null = null;
  refusal: Refusal | null = null;
  plan: Plan | null = null;
  private targets: Canonicalizer[];
  private readonly spools: Record<C14nAlgorithm, Spool>;
  private readonly candidates: Record<C14nAlgorithm, Canonicalizer>;
  hash: crypto.Hash | null = null;
  /** The Signature's parent is not the one asked for. */
  misplaced = false;

  /** Both spools are fed the same text chunk one after the other: it is copied once (for this chunk only). */
  private readonly copies: { from: Buffer | null; to: Buffer | null } = { from: null, to: null };

  /** SignedInfo names a PrefixList other than the one this pass ran with: run again with this one. */
  rerunWith: string[] | null = null;

  constructor(
    private readonly parent: ((e: StartElement) => boolean) | undefined,
    /** The InclusiveNamespaces PrefixList for exclusive C14N (known only from a first pass). */
    private readonly prefixes: string[] = [],
  ) {
    this.spools = { 'exc-c14n': new Spool(this.copies), c14n: new Spool(this.copies) };
    this.candidates = {
      'exc-c14n': new Canonicalizer((c) => this.spools['exc-c14n'].write(c), {
        algorithm: 'exc-c14n',
        inclusivePrefixes: prefixes,
      }),
      c14n: new Canonicalizer((c) => this.spools.c14n.write(c), { algorithm: 'c14n' }),
    };
    this.targets = [this.candidates['exc-c14n'], this.candidates.c14n];
  }

  startElement(e: StartElement): void {
    this.depth++;
    if (this.abandoned) {
      if (isDsig(e, 'Signature')) this.dsigSignatures++;
      return;
    }
    if (e.local === 'Signature') {
      if (e.uri === XMLDSIG_NS) {
        this.dsigSignatures++;
        if (this.dsigSignatures > 1) {
          // Never look for "the right one" among several: refuse (signature wrapping), read no further.
          this.abandoned = true;
          this.targets = [];
          return;
        }
        if (this.signatureDepth < 0) {
          if (e.depth === 0)
            this.refusal = new Refusal('malformed_signature', 'the Signature is the document');
          this.signatureDepth = this.depth;
          this.ancestors = [...this.open];
          const parent = this.open[this.open.length - 1];
          this.misplaced = this.parent !== undefined && (parent === undefined || !this.parent(parent));
        }
      } else this.placeholder = true;
    }
    if (this.signatureDepth >= 0) {
      this.record({ kind: 'start', e: { ...e, attributes: [...e.attributes] } }, 64);
      return;
    }
    this.open.push(e);
    for (const t of this.targets) t.startElement(e);
  }

  endElement(e: EndElement): void {
    const depth = this.depth--;
    if (this.abandoned) return;
    if (this.signatureDepth >= 0) {
      this.record({ kind: 'end', e }, 16);
      if (depth === this.signatureDepth) {
        this.signatureDepth = -1;
        this.decide();
      }
      return;
    }
    this.open.pop();
    for (const t of this.targets) t.endElement();
  }

  text(t: TextChunk): void {
    if (this.abandoned) return;
    if (this.signatureDepth >= 0) {
      this.record({ kind: 'text', t: keepText(t) }, t.raw.length);
      return;
    }
    // The spools' copy-once memo holds for this chunk only.
    this.copies.from = null;
    for (const c of this.targets) c.text(t);
  }

  processingInstruction(target: string, data: string, start: number, end: number): void {
    if (this.abandoned) return;
    if (this.signatureDepth >= 0) {
      this.record({ kind: 'pi', target, data, start, end }, target.length + data.length);
      return;
    }
    for (const c of this.targets) c.processingInstruction(target, data);
  }

  /** Ends the reference canonicalisation; null when SignedInfo was never usable. */
  finish(): Buffer | null {
    for (const c of this.targets) c.end();
    return this.hash && this.plan ? this.hash.digest() : null;
  }

  private record(r: Recorded, bytes: number): void {
    this.capturedBytes += bytes;
    if (this.capturedBytes > MAX_SIGNATURE_BYTES) {
      this.refusal ??= new Refusal('malformed_signature', 'the Signature element is too large');
      return;
    }
    this.captured.push(r);
  }

  /** The Signature has ended: read it, choose the reference canonicalisation, drop the other. */
  private decide(): void {
    this.signatureTree = buildTree(this.captured);
    if (this.refusal) {
      this.targets = [];
      return;
    }
    try {
      this.plan = readSignature(this.signatureTree);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      this.refusal = e;
      this.targets = [];
      return;
    }
    const chosen = this.plan.referenceC14n;
    const prefixes = this.plan.referencePrefixes ?? [];
    if (prefixes.join(' ') !== this.prefixes.join(' ')) {
      // The PrefixList changes how namespaces are rendered from the start: what ran so far cannot be used.
      // A Buffer is read again with it (verifyEnveloped); a stream cannot be.
      this.rerunWith = prefixes;
      this.refusal = new Refusal(
        'unsupported_algorithm',
        'an InclusiveNamespaces PrefixList on the document reference of a streamed document',
      );
      this.targets = [];
      return;
    }
    this.hash = crypto.createHash(this.plan.digest);
    this.candidates[chosen].end();
    this.spools[chosen].attach(this.hash);
    this.targets = [this.candidates[chosen]];
  }

  /** The canonical SignedInfo, in the namespace context of the document. */
  signedInfoBytes(plan: Plan): Buffer {
    const signedInfo = this.signatureTree!.children[0]!.e;
    const chunks: Buffer[] = [];
    const c = new Canonicalizer((b) => chunks.push(Buffer.from(b)), {
      algorithm: plan.signedInfoC14n,
      ...(plan.signedInfoPrefixes ? { inclusivePrefixes: plan.signedInfoPrefixes } : {}),
      apex: (e) => e === signedInfo,
    });
    for (const a of this.ancestors) c.startElement(a);
    for (const r of this.captured) {
      if (r.kind === 'start') c.startElement(r.e);
      else if (r.kind === 'end') c.endElement();
      else if (r.kind === 'text') c.text(r.t);
      else c.processingInstruction(r.target, r.data);
      if (c.done) break;
    }
    c.end();
    return Buffer.concat(chunks);
  }
}

function buildTree(events: Recorded[]): Node {
  const stack: Node[] = [];
  let root: Node | null = null;
  for (const r of events) {
    if (r.kind === 'start') {
      const n: Node = { e: r.e, children: [], text: '' };
      stack[stack.length - 1]?.children.push(n);
      root ??= n;
      stack.push(n);
    } else if (r.kind === 'end') stack.pop();
    else if (r.kind === 'text' && stack.length > 0) stack[stack.length - 1]!.text += r.t.text();
  }
  return root!;
}

function failure(
  base: Partial<XmlSignatureResult>,
  reason: XmlSignatureFailure,
  detail: string,
): XmlSignatureResult {
  return { weak: false, signed: true, ...base, valid: false, reason, detail };
}

/**
 * Verifies the one enveloped XML signature of a document in one streaming pass. Never throws for what is in
 * the document: a malformed document, a missing, placeholder or unsupported signature is a result with a
 * reason.
 */
export async function verifyEnveloped(
  input: Buffer | AsyncIterable<Buffer>,
  options: VerifyEnvelopedOptions = {},
): Promise<XmlSignatureResult> {
  const check = new EnvelopedSignatureCheck(options.parent);
  try {
    if (Buffer.isBuffer(input)) tokenize(input, check.handler);
    else await tokenizeStream(input, check.handler);
  } catch (e) {
    if (!(e instanceof XmlError)) throw e;
    return failure({ signed: check.signed }, 'malformed_xml', e.message);
  }
  return check.conclude(Buffer.isBuffer(input) ? input : null, options);
}

/**
 * verifyEnveloped for a caller that tokenizes the document itself, beside its own reader (one pass over the
 * bytes for both: the hub parses and verifies every envelope). Feed `handler` the whole, well-formed document,
 * then `conclude`. A signature whose exclusive C14N names an InclusiveNamespaces PrefixList needs a second
 * pass, over `input`.
 */
export class EnvelopedSignatureCheck {
  private pass: VerifyPass;

  constructor(private readonly parent?: (e: StartElement) => boolean) {
    this.pass = new VerifyPass(parent);
  }

  get handler(): XmlHandler {
    return this.pass;
  }

  get signed(): boolean {
    return this.pass.dsigSignatures > 0;
  }

  async conclude(input: Buffer | null, options: VerifyEnvelopedOptions = {}): Promise<XmlSignatureResult> {
    const first = this.pass;
    // A stream cannot be read twice: its first pass stands (the digest then tells).
    if (first.rerunWith && first.dsigSignatures === 1 && input) {
      this.pass = new VerifyPass(this.parent, first.rerunWith);
      try {
        tokenize(input, this.pass);
      } catch (e) {
        if (!(e instanceof XmlError)) throw e;
        return failure({}, 'malformed_xml', e.message);
      }
    }
    return concludePass(this.pass, options);
  }
}

async function concludePass(pass: VerifyPass, options: VerifyEnvelopedOptions): Promise<XmlSignatureResult> {
  const digest = pass.finish();
  if (pass.dsigSignatures === 0)
    return {
      valid: false,
      signed: false,
      reason: 'no_signature',
      weak: false,
      ...(pass.placeholder
        ? {
            placeholderSignature: true,
            detail: 'an element named Signature outside the XMLDSig namespace is not a signature',
          }
        : {}),
    };
  if (pass.dsigSignatures > 1)
    return failure({}, 'multiple_signatures', `${pass.dsigSignatures} ds:Signature elements`);
  if (pass.refusal) return failure({}, pass.refusal.reason, pass.refusal.detail);
  const plan = pass.plan!;
  if (pass.misplaced)
    return failure({}, 'placement', 'the Signature is not in the element the profile expects');
  const known: Partial<XmlSignatureResult> = {
    algorithm: plan.method.name,
    digestAlgorithm: plan.digest,
    canonicalization: plan.referenceC14n,
    weak: plan.digest === 'sha1' || plan.method.hash === 'sha1',
  };

  let signer: ReturnType<typeof pickLeaf>;
  try {
    signer = pickLeaf(plan.certificates);
  } catch (e) {
    if (e instanceof Refusal) return failure(known, e.reason, e.detail);
    throw e;
  }
  known.certificate = signer.leaf.der;
  known.subject = signer.leaf.subject;
  const key = signer.leaf.key;
  if (key.asymmetricKeyType !== plan.method.key)
    return failure(
      known,
      'signature_invalid',
      `a ${key.asymmetricKeyType ?? '?'} key cannot make ${plan.method.name}`,
    );
  const signedInfo = pass.signedInfoBytes(plan);
  let ok: boolean;
  try {
    ok = crypto.verify(
      plan.method.hash,
      signedInfo,
      plan.method.key === 'ec' ? { key, dsaEncoding: 'ieee-p1363' } : key,
      plan.signatureValue,
    );
  } catch {
    ok = false;
  }
  if (!ok) return failure(known, 'signature_invalid', 'SignatureValue does not verify over SignedInfo');
  if (
    !digest ||
    digest.length !== plan.digestValue.length ||
    !crypto.timingSafeEqual(digest, plan.digestValue)
  )
    return failure(known, 'digest_mismatch', 'the document does not match the signed digest');

  if (options.pki) {
    const path = await options.pki.validate(signer.leaf.der, options.at ?? new Date(), {
      intermediates: signer.others,
    });
    known.path = path;
    if (!path.ok) return failure(known, 'certificate', `certificate path: ${path.reason}`);
  }
  return { weak: false, ...known, valid: true, signed: true };
}

// ————————————————————————————————————————————— signing —————————————————————————————————————————————

export type XmlSignErrorReason = 'malformed' | 'no_parent' | 'already_signed';

export class XmlSignError extends Error {
  constructor(
    readonly reason: XmlSignErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'XmlSignError';
  }
}

export interface SignEnvelopedOptions {
  /** The element that receives the Signature as its last child (the first element for which this is true). */
  parent: (e: StartElement) => boolean;
  /** Written as KeyInfo/KeyName when given. */
  keyName?: string;
}

/** Bytes per coordinate of an ECDSA signature in IEEE P1363 form, by curve. */
const EC_FIELD_BYTES: Record<string, number> = { prime256v1: 32, secp384r1: 48, secp521r1: 66 };

/** DER Ecdsa-Sig-Value → r‖s, each left-padded to the curve's size (XMLDSig 1.1 / RFC 4050). */
export function ecdsaDerToP1363(der: Buffer, fieldBytes: number): Buffer {
  const node = parseDer(der);
  if (!isTag(node, TAG.SEQUENCE) || node.children.length !== 2) throw new Error('Not a DER ECDSA signature');
  const out = Buffer.alloc(fieldBytes * 2);
  node.children.forEach((child, i) => {
    let v = readIntegerBytes(child);
    while (v.length > fieldBytes && v[0] === 0) v = v.subarray(1);
    if (v.length > fieldBytes) throw new Error('ECDSA integer larger than the curve');
    v.copy(out, fieldBytes * (i + 1) - v.length);
  });
  return out;
}

function writeSignedInfo(w: XmlWriter, method: SignatureAlgorithmName, digest: Buffer): void {
  w.start('SignedInfo')
    .element('CanonicalizationMethod', null, [['Algorithm', C14N_ALGORITHMS['exc-c14n']]])
    .element('SignatureMethod', null, [['Algorithm', SIGNATURE_URI[method]]])
    .start('Reference', [['URI', '']])
    .start('Transforms')
    .element('Transform', null, [['Algorithm', ENVELOPED]])
    .element('Transform', null, [['Algorithm', C14N_ALGORITHMS['exc-c14n']]])
    .end()
    .element('DigestMethod', null, [['Algorithm', DIGEST_URI.sha256]])
    .element('DigestValue', digest.toString('base64'))
    .end()
    .end();
}

/** Writes a Signature element (default namespace XMLDSig) and returns its bytes. */
function signatureElement(build: (w: XmlWriter) => void): Buffer {
  return writeToBuffer(
    (w) => {
      w.start('Signature', [], [['', XMLDSIG_NS]]);
      build(w);
      w.end();
    },
    { declaration: false },
  );
}

/**
 * Adds an enveloped signature (Reference URI="", enveloped-signature + exc-c14n, SHA-256, RSA-SHA256 or
 * ECDSA-SHA256) as the last child of the chosen element. Two passes over the bytes, no tree: the digest
 * pass canonicalises the document into SHA-256 and finds the parent's end tag; the output is the input with
 * the Signature's bytes put before that end tag.
 */
export async function signEnveloped(
  xml: Buffer,
  signer: Signer,
  options: SignEnvelopedOptions,
): Promise<Buffer> {
  const hash = crypto.createHash('sha256');
  const canon = new Canonicalizer((c) => hash.update(c), { algorithm: 'exc-c14n' });
  let parent: StartElement | null = null;
  let insertAt = -1;
  let signed = false;
  const handler: XmlHandler = {
    startElement(e) {
      if (isDsig(e, 'Signature')) signed = true;
      if (!parent && options.parent(e)) parent = e;
      canon.startElement(e);
    },
    endElement(e) {
      if (parent && insertAt < 0 && e.depth === parent.depth) insertAt = e.start;
      canon.endElement();
    },
    text: (t) => canon.text(t),
    processingInstruction: (target, data) => canon.processingInstruction(target, data),
  };
  try {
    tokenize(xml, handler);
  } catch (e) {
    if (e instanceof XmlError)
      throw new XmlSignError('malformed', `The document is not well-formed XML: ${e.message}`, { cause: e });
    throw e;
  }
  canon.end();
  if (signed) throw new XmlSignError('already_signed', 'The document already holds a ds:Signature');
  const target = parent as StartElement | null;
  if (!target || insertAt < 0) throw new XmlSignError('no_parent', 'No element to put the Signature in');

  const method: SignatureAlgorithmName = signer.keyAlgorithm === 'EC' ? 'ecdsa-sha256' : 'rsa-sha256';
  const digest = hash.digest();
  // Canonical SignedInfo: written alone inside its Signature (exclusive C14N renders only the XMLDSig
  // namespace SignedInfo uses, so the document around it does not change these bytes).
  const draft = signatureElement((w) => writeSignedInfo(w, method, digest));
  const canonical: Buffer[] = [];
  const c = new Canonicalizer((b) => canonical.push(Buffer.from(b)), {
    algorithm: 'exc-c14n',
    apex: (e) => isDsig(e, 'SignedInfo'),
  });
  tokenize(draft, c);
  c.end();
  let value = await signer.sign(Buffer.concat(canonical));
  if (signer.keyAlgorithm === 'EC') {
    const curve = new crypto.X509Certificate(signer.certificate).publicKey.asymmetricKeyDetails?.namedCurve;
    const size = EC_FIELD_BYTES[curve ?? ''];
    if (!size) throw new Error(`Unsupported EC curve for XML signatures: ${curve ?? '?'}`);
    value = ecdsaDerToP1363(value, size);
  }
  const signature = signatureElement((w) => {
    writeSignedInfo(w, method, digest);
    w.element('SignatureValue', value.toString('base64'));
    w.start('KeyInfo');
    if (options.keyName !== undefined) w.element('KeyName', options.keyName);
    w.start('X509Data');
    for (const cert of [signer.certificate, ...signer.chain])
      w.element('X509Certificate', cert.toString('base64'));
    w.end().end();
  });

  if (target.selfClosing) {
    // `<p …/>` becomes `<p …>` Signature `</p>`: the canonical form (and so the digest) is the same.
    const slash = xml.lastIndexOf('/', target.end - 1);
    return Buffer.concat([
      xml.subarray(0, slash),
      Buffer.from('>'),
      signature,
      Buffer.from(`</${target.qname}>`),
      xml.subarray(target.end),
    ]);
  }
  return Buffer.concat([xml.subarray(0, insertAt), signature, xml.subarray(insertAt)]);
}
