/**
 * buildEdxml: model in, bytes out, through XmlWriter (never string concatenation). The layout is the SDK
 * samples' (edoc_new.edxml order, `edXML:` prefix inside the envelope, unprefixed AttachmentEncoded with an
 * `edXML:ContentTransferEncoded`), indented like them. Attachment content streams: each ZIP is base64-encoded
 * chunk by chunk into the output and the output sink is awaited between chunks.
 */
import { XmlWriter } from '../../../platform/xml/index.js';
import { base64Encode } from './base64.js';
import {
  EDXML_NS,
  type AttachmentMeta,
  type Business,
  type Edoc,
  type EdxmlMessage,
  type Extensions,
  type Organization,
  type ResponseFor,
  type Staff,
  type StatusMessage,
  type Wrapper,
  type XmlAttr,
  type XmlNode,
} from './model.js';

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** One attachment to write: its metadata and its content, the ZIP bytes (null: no content element). */
export interface AttachmentContent {
  meta: AttachmentMeta;
  zipped: Buffer | AsyncIterable<Buffer | Uint8Array> | null;
}

export type OutputSink = (chunk: Buffer) => void | Promise<void>;

type Attrs = [string, string][];
type Namespaces = [string, string][];

/** Namespace context for writing extension nodes. */
interface Scope {
  /** The default namespace in scope. */
  defaultNs: string;
  /** Whether the `edXML` prefix is bound to the edXML namespace here. */
  edxmlPrefix: boolean;
}

/** XmlWriter with the samples' indentation (two spaces, one element per line). */
class Out {
  private readonly hasChildren: boolean[] = [];

  constructor(readonly w: XmlWriter) {}

  private indent(): void {
    const depth = this.hasChildren.length;
    if (depth === 0) return;
    this.hasChildren[depth - 1] = true;
    this.w.text(`\n${'  '.repeat(depth)}`);
  }

  open(qname: string, attributes: Attrs = [], namespaces: Namespaces = []): void {
    this.indent();
    this.w.start(qname, attributes, namespaces);
    this.hasChildren.push(false);
  }

  close(): void {
    if (this.hasChildren.pop()) this.w.text(`\n${'  '.repeat(this.hasChildren.length)}`);
    this.w.end();
  }

  /** A text element; nothing when the value is absent, an empty element when it is ''. */
  leaf(qname: string, value: string | undefined): void {
    if (value === undefined) return;
    this.indent();
    this.w.element(qname, value);
  }

  /** Text inside the current element (extension text beside children). */
  text(value: string): void {
    this.w.text(value);
  }

  /** Marks the current element as having content written by the caller (so the end tag gets a new line). */
  touch(): void {
    this.indent();
  }
}

/** Attributes and the namespace declarations they need. */
function attributesOf(
  attrs: readonly XmlAttr[] | undefined,
  scope: Scope,
): { attributes: Attrs; namespaces: Namespaces } {
  const attributes: Attrs = [];
  const namespaces: Namespaces = [];
  for (const a of attrs ?? []) {
    if (a.uri === '') attributes.push([a.name, a.value]);
    else if (a.uri === XML_NS) attributes.push([`xml:${a.name}`, a.value]);
    else if (a.uri === EDXML_NS && scope.edxmlPrefix) attributes.push([`edXML:${a.name}`, a.value]);
    else {
      let decl = namespaces.find(([, uri]) => uri === a.uri);
      if (!decl) {
        decl = [`ns${namespaces.length + 1}`, a.uri];
        namespaces.push(decl);
      }
      attributes.push([`${decl[0]}:${a.name}`, a.value]);
    }
  }
  return { attributes, namespaces };
}

function writeNode(out: Out, node: XmlNode, scope: Scope): void {
  const { attributes, namespaces } = attributesOf(node.attributes, scope);
  let qname = node.name;
  let inner = scope;
  if (node.uri === scope.defaultNs) {
    // unprefixed, inherits the default namespace
  } else if (node.uri === EDXML_NS && scope.edxmlPrefix) qname = `edXML:${node.name}`;
  else {
    namespaces.push(['', node.uri]);
    inner = { ...scope, defaultNs: node.uri };
  }
  if (!node.children?.length) {
    out.open(qname, attributes, namespaces);
    if (node.text) out.text(node.text);
    out.close();
    return;
  }
  out.open(qname, attributes, namespaces);
  if (node.text !== undefined && node.text.trim() !== '') {
    out.touch();
    out.text(node.text);
  }
  for (const child of node.children) writeNode(out, child, inner);
  out.close();
}

function writeExtElements(out: Out, ext: Extensions | undefined, scope: Scope): void {
  for (const node of ext?.elements ?? []) writeNode(out, node, scope);
}

/** The envelope's scope: default namespace edXML, `edXML:` bound. */
const ENVELOPE: Scope = { defaultNs: EDXML_NS, edxmlPrefix: true };
/** Outside the envelope (root, AttachmentEncoded): default namespace edXML, no prefix bound. */
const OUTSIDE: Scope = { defaultNs: EDXML_NS, edxmlPrefix: false };

/** Opens a known container, carrying its unknown attributes. */
function openKnown(
  out: Out,
  qname: string,
  ext: Extensions | undefined,
  scope: Scope,
  known: Attrs = [],
): void {
  const { attributes, namespaces } = attributesOf(ext?.attributes, scope);
  out.open(qname, [...known, ...attributes], namespaces);
}

function closeKnown(out: Out, ext: Extensions | undefined, scope: Scope): void {
  writeExtElements(out, ext, scope);
  out.close();
}

function organization(out: Out, name: 'From' | 'To', o: Organization): void {
  openKnown(out, `edXML:${name}`, o.ext, ENVELOPE);
  out.leaf('edXML:OrganId', o.organId);
  out.leaf('edXML:OrganizationInCharge', o.organizationInCharge);
  out.leaf('edXML:OrganName', o.organName);
  out.leaf('edXML:OrganAdd', o.organAdd);
  out.leaf('edXML:Email', o.email);
  out.leaf('edXML:Telephone', o.telephone);
  out.leaf('edXML:Fax', o.fax);
  out.leaf('edXML:Website', o.website);
  closeKnown(out, o.ext, ENVELOPE);
}

function staff(out: Out, s: Staff | undefined): void {
  if (!s) return;
  openKnown(out, 'edXML:StaffInfo', s.ext, ENVELOPE);
  out.leaf('edXML:Department', s.department);
  out.leaf('edXML:Staff', s.staff);
  out.leaf('edXML:Email', s.email);
  out.leaf('edXML:Mobile', s.mobile);
  closeKnown(out, s.ext, ENVELOPE);
}

function responseFor(out: Out, r: ResponseFor): void {
  openKnown(out, 'edXML:ResponseFor', r.ext, ENVELOPE);
  out.leaf('edXML:OrganId', r.organId);
  out.leaf('edXML:Code', r.code);
  out.leaf('edXML:PromulgationDate', r.promulgationDate);
  out.leaf('edXML:DocumentId', r.documentId);
  closeKnown(out, r.ext, ENVELOPE);
}

/** A list wrapper (ToPlaces, Appendixes …): written when it has items or extensions. */
function list(
  out: Out,
  wrapper: string,
  item: string,
  items: readonly string[],
  ext: Extensions | undefined,
): void {
  if (items.length === 0 && !ext) return;
  openKnown(out, `edXML:${wrapper}`, ext, ENVELOPE);
  for (const v of items) out.leaf(`edXML:${item}`, v);
  closeKnown(out, ext, ENVELOPE);
}

function edocHeader(out: Out, e: Edoc, wx: (w: Wrapper) => Extensions | undefined): void {
  openKnown(out, 'edXML:MessageHeader', e.ext, ENVELOPE);
  organization(out, 'From', e.from);
  for (const to of e.to) organization(out, 'To', to);
  out.leaf('edXML:DocumentId', e.documentId);
  if (e.code) {
    openKnown(out, 'edXML:Code', e.code.ext, ENVELOPE);
    out.leaf('edXML:CodeNumber', e.code.number);
    out.leaf('edXML:CodeNotation', e.code.notation);
    closeKnown(out, e.code.ext, ENVELOPE);
  }
  if (e.promulgation) {
    openKnown(out, 'edXML:PromulgationInfo', e.promulgation.ext, ENVELOPE);
    out.leaf('edXML:Place', e.promulgation.place);
    out.leaf('edXML:PromulgationDate', e.promulgation.date);
    closeKnown(out, e.promulgation.ext, ENVELOPE);
  }
  if (e.documentType) {
    openKnown(out, 'edXML:DocumentType', e.documentType.ext, ENVELOPE);
    out.leaf('edXML:Type', e.documentType.type);
    out.leaf('edXML:TypeDetail', e.documentType.typeDetail);
    out.leaf('edXML:TypeName', e.documentType.typeName);
    closeKnown(out, e.documentType.ext, ENVELOPE);
  }
  out.leaf('edXML:Subject', e.subject);
  out.leaf('edXML:Content', e.content);
  if (e.signer) {
    openKnown(out, 'edXML:SignerInfo', e.signer.ext, ENVELOPE);
    out.leaf('edXML:Competence', e.signer.competence);
    out.leaf('edXML:Position', e.signer.position);
    out.leaf('edXML:FullName', e.signer.fullName);
    closeKnown(out, e.signer.ext, ENVELOPE);
  }
  out.leaf('edXML:DueDate', e.dueDate);
  const o = e.otherInfo;
  if (o) {
    openKnown(out, 'edXML:OtherInfo', o.ext, ENVELOPE);
    out.leaf('edXML:Priority', o.priority);
    out.leaf('edXML:SphereOfPromulgation', o.sphereOfPromulgation);
    out.leaf('edXML:TyperNotation', o.typerNotation);
    out.leaf('edXML:PromulgationAmount', o.promulgationAmount);
    out.leaf('edXML:PageAmount', o.pageAmount);
    out.leaf('edXML:Direction', o.direction);
    list(out, 'Appendixes', 'Appendix', o.appendixes, wx('Appendixes'));
    closeKnown(out, o.ext, ENVELOPE);
  }
  for (const r of e.responseFor) responseFor(out, r);
  out.leaf('edXML:SteeringType', e.steeringType);
  list(out, 'ToPlaces', 'Place', e.toPlaces, wx('ToPlaces'));
  closeKnown(out, e.ext, ENVELOPE);
}

function business(out: Out, b: Business, wx: (w: Wrapper) => Extensions | undefined): void {
  openKnown(out, 'edXML:Bussiness', b.ext, ENVELOPE);
  out.leaf('edXML:DocumentId', b.documentId);
  out.leaf('edXML:BussinessDocType', b.docType);
  out.leaf('edXML:BussinessDocReason', b.reason);
  out.leaf('edXML:Paper', b.paper);
  const infoExt = wx('BussinessDocumentInfo');
  const listExt = wx('ReceiverList');
  if (
    b.documentInfo !== undefined ||
    b.documentReceiver !== undefined ||
    b.receivers.length ||
    infoExt ||
    listExt
  ) {
    openKnown(out, 'edXML:BussinessDocumentInfo', infoExt, ENVELOPE);
    out.leaf('edXML:DocumentInfo', b.documentInfo);
    out.leaf('edXML:DocumentReceiver', b.documentReceiver);
    if (b.receivers.length || listExt) {
      openKnown(out, 'edXML:ReceiverList', listExt, ENVELOPE);
      for (const r of b.receivers) {
        openKnown(out, 'edXML:Receiver', r.ext, ENVELOPE);
        out.leaf('edXML:OrganId', r.organId);
        out.leaf('edXML:ReceiverType', r.receiverType);
        closeKnown(out, r.ext, ENVELOPE);
      }
      closeKnown(out, listExt, ENVELOPE);
    }
    closeKnown(out, infoExt, ENVELOPE);
  }
  const replExt = wx('ReplacementInfoList');
  if (b.replacements.length || replExt) {
    openKnown(out, 'edXML:ReplacementInfoList', replExt, ENVELOPE);
    for (const r of b.replacements) {
      openKnown(out, 'edXML:ReplacementInfo', r.ext, ENVELOPE);
      out.leaf('edXML:DocumentId', r.documentId);
      if (r.organIds.length) {
        out.open('edXML:OrganIdList');
        for (const id of r.organIds) out.leaf('edXML:OrganId', id);
        out.close();
      }
      closeKnown(out, r.ext, ENVELOPE);
    }
    closeKnown(out, replExt, ENVELOPE);
  }
  staff(out, b.staff);
  closeKnown(out, b.ext, ENVELOPE);
}

function statusHeader(out: Out, s: StatusMessage): void {
  openKnown(out, 'edXML:MessageHeader', s.ext, ENVELOPE);
  organization(out, 'From', s.from);
  responseFor(out, s.responseFor);
  staff(out, s.staff);
  out.leaf('edXML:StatusCode', s.statusCode);
  out.leaf('edXML:Description', s.description);
  out.leaf('edXML:Timestamp', s.timestamp);
  closeKnown(out, s.ext, ENVELOPE);
}

/** Writes the envelope up to (not including) AttachmentEncoded. */
function writeEnvelope(out: Out, message: EdxmlMessage): void {
  const m = message.kind === 'edoc' ? message.edoc : message.status;
  const wx = (w: Wrapper): Extensions | undefined => m.wrapperExt?.[w];
  const root = attributesOf(wx('edXML')?.attributes, OUTSIDE);
  out.open('edXML', root.attributes, [['', EDXML_NS], ...root.namespaces]);
  const envExt = wx('edXMLEnvelope');
  const { attributes, namespaces } = attributesOf(envExt?.attributes, ENVELOPE);
  out.open('edXML:edXMLEnvelope', attributes, [['edXML', EDXML_NS], ...namespaces]);
  openKnown(out, 'edXML:edXMLHeader', wx('edXMLHeader'), ENVELOPE);
  if (message.kind === 'edoc') {
    const e = message.edoc;
    edocHeader(out, e, wx);
    const traceExt = wx('TraceHeaderList');
    openKnown(out, 'edXML:TraceHeaderList', traceExt, ENVELOPE);
    for (const t of e.traces) {
      openKnown(out, 'edXML:TraceHeader', t.ext, ENVELOPE);
      out.leaf('edXML:OrganId', t.organId);
      out.leaf('edXML:Timestamp', t.timestamp);
      closeKnown(out, t.ext, ENVELOPE);
    }
    if (e.business) business(out, e.business, wx);
    closeKnown(out, traceExt, ENVELOPE);
  } else statusHeader(out, message.status);
  closeKnown(out, wx('edXMLHeader'), ENVELOPE);
  if (message.kind === 'edoc' && (message.edoc.manifest || wx('edXMLBody'))) {
    const bodyExt = wx('edXMLBody');
    openKnown(out, 'edXML:edXMLBody', bodyExt, ENVELOPE);
    const manifest = message.edoc.manifest;
    if (manifest) {
      const known: Attrs = manifest.version !== undefined ? [['version', manifest.version]] : [];
      openKnown(out, 'edXML:edXMLManifest', manifest.ext, ENVELOPE, known);
      for (const r of manifest.references) {
        openKnown(out, 'edXML:Reference', r.ext, ENVELOPE);
        out.leaf('edXML:ContentId', r.contentId);
        out.leaf('edXML:ContentType', r.contentType);
        out.leaf('edXML:Description', r.description);
        out.leaf('edXML:AttachmentName', r.attachmentName);
        closeKnown(out, r.ext, ENVELOPE);
      }
      closeKnown(out, manifest.ext, ENVELOPE);
    }
    closeKnown(out, bodyExt, ENVELOPE);
  }
  closeKnown(out, envExt, ENVELOPE);
}

/**
 * Writes an edXML envelope to `sink` (awaited between chunks). `attachments` are written, in order, into
 * AttachmentEncoded — the model's `edoc.attachments` (metadata read by parse) is not used, so pass
 * `edoc.attachments.map((meta, i) => ({ meta, zipped: … }))` to forward a received envelope. A status message
 * takes no attachments.
 */
export async function buildEdxml(
  message: EdxmlMessage,
  attachments: readonly AttachmentContent[],
  sink: OutputSink,
): Promise<void> {
  const pending: Buffer[] = [];
  const w = new XmlWriter((chunk) => pending.push(chunk));
  const drain = async (): Promise<void> => {
    while (pending.length) await sink(pending.shift()!);
  };
  const out = new Out(w);
  writeEnvelope(out, message);
  const m = message.kind === 'edoc' ? message.edoc : message.status;
  const attExt = m.wrapperExt?.AttachmentEncoded;
  if (message.kind === 'edoc' && (attachments.length || attExt)) {
    openKnown(out, 'AttachmentEncoded', attExt, OUTSIDE);
    for (const { meta, zipped } of attachments) {
      openKnown(out, 'Attachment', meta.ext, OUTSIDE);
      out.leaf('ContentId', meta.contentId);
      out.leaf('AttachmentName', meta.name);
      out.leaf('Description', meta.description);
      out.leaf('ContentType', meta.contentType);
      writeExtElements(out, meta.ext, OUTSIDE);
      if (zipped !== null) {
        out.open('edXML:ContentTransferEncoded', [], [['edXML', EDXML_NS]]);
        await drain();
        for await (const piece of base64Encode(zipped)) {
          w.raw(piece);
          await drain();
        }
        out.close(); // raw() marks no child, so no indentation is added inside the base64
      }
      out.close();
    }
    out.close();
  }
  closeKnown(out, m.wrapperExt?.edXML, OUTSIDE);
  w.finish();
  await drain();
}

/** buildEdxml into one Buffer (small messages, tests). */
export async function buildEdxmlToBuffer(
  message: EdxmlMessage,
  attachments: readonly AttachmentContent[] = [],
): Promise<Buffer> {
  const parts: Buffer[] = [];
  await buildEdxml(message, attachments, (chunk) => {
    parts.push(chunk);
  });
  return Buffer.concat(parts);
}
