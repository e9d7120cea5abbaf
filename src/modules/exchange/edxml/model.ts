/**
 * The edXML message model (QCVN 102:2016/BTTTT): the wire format, typed. Values stay the strings found on the
 * wire — dates remain "yyyy/MM/dd", codes remain "01" — so that build(parse(x)) gives back what was received;
 * interpret them with the helpers in dates.ts and the constants below.
 *
 * Absent and empty differ: an element that is not there is `undefined`, an element that is there but empty is
 * `''`. Elements the library does not know (ApplicationType, ResponseForTask, ReferenceCodes, a Signature …)
 * and attributes it does not know are kept as `ext` on the nearest known container and written back by build.
 */

/** The edXML namespace; every known element is in it (prefixed `edXML:` or in the default namespace). */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** An attribute the library does not interpret, kept for the round trip. */
export interface XmlAttr {
  /** Namespace URI, '' for none. */
  uri: string;
  /** Local name. */
  name: string;
  value: string;
}

/** An element the library does not interpret, kept for the round trip (comments and mixed content are not). */
export interface XmlNode {
  uri: string;
  name: string;
  attributes: XmlAttr[];
  /** The text of a leaf element ('' when empty); text beside child elements is kept only if not whitespace. */
  text?: string;
  children?: XmlNode[];
}

/** Unknown attributes and child elements of one known element, in document order. */
export interface Extensions {
  attributes?: XmlAttr[];
  elements?: XmlNode[];
}

/** `From`, `To`: an agency. */
export interface Organization {
  /** Agency code (mã định danh), e.g. 000.00.00.G22. */
  organId?: string;
  /** The managing (parent) body's name. */
  organizationInCharge?: string;
  organName?: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
  ext?: Extensions;
}

/** `Code`: số and ký hiệu of the document (7816 / VPCP-TTĐT). */
export interface DocumentCode {
  number?: string;
  notation?: string;
  ext?: Extensions;
}

/** `PromulgationInfo`: place and date (yyyy/MM/dd) of issue. */
export interface Promulgation {
  place?: string;
  date?: string;
  ext?: Extensions;
}

/** `DocumentType`: numeric type codes and the authoritative display name ("Công văn"). */
export interface DocumentType {
  type?: string;
  typeDetail?: string;
  typeName?: string;
  ext?: Extensions;
}

/** `SignerInfo`: competence (TL., KT., Q. …), position, full name. */
export interface Signer {
  competence?: string;
  position?: string;
  fullName?: string;
  ext?: Extensions;
}

/** `OtherInfo`. Priority (độ khẩn): 0 normal … 4 (see PRIORITIES). */
export interface OtherInfo {
  priority?: string;
  sphereOfPromulgation?: string;
  typerNotation?: string;
  promulgationAmount?: string;
  pageAmount?: string;
  direction?: string;
  /** `Appendixes/Appendix*`; [] when there is no Appendixes element (or an empty one). */
  appendixes: string[];
  ext?: Extensions;
}

/**
 * `ResponseFor`: the document this message answers or acts upon. In an edoc 0..n; in a status exactly one, and
 * `code` is then number and notation together ("7816/VPCP-TTĐT").
 */
export interface ResponseFor {
  organId?: string;
  code?: string;
  promulgationDate?: string;
  documentId?: string;
  ext?: Extensions;
}

/** `TraceHeader`: one hop. Timestamp "yyyy/MM/dd HH:mm:ss" (Vietnam time). */
export interface TraceHeader {
  organId?: string;
  timestamp?: string;
  ext?: Extensions;
}

/** `StaffInfo`: the clerk (văn thư) or handler. */
export interface Staff {
  department?: string;
  staff?: string;
  email?: string;
  mobile?: string;
  ext?: Extensions;
}

/** `ReceiverList/Receiver` of an update (BussinessDocType 2). */
export interface Receiver {
  organId?: string;
  receiverType?: string;
  ext?: Extensions;
}

/** `ReplacementInfoList/ReplacementInfo` of a replacement (BussinessDocType 3). */
export interface Replacement {
  documentId?: string;
  /** `OrganIdList/OrganId*`. */
  organIds: string[];
  ext?: Extensions;
}

/** `TraceHeaderList/Bussiness` [sic]: what this message does to the document. */
export interface Business {
  /** For update/revocation/replacement: the targeted document. */
  documentId?: string;
  /** BussinessDocType as found; '0'..'3' are valid (BUSINESS_DOC_TYPES). */
  docType?: string;
  reason?: string;
  /** '0' no paper copy, '1' a paper copy is also sent. */
  paper?: string;
  /** `BussinessDocumentInfo/DocumentInfo` ('0'/'1': metadata changed). */
  documentInfo?: string;
  /** `BussinessDocumentInfo/DocumentReceiver` ('0'/'1': recipient list changed). */
  documentReceiver?: string;
  /** `BussinessDocumentInfo/ReceiverList/Receiver*`. */
  receivers: Receiver[];
  /** `ReplacementInfoList/ReplacementInfo*`. */
  replacements: Replacement[];
  staff?: Staff;
  ext?: Extensions;
}

/** `edXMLManifest/Reference`: one attachment announced in the body. */
export interface Reference {
  /** Normally `cid:…`, the same string as the attachment's ContentId. */
  contentId?: string;
  contentType?: string;
  description?: string;
  attachmentName?: string;
  ext?: Extensions;
}

export interface Manifest {
  /** The `version` attribute ("1.0" in the samples). */
  version?: string;
  references: Reference[];
  ext?: Extensions;
}

/**
 * `AttachmentEncoded/Attachment`: metadata only. The content (base64 of a ZIP) never sits in the model: parse
 * streams it to an AttachmentSink (or only hashes it); build takes it as a separate stream.
 */
export interface AttachmentMeta {
  contentId?: string;
  /** `AttachmentName`. */
  name?: string;
  description?: string;
  contentType?: string;
  /** Size in bytes of the decoded content (the ZIP), once streamed; undefined when there is no content element. */
  size?: number;
  /** SHA-256 (hex) of the decoded content, once streamed. */
  sha256?: string;
  ext?: Extensions;
}

/** Wrapper elements that have no object of their own in the model; their unknown children are kept here. */
export type Wrapper =
  | 'edXML'
  | 'edXMLEnvelope'
  | 'edXMLHeader'
  | 'TraceHeaderList'
  | 'ToPlaces'
  | 'Appendixes'
  | 'BussinessDocumentInfo'
  | 'ReceiverList'
  | 'ReplacementInfoList'
  | 'edXMLBody'
  | 'AttachmentEncoded';

export type WrapperExtensions = Partial<Record<Wrapper, Extensions>>;

/** A document message (edoc): new, revocation, update or replacement. */
export interface Edoc {
  from: Organization;
  /** 1..n recipients. */
  to: Organization[];
  /** "{OrganId},{yyyy/MM/dd},{number}/{notation}" by convention; some senders use a UUID. */
  documentId?: string;
  code?: DocumentCode;
  promulgation?: Promulgation;
  documentType?: DocumentType;
  /** Trích yếu. */
  subject?: string;
  content?: string;
  signer?: Signer;
  /** Hạn xử lý, yyyy/MM/dd. */
  dueDate?: string;
  /** `ToPlaces/Place*` ("Nơi nhận" as free text). */
  toPlaces: string[];
  otherInfo?: OtherInfo;
  responseFor: ResponseFor[];
  /** Loại chỉ đạo: 0 none, 1 steering, 2 report on steering. */
  steeringType?: string;
  traces: TraceHeader[];
  business?: Business;
  manifest?: Manifest;
  attachments: AttachmentMeta[];
  /** Unknown children and attributes of MessageHeader. */
  ext?: Extensions;
  wrapperExt?: WrapperExtensions;
}

/** A status message: what the receiver (or, for 13, the sender) did with a document. */
export interface StatusMessage {
  from: Organization;
  responseFor: ResponseFor;
  staff?: Staff;
  /** Two digits as found; valid codes in STATUS_CODES. */
  statusCode?: string;
  description?: string;
  /** "yyyy/MM/dd HH:mm:ss" (Vietnam time). */
  timestamp?: string;
  ext?: Extensions;
  wrapperExt?: WrapperExtensions;
}

/** What parse returns and build takes. */
export type EdxmlMessage = { kind: 'edoc'; edoc: Edoc } | { kind: 'status'; status: StatusMessage };

/** BussinessDocType values. */
export const BUSINESS_DOC_TYPES = {
  new: '0',
  revocation: '1',
  update: '2',
  replacement: '3',
} as const;

/** StatusCode values in use on the national axis (axis.md §1.3). '14' is accepted with a warning. */
export const STATUS_CODES = {
  received: '01',
  rejected: '02',
  accepted: '03',
  assigned: '04',
  processing: '05',
  completed: '06',
  recallRequested: '13',
  changeAgreed: '15',
  changeRefused: '16',
} as const;

export type StatusCode = (typeof STATUS_CODES)[keyof typeof STATUS_CODES];

/** OtherInfo/Priority (độ khẩn): 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, 4 Hỏa tốc hẹn giờ. */
export const PRIORITIES = ['0', '1', '2', '3', '4'] as const;
