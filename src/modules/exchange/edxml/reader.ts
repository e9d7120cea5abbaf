/**
 * The edXML reading state machine: consumes tokenizer events (no DOM), fills the model, and turns attachment
 * content into decoded chunks queued for the caller's sink. One frame per open element; a frame knows which
 * children it understands, and everything else becomes an extension node on the nearest known container.
 * Matching is by namespace URI and local name, so `edXML:From` and a default-namespace `From` are the same,
 * and sibling order does not matter.
 */
import { createHash, type Hash } from 'node:crypto';
import type { StartElement, TextChunk, XmlHandler } from '../../../platform/xml/index.js';
import { Base64Decoder } from './base64.js';
import { EDXML_ISSUES, type EdxmlIssue, type EdxmlIssueCode } from './issues.js';
import {
  EDXML_NS,
  type AttachmentMeta,
  type Business,
  type Edoc,
  type Extensions,
  type Manifest,
  type Organization,
  type OtherInfo,
  type Receiver,
  type Reference,
  type Replacement,
  type ResponseFor,
  type Staff,
  type StatusMessage,
  type TraceHeader,
  type Wrapper,
  type WrapperExtensions,
  type XmlNode,
} from './model.js';

export interface ReaderLimits {
  /** Bytes of text in one field or one extension node (default 1 MiB); attachment content is unlimited. */
  maxFieldBytes?: number;
  /** Items in one list: recipients, traces, references, attachments, places … (default 10,000). */
  maxItems?: number;
  /** Extension nodes in the whole message (default 10,000). */
  maxExtensionNodes?: number;
}

/** Where a decoded attachment goes: called when its content starts, with the metadata read so far. */
export type AttachmentSink = (
  meta: AttachmentMeta,
  index: number,
) => {
  write(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
  /** Called instead of end() when parsing fails after the content started (optional). */
  abort?(reason: Error): void | Promise<void>;
};

type SinkWriter = ReturnType<AttachmentSink>;

/** Work for the async side of parse: sink calls, in order. */
export type SinkOp =
  { op: 'write'; writer: SinkWriter; chunk: Buffer } | { op: 'end'; writer: SinkWriter; index: number };

interface Frame {
  path: string;
  child(e: StartElement): Frame | undefined;
  text?(t: TextChunk): void;
  end?(): void;
  /** An extension node: all its children are extension nodes too. */
  node?: true;
  /** Where unknown children go; undefined for leaves (their stray children go to the parent's). */
  ext?: () => Extensions;
}

/** Everything MessageHeader and its siblings may hold, before knowing whether this is an edoc or a status. */
interface Accumulator {
  from?: Organization;
  to: Organization[];
  documentId?: string;
  code?: Edoc['code'];
  promulgation?: Edoc['promulgation'];
  documentType?: Edoc['documentType'];
  subject?: string;
  content?: string;
  signer?: Edoc['signer'];
  dueDate?: string;
  toPlaces?: string[];
  otherInfo?: OtherInfo;
  responseFor: ResponseFor[];
  steeringType?: string;
  staff?: Staff;
  statusCode?: string;
  description?: string;
  timestamp?: string;
  traceHeaderList: boolean;
  traces: TraceHeader[];
  business?: Business;
  manifest?: Manifest;
  attachments: AttachmentMeta[];
  ext?: Extensions;
  wrapperExt: WrapperExtensions;
  seen: Set<string>;
}

const EDOC_ONLY = [
  'documentId',
  'code',
  'promulgation',
  'documentType',
  'subject',
  'content',
  'signer',
  'dueDate',
  'toPlaces',
  'otherInfo',
  'steeringType',
] as const;
const STATUS_ONLY = ['staff', 'statusCode', 'description', 'timestamp'] as const;
const ELEMENT_OF: Record<(typeof EDOC_ONLY)[number] | (typeof STATUS_ONLY)[number], string> = {
  documentId: 'DocumentId',
  code: 'Code',
  promulgation: 'PromulgationInfo',
  documentType: 'DocumentType',
  subject: 'Subject',
  content: 'Content',
  signer: 'SignerInfo',
  dueDate: 'DueDate',
  toPlaces: 'ToPlaces',
  otherInfo: 'OtherInfo',
  steeringType: 'SteeringType',
  staff: 'StaffInfo',
  statusCode: 'StatusCode',
  description: 'Description',
  timestamp: 'Timestamp',
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export class EdxmlReader implements XmlHandler {
  readonly issues: EdxmlIssue[] = [];
  readonly ops: SinkOp[] = [];
  /** Set when the input cannot be processed any further; later events are ignored. */
  fatal = false;
  /** Writers whose content started but did not end (to abort on failure). */
  readonly open = new Set<SinkWriter>();

  private readonly stack: Frame[] = [];
  private readonly acc: Accumulator = {
    to: [],
    responseFor: [],
    traceHeaderList: false,
    traces: [],
    attachments: [],
    wrapperExt: {},
    seen: new Set(),
  };
  private extNodes = 0;
  readonly maxField: number;
  private readonly maxItems: number;
  private readonly maxExt: number;
  private rootSeen = false;

  constructor(
    private readonly sink: AttachmentSink | undefined,
    limits: ReaderLimits = {},
  ) {
    this.maxField = limits.maxFieldBytes ?? 1024 * 1024;
    this.maxItems = limits.maxItems ?? 10_000;
    this.maxExt = limits.maxExtensionNodes ?? 10_000;
  }

  // ── XmlHandler ──

  startElement(e: StartElement): void {
    if (this.fatal) return;
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (e.local !== 'edXML' || e.uri !== EDXML_NS) {
        this.stop('EDXML_ROOT', '', e.uri ? `{${e.uri}}${e.local}` : e.local);
        return;
      }
      this.stack.push(this.rootFrame(e));
      return;
    }
    const parent = this.stack[this.stack.length - 1]!;
    // Inside an extension node every child belongs to it; elsewhere only edXML-namespace names are known.
    const known = parent.node || e.uri === EDXML_NS ? parent.child(e) : undefined;
    if (this.fatal) return;
    this.stack.push(known ?? this.extFrame(e, parent));
  }

  text(t: TextChunk): void {
    if (this.fatal) return;
    const top = this.stack[this.stack.length - 1];
    if (top?.text) top.text(t);
  }

  endElement(): void {
    if (this.fatal) return;
    const frame = this.stack.pop();
    frame?.end?.();
  }

  // ── results ──

  /** True when the parts that make a message were all there. */
  get complete(): boolean {
    return this.acc.seen.has('MessageHeader');
  }

  get accumulated(): Accumulator {
    return this.acc;
  }

  issue(code: EdxmlIssueCode, element: string, value?: string): void {
    const i: EdxmlIssue = { code, element, severity: EDXML_ISSUES[code].severity };
    if (value !== undefined) i.value = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    this.issues.push(i);
  }

  stop(code: EdxmlIssueCode, element: string, value?: string): void {
    this.issue(code, element, value);
    this.fatal = true;
  }

  // ── frames ──

  private wrapperExt(w: Wrapper): () => Extensions {
    return () => (this.acc.wrapperExt[w] ??= {});
  }

  /** Unknown attributes of a known container go to its extensions. */
  private keepAttributes(e: StartElement, ext: () => Extensions, known: readonly string[] = []): void {
    for (const a of e.attributes) {
      if (a.uri === '' && known.includes(a.local)) continue;
      (ext().attributes ??= []).push({ uri: a.uri, name: a.local, value: a.value });
    }
  }

  /** A container: `children` maps local names to frame factories (undefined → extension). */
  private container(
    e: StartElement,
    path: string,
    ext: () => Extensions,
    children: Record<string, (c: StartElement, path: string) => Frame | undefined>,
    end?: () => void,
    knownAttributes?: readonly string[],
  ): Frame {
    this.keepAttributes(e, ext, knownAttributes);
    const frame: Frame = {
      path,
      ext,
      child: (c) => {
        const make = Object.hasOwn(children, c.local) ? children[c.local] : undefined;
        return make ? make(c, `${path}/${c.local}`) : undefined;
      },
    };
    if (end) frame.end = end;
    return frame;
  }

  /**
   * A single-valued field of `target`: a second occurrence is kept as an extension (with a warning) instead of
   * silently replacing the first.
   */
  private field<T extends object>(
    target: T,
    key: keyof T & string,
  ): (c: StartElement, path: string) => Frame | undefined {
    return (_c, path) => {
      if ((target as Record<string, unknown>)[key] !== undefined) {
        this.issue('EDXML_DUPLICATE_ELEMENT', path);
        return undefined;
      }
      return new LeafFrame(this, path, target as Record<string, unknown>, key);
    };
  }

  /** A repeated text item (Place, Appendix, OrganId in a list). */
  private item(list: string[]): (c: StartElement, path: string) => Frame | undefined {
    return (_c, path) => {
      if (!this.room(list, path)) return undefined;
      return new LeafFrame(this, `${path}[${list.length + 1}]`, list, null);
    };
  }

  /** A singleton container of the accumulator: a second one is an extension. */
  private once(name: string, path: string): boolean {
    if (this.acc.seen.has(name)) {
      this.issue('EDXML_DUPLICATE_ELEMENT', path);
      return false;
    }
    this.acc.seen.add(name);
    return true;
  }

  private room(list: readonly unknown[], path: string): boolean {
    if (list.length < this.maxItems) return true;
    this.stop('EDXML_LIMIT', path, `> ${this.maxItems} items`);
    return false;
  }

  private rootFrame(e: StartElement): Frame {
    return this.container(e, 'edXML', this.wrapperExt('edXML'), {
      edXMLEnvelope: (c, path) => (this.once('edXMLEnvelope', path) ? this.envelopeFrame(c) : undefined),
      AttachmentEncoded: (c, path) =>
        this.once('AttachmentEncoded', path) ? this.attachmentsFrame(c) : undefined,
    });
  }

  private envelopeFrame(e: StartElement): Frame {
    return this.container(e, 'edXMLEnvelope', this.wrapperExt('edXMLEnvelope'), {
      edXMLHeader: (c, path) => (this.once('edXMLHeader', path) ? this.headerFrame(c) : undefined),
      edXMLBody: (c, path) => (this.once('edXMLBody', path) ? this.bodyFrame(c) : undefined),
    });
  }

  private headerFrame(e: StartElement): Frame {
    return this.container(e, 'edXMLHeader', this.wrapperExt('edXMLHeader'), {
      MessageHeader: (c, path) => (this.once('MessageHeader', path) ? this.messageHeaderFrame(c) : undefined),
      TraceHeaderList: (c, path) => (this.once('TraceHeaderList', path) ? this.traceListFrame(c) : undefined),
    });
  }

  private organization(e: StartElement, path: string, org: Organization): Frame {
    return this.container(e, path, () => (org.ext ??= {}), {
      OrganId: this.field(org, 'organId'),
      OrganizationInCharge: this.field(org, 'organizationInCharge'),
      OrganName: this.field(org, 'organName'),
      OrganAdd: this.field(org, 'organAdd'),
      Email: this.field(org, 'email'),
      Telephone: this.field(org, 'telephone'),
      Fax: this.field(org, 'fax'),
      Website: this.field(org, 'website'),
    });
  }

  private staffFrame(e: StartElement, path: string, staff: Staff): Frame {
    return this.container(e, path, () => (staff.ext ??= {}), {
      Department: this.field(staff, 'department'),
      Staff: this.field(staff, 'staff'),
      Email: this.field(staff, 'email'),
      Mobile: this.field(staff, 'mobile'),
    });
  }

  private responseForFrame(e: StartElement, path: string, rf: ResponseFor): Frame {
    return this.container(e, path, () => (rf.ext ??= {}), {
      OrganId: this.field(rf, 'organId'),
      Code: this.field(rf, 'code'),
      PromulgationDate: this.field(rf, 'promulgationDate'),
      DocumentId: this.field(rf, 'documentId'),
    });
  }

  private messageHeaderFrame(e: StartElement): Frame {
    const acc = this.acc;
    const base = 'MessageHeader';
    const single =
      <K extends 'code' | 'promulgation' | 'documentType' | 'signer' | 'otherInfo' | 'staff'>(
        key: K,
        make: (c: StartElement, path: string, target: NonNullable<Accumulator[K]>) => Frame,
        fresh: () => NonNullable<Accumulator[K]>,
      ) =>
      (c: StartElement, path: string): Frame | undefined => {
        if (acc[key] !== undefined) {
          this.issue('EDXML_DUPLICATE_ELEMENT', path);
          return undefined;
        }
        const target = fresh();
        acc[key] = target;
        return make(c, path, target);
      };
    return this.container(e, base, () => (acc.ext ??= {}), {
      From: (c, path) => {
        if (acc.from) {
          this.issue('EDXML_DUPLICATE_ELEMENT', path);
          return undefined;
        }
        acc.from = {};
        return this.organization(c, path, acc.from);
      },
      To: (c, path) => {
        if (!this.room(acc.to, path)) return undefined;
        const org: Organization = {};
        acc.to.push(org);
        return this.organization(c, `${path}[${acc.to.length}]`, org);
      },
      DocumentId: this.field(acc, 'documentId'),
      Code: single(
        'code',
        (c, path, code) =>
          this.container(c, path, () => (code.ext ??= {}), {
            CodeNumber: this.field(code, 'number'),
            CodeNotation: this.field(code, 'notation'),
          }),
        () => ({}),
      ),
      PromulgationInfo: single(
        'promulgation',
        (c, path, p) =>
          this.container(c, path, () => (p.ext ??= {}), {
            Place: this.field(p, 'place'),
            PromulgationDate: this.field(p, 'date'),
          }),
        () => ({}),
      ),
      DocumentType: single(
        'documentType',
        (c, path, t) =>
          this.container(c, path, () => (t.ext ??= {}), {
            Type: this.field(t, 'type'),
            TypeDetail: this.field(t, 'typeDetail'),
            TypeName: this.field(t, 'typeName'),
          }),
        () => ({}),
      ),
      Subject: this.field(acc, 'subject'),
      Content: this.field(acc, 'content'),
      SignerInfo: single(
        'signer',
        (c, path, s) =>
          this.container(c, path, () => (s.ext ??= {}), {
            Competence: this.field(s, 'competence'),
            Position: this.field(s, 'position'),
            FullName: this.field(s, 'fullName'),
          }),
        () => ({}),
      ),
      DueDate: this.field(acc, 'dueDate'),
      ToPlaces: (c, path) => {
        if (acc.toPlaces) {
          this.issue('EDXML_DUPLICATE_ELEMENT', path);
          return undefined;
        }
        const places: string[] = (acc.toPlaces = []);
        return this.container(c, path, this.wrapperExt('ToPlaces'), { Place: this.item(places) });
      },
      OtherInfo: single(
        'otherInfo',
        (c, path, o) =>
          this.container(c, path, () => (o.ext ??= {}), {
            Priority: this.field(o, 'priority'),
            SphereOfPromulgation: this.field(o, 'sphereOfPromulgation'),
            TyperNotation: this.field(o, 'typerNotation'),
            PromulgationAmount: this.field(o, 'promulgationAmount'),
            PageAmount: this.field(o, 'pageAmount'),
            Direction: this.field(o, 'direction'),
            Appendixes: (a, apath) =>
              this.container(a, apath, this.wrapperExt('Appendixes'), { Appendix: this.item(o.appendixes) }),
          }),
        () => ({ appendixes: [] }),
      ),
      ResponseFor: (c, path) => {
        if (!this.room(acc.responseFor, path)) return undefined;
        const rf: ResponseFor = {};
        acc.responseFor.push(rf);
        return this.responseForFrame(c, `${path}[${acc.responseFor.length}]`, rf);
      },
      SteeringType: this.field(acc, 'steeringType'),
      StaffInfo: single(
        'staff',
        (c, path, s) => this.staffFrame(c, path, s),
        () => ({}),
      ),
      StatusCode: this.field(acc, 'statusCode'),
      Description: this.field(acc, 'description'),
      Timestamp: this.field(acc, 'timestamp'),
    });
  }

  private traceListFrame(e: StartElement): Frame {
    const acc = this.acc;
    acc.traceHeaderList = true;
    return this.container(e, 'TraceHeaderList', this.wrapperExt('TraceHeaderList'), {
      TraceHeader: (c, path) => {
        if (!this.room(acc.traces, path)) return undefined;
        const t: TraceHeader = {};
        acc.traces.push(t);
        return this.container(c, `${path}[${acc.traces.length}]`, () => (t.ext ??= {}), {
          OrganId: this.field(t, 'organId'),
          Timestamp: this.field(t, 'timestamp'),
        });
      },
      Bussiness: (c, path) => {
        if (acc.business) {
          this.issue('EDXML_DUPLICATE_ELEMENT', path);
          return undefined;
        }
        const b: Business = (acc.business = { receivers: [], replacements: [] });
        return this.businessFrame(c, path, b);
      },
    });
  }

  private businessFrame(e: StartElement, path: string, b: Business): Frame {
    return this.container(e, path, () => (b.ext ??= {}), {
      DocumentId: this.field(b, 'documentId'),
      BussinessDocType: this.field(b, 'docType'),
      BussinessDocReason: this.field(b, 'reason'),
      Paper: this.field(b, 'paper'),
      BussinessDocumentInfo: (c, ipath) =>
        this.container(c, ipath, this.wrapperExt('BussinessDocumentInfo'), {
          DocumentInfo: this.field(b, 'documentInfo'),
          DocumentReceiver: this.field(b, 'documentReceiver'),
          ReceiverList: (l, lpath) =>
            this.container(l, lpath, this.wrapperExt('ReceiverList'), {
              Receiver: (r, rpath) => {
                if (!this.room(b.receivers, rpath)) return undefined;
                const receiver: Receiver = {};
                b.receivers.push(receiver);
                return this.container(r, `${rpath}[${b.receivers.length}]`, () => (receiver.ext ??= {}), {
                  OrganId: this.field(receiver, 'organId'),
                  ReceiverType: this.field(receiver, 'receiverType'),
                });
              },
            }),
        }),
      ReplacementInfoList: (c, lpath) =>
        this.container(c, lpath, this.wrapperExt('ReplacementInfoList'), {
          ReplacementInfo: (r, rpath) => {
            if (!this.room(b.replacements, rpath)) return undefined;
            const rep: Replacement = { organIds: [] };
            b.replacements.push(rep);
            const p = `${rpath}[${b.replacements.length}]`;
            return this.container(r, p, () => (rep.ext ??= {}), {
              DocumentId: this.field(rep, 'documentId'),
              OrganIdList: (o, opath) =>
                this.container(o, opath, () => (rep.ext ??= {}), { OrganId: this.item(rep.organIds) }),
            });
          },
        }),
      StaffInfo: (c, spath) => {
        if (b.staff) {
          this.issue('EDXML_DUPLICATE_ELEMENT', spath);
          return undefined;
        }
        b.staff = {};
        return this.staffFrame(c, spath, b.staff);
      },
    });
  }

  private bodyFrame(e: StartElement): Frame {
    const acc = this.acc;
    return this.container(e, 'edXMLBody', this.wrapperExt('edXMLBody'), {
      edXMLManifest: (c, path) => {
        if (acc.manifest) {
          this.issue('EDXML_DUPLICATE_ELEMENT', path);
          return undefined;
        }
        const m: Manifest = (acc.manifest = { references: [] });
        const version = c.attributes.find((a) => a.uri === '' && a.local === 'version');
        if (version) m.version = version.value;
        return this.container(
          c,
          path,
          () => (m.ext ??= {}),
          {
            Reference: (r, rpath) => {
              if (!this.room(m.references, rpath)) return undefined;
              const ref: Reference = {};
              m.references.push(ref);
              return this.container(r, `${rpath}[${m.references.length}]`, () => (ref.ext ??= {}), {
                ContentId: this.field(ref, 'contentId'),
                ContentType: this.field(ref, 'contentType'),
                Description: this.field(ref, 'description'),
                AttachmentName: this.field(ref, 'attachmentName'),
              });
            },
          },
          undefined,
          ['version'],
        );
      },
    });
  }

  private attachmentsFrame(e: StartElement): Frame {
    const acc = this.acc;
    return this.container(e, 'AttachmentEncoded', this.wrapperExt('AttachmentEncoded'), {
      Attachment: (c, path) => {
        if (!this.room(acc.attachments, path)) return undefined;
        const meta: AttachmentMeta = {};
        acc.attachments.push(meta);
        const index = acc.attachments.length - 1;
        const apath = `${path}[${acc.attachments.length}]`;
        let content = false;
        return this.container(c, apath, () => (meta.ext ??= {}), {
          ContentId: this.field(meta, 'contentId'),
          AttachmentName: this.field(meta, 'name'),
          Description: this.field(meta, 'description'),
          ContentType: this.field(meta, 'contentType'),
          ContentTransferEncoded: (_t, tpath) => {
            if (content) {
              // A second content element would be a second file under one name: never kept in memory.
              this.stop('EDXML_DUPLICATE_ELEMENT', tpath);
              return undefined;
            }
            content = true;
            return this.contentFrame(tpath, meta, index);
          },
        });
      },
    });
  }

  /** ContentTransferEncoded: base64 decoded as it arrives, hashed, and queued for the sink. */
  private contentFrame(path: string, meta: AttachmentMeta, index: number): Frame {
    const decoder = new Base64Decoder();
    const hash: Hash = createHash('sha256');
    let size = 0;
    let head: Buffer | null = null;
    let writer: SinkWriter | undefined;
    try {
      writer = this.sink ? this.sink({ ...meta }, index) : undefined;
    } catch (e) {
      this.stop('EDXML_SINK_FAILED', path, e instanceof Error ? e.message : String(e));
    }
    if (writer) this.open.add(writer);
    const emit = (bytes: Buffer | null): void => {
      if (!bytes || bytes.length === 0) return;
      if (head === null || head.length < 4)
        head = head ? Buffer.concat([head, bytes.subarray(0, 4)]) : bytes.subarray(0, 4);
      hash.update(bytes);
      size += bytes.length;
      if (writer) this.ops.push({ op: 'write', writer, chunk: bytes });
    };
    return {
      path,
      child: () => undefined,
      text: (t) => {
        if (decoder.failure) return;
        emit(decoder.push(t.plain ? t.raw : t.text()));
        if (decoder.failure) this.issue('EDXML_ATTACHMENT_BASE64', path, decoder.failure);
      },
      end: () => {
        if (!decoder.failure) {
          emit(decoder.end());
          if (decoder.failure) this.issue('EDXML_ATTACHMENT_BASE64', path, decoder.failure);
          else if (decoder.unpadded) this.issue('EDXML_BASE64_PADDING', path);
        }
        if (!decoder.failure) {
          meta.size = size;
          meta.sha256 = hash.digest('hex');
          if (size === 0) this.issue('EDXML_ATTACHMENT_EMPTY', path);
          else if (!head || head.length < 4 || !head.subarray(0, 4).equals(ZIP_MAGIC))
            this.issue('EDXML_ATTACHMENT_NOT_ZIP', path);
        }
        if (writer) this.ops.push({ op: 'end', writer, index });
      },
    };
  }

  /** An element the library does not know: kept as a generic node on the nearest known container. */
  private extFrame(e: StartElement, parent: Frame): Frame {
    const node: XmlNode = {
      uri: e.uri,
      name: e.local,
      attributes: e.attributes.map((a) => ({ uri: a.uri, name: a.local, value: a.value })),
    };
    if (++this.extNodes > this.maxExt) {
      this.stop('EDXML_LIMIT', `${parent.path}/${e.local}`, `> ${this.maxExt} extension nodes`);
    }
    const holder = parent.ext ?? this.nearestExt();
    (holder().elements ??= []).push(node);
    return this.nodeFrame(node, `${parent.path}/${e.local}`);
  }

  private nearestExt(): () => Extensions {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const ext = this.stack[i]!.ext;
      if (ext) return ext;
    }
    return this.wrapperExt('edXML');
  }

  private nodeFrame(node: XmlNode, path: string): Frame {
    let parts: string[] = [];
    let size = 0;
    return {
      path,
      node: true,
      child: (c) => {
        const childNode: XmlNode = {
          uri: c.uri,
          name: c.local,
          attributes: c.attributes.map((a) => ({ uri: a.uri, name: a.local, value: a.value })),
        };
        if (++this.extNodes > this.maxExt)
          this.stop('EDXML_LIMIT', `${path}/${c.local}`, `> ${this.maxExt} extension nodes`);
        (node.children ??= []).push(childNode);
        return this.nodeFrame(childNode, `${path}/${c.local}`);
      },
      text: (t) => {
        size += t.raw.length;
        if (size > this.maxField) {
          if (!this.fatal) this.stop('EDXML_LIMIT', path, `> ${this.maxField} bytes`);
          parts = [];
          return;
        }
        parts.push(t.text());
      },
      end: () => {
        const text = parts.join('');
        if (!node.children) node.text = text;
        else if (text.trim() !== '') node.text = text;
      },
    };
  }

  // ── assembly ──

  /** The message, once the input ended: edoc or status by what MessageHeader held. */
  message(): { kind: 'edoc'; edoc: Edoc } | { kind: 'status'; status: StatusMessage } | null {
    const a = this.acc;
    const wrapperExt = Object.keys(a.wrapperExt).length ? a.wrapperExt : undefined;
    const isStatus = a.statusCode !== undefined && a.to.length === 0 && !a.traceHeaderList && !a.manifest;
    // Fields of the other kind of message have no place in the model: say so rather than drop them silently.
    const misplaced = isStatus
      ? EDOC_ONLY.filter((k) => a[k] !== undefined)
      : STATUS_ONLY.filter((k) => a[k] !== undefined);
    for (const k of misplaced) this.issue('EDXML_MISPLACED_ELEMENT', `MessageHeader/${ELEMENT_OF[k]}`);
    if (isStatus) {
      for (let i = 1; i < a.responseFor.length; i++)
        this.issue('EDXML_DUPLICATE_ELEMENT', `MessageHeader/ResponseFor[${i + 1}]`);
      const status: StatusMessage = { from: a.from ?? {}, responseFor: a.responseFor[0] ?? {} };
      if (a.staff) status.staff = a.staff;
      if (a.statusCode !== undefined) status.statusCode = a.statusCode;
      if (a.description !== undefined) status.description = a.description;
      if (a.timestamp !== undefined) status.timestamp = a.timestamp;
      if (a.ext) status.ext = a.ext;
      if (wrapperExt) status.wrapperExt = wrapperExt;
      return { kind: 'status', status };
    }
    const looksEdoc =
      a.to.length > 0 ||
      a.traceHeaderList ||
      a.manifest !== undefined ||
      a.attachments.length > 0 ||
      a.subject !== undefined ||
      a.code !== undefined;
    if (!looksEdoc) return null;
    const edoc: Edoc = {
      from: a.from ?? {},
      to: a.to,
      toPlaces: a.toPlaces ?? [],
      responseFor: a.responseFor,
      traces: a.traces,
      attachments: a.attachments,
    };
    const optional = [
      'documentId',
      'code',
      'promulgation',
      'documentType',
      'subject',
      'content',
      'signer',
      'dueDate',
      'otherInfo',
      'steeringType',
      'business',
      'manifest',
      'ext',
    ] as const;
    for (const k of optional) if (a[k] !== undefined) (edoc as unknown as Record<string, unknown>)[k] = a[k];
    if (wrapperExt) edoc.wrapperExt = wrapperExt;
    return { kind: 'edoc', edoc };
  }
}

/**
 * A text field: collects its text (bounded) and stores it in `target[key]`, or appends it to the list `target`.
 * A class, not closures: leaves are most of the elements, and this is the hot path.
 */
class LeafFrame implements Frame {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly reader: EdxmlReader,
    readonly path: string,
    private readonly target: Record<string, unknown> | string[],
    private readonly key: string | null,
  ) {}

  child(): undefined {
    return undefined;
  }

  text(t: TextChunk): void {
    if (this.size < 0) return;
    this.size += t.raw.length;
    if (this.size > this.reader.maxField) {
      this.reader.stop('EDXML_LIMIT', this.path, `> ${this.reader.maxField} bytes`);
      this.size = -1;
      this.parts = [];
      return;
    }
    this.parts.push(t.text());
  }

  end(): void {
    const value = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    if (this.key === null) (this.target as string[]).push(value);
    else (this.target as Record<string, unknown>)[this.key] = value;
  }
}
