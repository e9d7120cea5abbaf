/**
 * Field rules for edXML messages (parse calls this; so should anyone about to send a message it built).
 *
 * An ERROR means the message cannot be processed (refuse it: status 02); a WARNING means it deviates from
 * QCVN 102:2016 the way real traffic on the national axis does, and is accepted. Every sample file of the SDK
 * set yields zero errors. Paths start at MessageHeader, TraceHeaderList, edXMLBody or AttachmentEncoded.
 *
 * | rule                                                                 | code                            | sev.    |
 * |----------------------------------------------------------------------|---------------------------------|---------|
 * | not XML, DTD, not UTF-8, truncated (parse)                           | EDXML_NOT_XML                   | error   |
 * | root not {QCVN_102_2016 ns}edXML, e.g. http://www.go.vn/eDoc (parse) | EDXML_ROOT                      | error   |
 * | no edXMLEnvelope / edXMLHeader / MessageHeader (parse)               | EDXML_STRUCTURE                 | error   |
 * | neither StatusCode nor any document field (parse)                    | EDXML_UNKNOWN_KIND              | error   |
 * | From/OrganId absent, empty or "null"                                 | EDXML_REQUIRED_MISSING          | error   |
 * | edoc without To; a To without OrganId (or empty, "null")             | EDXML_REQUIRED_MISSING          | error   |
 * | status without ResponseFor/OrganId or StatusCode                     | EDXML_REQUIRED_MISSING          | error   |
 * | From, To, status ResponseFor OrganId refused by checkAgencyCode      | EDXML_AGENCY_CODE_INVALID       | error   |
 * | BussinessDocType present, not empty, not 0–3                         | EDXML_DOC_TYPE_INVALID          | error   |
 * | StatusCode not 01–06, 13, 15, 16 (nor the legacy forms below)        | EDXML_STATUS_CODE_INVALID       | error   |
 * | PromulgationInfo/PromulgationDate not a date at all ("abc")          | EDXML_DATE_INVALID              | error   |
 * | attachment content not base64 (parse)                                | EDXML_ATTACHMENT_BASE64         | error   |
 * | manifest Reference whose ContentId matches no attachment             | EDXML_REFERENCE_NO_ATTACHMENT   | error   |
 * | field, list or extension over the limits (parse)                     | EDXML_LIMIT                     | error   |
 * | the attachment sink failed (parse)                                   | EDXML_SINK_FAILED               | error   |
 * | OrganId accepted but not NNN.NN.NN.XNN (28.22.H17, vxp.saas.03)      | EDXML_AGENCY_CODE_NOT_STANDARD  | warning |
 * | OrganId refused by checkAgencyCode in a non-routing field (Trace…)   | EDXML_AGENCY_CODE_SUSPECT       | warning |
 * | DocumentId a bare UUID                                               | EDXML_DOCUMENT_ID_UUID          | warning |
 * | DocumentId not {OrganId},{yyyy/MM/dd},{number}/{notation}            | EDXML_DOCUMENT_ID_FORM          | warning |
 * | a field present but empty or "null" (TraceHeader OrganId "null")     | EDXML_EMPTY_FIELD               | warning |
 * | Code, PromulgationInfo, Subject, TraceHeader, Bussiness … missing    | EDXML_OPTIONAL_MISSING          | warning |
 * | a date in the form but not in the calendar (2014/02/30)              | EDXML_DATE_IMPOSSIBLE           | warning |
 * | a date or timestamp in another format, or unreadable where optional  | EDXML_DATE_FORMAT               | warning |
 * | Priority not 0–4                                                     | EDXML_PRIORITY_RANGE            | warning |
 * | CodeNumber not digits, CodeNotation with blanks; SteeringType, Paper,| EDXML_CODE_VALUE                | warning |
 * |   DocumentInfo, DocumentReceiver, ReceiverType outside their lists   |                                 |         |
 * | StatusCode 14 (a known SDK bug for 15) or one digit (1 for 01)        | EDXML_STATUS_CODE_LEGACY        | warning |
 * | ContentId without "cid:", or "cid:" on one side only                 | EDXML_CONTENT_ID_PREFIX         | warning |
 * | attachment not listed in the manifest                                | EDXML_ATTACHMENT_UNLISTED       | warning |
 * | attachment not a ZIP / empty / base64 without padding (parse)        | EDXML_ATTACHMENT_NOT_ZIP, _EMPTY, EDXML_BASE64_PADDING | warning |
 * | repeated singleton, or a field of the other message kind (parse)     | EDXML_DUPLICATE_ELEMENT, EDXML_MISPLACED_ELEMENT | warning |
 *
 * Why a manifest Reference without its attachment is an error: the Reference announces the document's file; a
 * recipient registering the document without it would register an empty shell, so it is refused and the sender
 * resends. The match ignores the "cid:" prefix (one third-party builder strips it on one side only).
 */
// The agency-code rules alone (QCVN 102 / QĐ 20/2020), not identity's index: that door loads the whole module
// (HTTP, OIDC provider) into every parser, CLI run and worker, seconds of start-up for one pure function.
import { checkAgencyCode } from '../../identity/agency-code.js';
import { readDate } from './dates.js';
import { EDXML_ISSUES, type EdxmlIssue, type EdxmlIssueCode } from './issues.js';
import type { Edoc, EdxmlMessage, Organization, ResponseFor, StatusMessage } from './model.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOCUMENT_ID = /^[^,\s]+,\d{4}\/\d{2}\/\d{2},[^/]+\/.+$/;
const STATUS_CODES = new Set(['01', '02', '03', '04', '05', '06', '13', '15', '16']);
const LEGACY_STATUS = new Set(['14', '1', '2', '3', '4', '5', '6']);

class Issues {
  readonly list: EdxmlIssue[] = [];
  add(code: EdxmlIssueCode, element: string, value?: string): void {
    const i: EdxmlIssue = { code, element, severity: EDXML_ISSUES[code].severity };
    if (value !== undefined) i.value = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    this.list.push(i);
  }
}

const blank = (v: string): boolean => {
  const t = v.trim();
  return t === '' || t.toLowerCase() === 'null';
};

/** A present field that is empty or "null": a warning; true when it was. */
function emptyField(issues: Issues, value: string | undefined, path: string): boolean {
  if (value === undefined || !blank(value)) return false;
  issues.add('EDXML_EMPTY_FIELD', path, value);
  return true;
}

/** An agency code. Routing codes (From, To, status ResponseFor) are required and must be valid. */
function organId(issues: Issues, value: string | undefined, path: string, routing: boolean): void {
  if (value === undefined || blank(value)) {
    if (routing) issues.add('EDXML_REQUIRED_MISSING', path, value);
    else if (value !== undefined) issues.add('EDXML_EMPTY_FIELD', path, value);
    return;
  }
  const check = checkAgencyCode(value);
  if (!check.ok) issues.add(routing ? 'EDXML_AGENCY_CODE_INVALID' : 'EDXML_AGENCY_CODE_SUSPECT', path, value);
  else if (!check.standard) issues.add('EDXML_AGENCY_CODE_NOT_STANDARD', path, value);
}

function organization(issues: Issues, org: Organization, path: string, routing: boolean): void {
  organId(issues, org.organId, `${path}/OrganId`, routing);
  emptyField(issues, org.organName, `${path}/OrganName`);
}

/** A date field; `required` makes "not a date at all" an error (the promulgation date). */
function date(
  issues: Issues,
  value: string | undefined,
  path: string,
  withTime: boolean,
  required = false,
): void {
  if (value === undefined || emptyField(issues, value, path)) return;
  switch (readDate(value, withTime)) {
    case 'ok':
      return;
    case 'impossible':
      issues.add('EDXML_DATE_IMPOSSIBLE', path, value);
      return;
    case 'otherFormat':
      issues.add('EDXML_DATE_FORMAT', path, value);
      return;
    case 'invalid':
      issues.add(required ? 'EDXML_DATE_INVALID' : 'EDXML_DATE_FORMAT', path, value);
      return;
  }
}

function documentId(issues: Issues, value: string | undefined, path: string): void {
  if (value === undefined || emptyField(issues, value, path)) return;
  const v = value.trim();
  if (UUID.test(v)) issues.add('EDXML_DOCUMENT_ID_UUID', path, value);
  else if (!DOCUMENT_ID.test(v)) issues.add('EDXML_DOCUMENT_ID_FORM', path, value);
  else if (readDate(v.split(',')[1]!, false) === 'impossible')
    issues.add('EDXML_DATE_IMPOSSIBLE', path, value);
}

function codeValue(
  issues: Issues,
  value: string | undefined,
  path: string,
  allowed: readonly string[],
): void {
  if (value === undefined || emptyField(issues, value, path)) return;
  if (!allowed.includes(value.trim())) issues.add('EDXML_CODE_VALUE', path, value);
}

function responseFor(issues: Issues, rf: ResponseFor, path: string, routing: boolean): void {
  organId(issues, rf.organId, `${path}/OrganId`, routing);
  emptyField(issues, rf.code, `${path}/Code`);
  date(issues, rf.promulgationDate, `${path}/PromulgationDate`, false);
  if (routing && rf.documentId === undefined) issues.add('EDXML_OPTIONAL_MISSING', `${path}/DocumentId`);
  documentId(issues, rf.documentId, `${path}/DocumentId`);
}

const stripCid = (id: string): string => {
  const t = id.trim();
  return t.toLowerCase().startsWith('cid:') ? t.slice(4).trim() : t;
};
const hasCid = (id: string): boolean => id.trim().toLowerCase().startsWith('cid:');

function attachments(issues: Issues, edoc: Edoc): void {
  const byId = new Map<string, string>();
  edoc.attachments.forEach((a, i) => {
    const path = `AttachmentEncoded/Attachment[${i + 1}]`;
    if (a.contentId === undefined) issues.add('EDXML_OPTIONAL_MISSING', `${path}/ContentId`);
    else if (!emptyField(issues, a.contentId, `${path}/ContentId`)) {
      if (!hasCid(a.contentId)) issues.add('EDXML_CONTENT_ID_PREFIX', `${path}/ContentId`, a.contentId);
      byId.set(stripCid(a.contentId), a.contentId);
    }
    emptyField(issues, a.name, `${path}/AttachmentName`);
  });
  const listed = new Set<string>();
  if (!edoc.manifest) {
    if (edoc.attachments.length) issues.add('EDXML_OPTIONAL_MISSING', 'edXMLBody/edXMLManifest');
  } else {
    edoc.manifest.references.forEach((r, i) => {
      const path = `edXMLBody/edXMLManifest/Reference[${i + 1}]/ContentId`;
      if (r.contentId === undefined) {
        issues.add('EDXML_OPTIONAL_MISSING', path);
        return;
      }
      if (emptyField(issues, r.contentId, path)) return;
      const id = stripCid(r.contentId);
      const match = byId.get(id);
      if (match === undefined) {
        issues.add('EDXML_REFERENCE_NO_ATTACHMENT', path, r.contentId);
        return;
      }
      listed.add(id);
      if (!hasCid(r.contentId) || hasCid(match) !== hasCid(r.contentId))
        issues.add('EDXML_CONTENT_ID_PREFIX', path, r.contentId);
    });
  }
  edoc.attachments.forEach((a, i) => {
    if (a.contentId !== undefined && !blank(a.contentId) && !listed.has(stripCid(a.contentId)))
      issues.add('EDXML_ATTACHMENT_UNLISTED', `AttachmentEncoded/Attachment[${i + 1}]`, a.contentId);
  });
}

function validateEdoc(issues: Issues, e: Edoc): void {
  const H = 'MessageHeader';
  organization(issues, e.from, `${H}/From`, true);
  if (e.to.length === 0) issues.add('EDXML_REQUIRED_MISSING', `${H}/To`);
  e.to.forEach((to, i) => organization(issues, to, `${H}/To[${i + 1}]`, true));

  if (e.documentId === undefined) issues.add('EDXML_OPTIONAL_MISSING', `${H}/DocumentId`);
  documentId(issues, e.documentId, `${H}/DocumentId`);

  if (!e.code) issues.add('EDXML_OPTIONAL_MISSING', `${H}/Code`);
  else {
    const number = e.code.number;
    if (
      number !== undefined &&
      !emptyField(issues, number, `${H}/Code/CodeNumber`) &&
      !/^\d+$/.test(number.trim())
    )
      issues.add('EDXML_CODE_VALUE', `${H}/Code/CodeNumber`, number);
    const notation = e.code.notation;
    if (
      notation !== undefined &&
      !emptyField(issues, notation, `${H}/Code/CodeNotation`) &&
      /\s/.test(notation.trim())
    )
      issues.add('EDXML_CODE_VALUE', `${H}/Code/CodeNotation`, notation);
  }

  if (!e.promulgation) issues.add('EDXML_OPTIONAL_MISSING', `${H}/PromulgationInfo`);
  else {
    if (e.promulgation.date === undefined)
      issues.add('EDXML_OPTIONAL_MISSING', `${H}/PromulgationInfo/PromulgationDate`);
    date(issues, e.promulgation.date, `${H}/PromulgationInfo/PromulgationDate`, false, true);
  }
  if (e.subject === undefined) issues.add('EDXML_OPTIONAL_MISSING', `${H}/Subject`);
  else emptyField(issues, e.subject, `${H}/Subject`);
  date(issues, e.dueDate, `${H}/DueDate`, false);

  const priority = e.otherInfo?.priority;
  if (
    priority !== undefined &&
    !emptyField(issues, priority, `${H}/OtherInfo/Priority`) &&
    !/^[0-4]$/.test(priority.trim())
  )
    issues.add('EDXML_PRIORITY_RANGE', `${H}/OtherInfo/Priority`, priority);
  codeValue(issues, e.steeringType, `${H}/SteeringType`, ['0', '1', '2']);
  e.responseFor.forEach((rf, i) => responseFor(issues, rf, `${H}/ResponseFor[${i + 1}]`, false));

  if (e.traces.length === 0) issues.add('EDXML_OPTIONAL_MISSING', 'TraceHeaderList/TraceHeader');
  e.traces.forEach((t, i) => {
    const path = `TraceHeaderList/TraceHeader[${i + 1}]`;
    organId(issues, t.organId, `${path}/OrganId`, false);
    date(issues, t.timestamp, `${path}/Timestamp`, true);
  });

  const b = e.business;
  const B = 'TraceHeaderList/Bussiness';
  if (!b) issues.add('EDXML_OPTIONAL_MISSING', B);
  else {
    if (b.docType === undefined) issues.add('EDXML_OPTIONAL_MISSING', `${B}/BussinessDocType`);
    else if (!emptyField(issues, b.docType, `${B}/BussinessDocType`) && !/^[0-3]$/.test(b.docType.trim()))
      issues.add('EDXML_DOC_TYPE_INVALID', `${B}/BussinessDocType`, b.docType);
    documentId(issues, b.documentId, `${B}/DocumentId`);
    codeValue(issues, b.paper, `${B}/Paper`, ['0', '1']);
    codeValue(issues, b.documentInfo, `${B}/BussinessDocumentInfo/DocumentInfo`, ['0', '1']);
    codeValue(issues, b.documentReceiver, `${B}/BussinessDocumentInfo/DocumentReceiver`, ['0', '1']);
    b.receivers.forEach((r, i) => {
      const path = `${B}/BussinessDocumentInfo/ReceiverList/Receiver[${i + 1}]`;
      organId(issues, r.organId, `${path}/OrganId`, false);
      codeValue(issues, r.receiverType, `${path}/ReceiverType`, ['0', '1']);
    });
    b.replacements.forEach((r, i) => {
      const path = `${B}/ReplacementInfoList/ReplacementInfo[${i + 1}]`;
      documentId(issues, r.documentId, `${path}/DocumentId`);
      r.organIds.forEach((id, j) => organId(issues, id, `${path}/OrganIdList/OrganId[${j + 1}]`, false));
    });
    const type = b.docType?.trim();
    if (type === '2' && b.documentInfo === undefined && b.receivers.length === 0)
      issues.add('EDXML_OPTIONAL_MISSING', `${B}/BussinessDocumentInfo`);
    if (type === '3' && b.replacements.length === 0)
      issues.add('EDXML_OPTIONAL_MISSING', `${B}/ReplacementInfoList`);
  }
  attachments(issues, e);
}

function validateStatus(issues: Issues, s: StatusMessage): void {
  const H = 'MessageHeader';
  organization(issues, s.from, `${H}/From`, true);
  responseFor(issues, s.responseFor, `${H}/ResponseFor`, true);
  const code = s.statusCode;
  if (code === undefined) issues.add('EDXML_REQUIRED_MISSING', `${H}/StatusCode`);
  else if (!STATUS_CODES.has(code.trim())) {
    if (LEGACY_STATUS.has(code.trim())) issues.add('EDXML_STATUS_CODE_LEGACY', `${H}/StatusCode`, code);
    else issues.add('EDXML_STATUS_CODE_INVALID', `${H}/StatusCode`, code);
  }
  if (s.timestamp === undefined) issues.add('EDXML_OPTIONAL_MISSING', `${H}/Timestamp`);
  date(issues, s.timestamp, `${H}/Timestamp`, true);
  if (!s.staff) issues.add('EDXML_OPTIONAL_MISSING', `${H}/StaffInfo`);
}

/** The issues of a message (errors and warnings mixed; split them by `severity`). */
export function validateEdxml(message: EdxmlMessage): EdxmlIssue[] {
  const issues = new Issues();
  if (message.kind === 'edoc') validateEdoc(issues, message.edoc);
  else validateStatus(issues, message.status);
  return issues.list;
}

/** The StatusCode as one of the nine in use ('14' read as '15', '1' as '01'), or null. */
export function normaliseStatusCode(code: string | undefined): string | null {
  if (code === undefined) return null;
  const c = code.trim();
  if (STATUS_CODES.has(c)) return c;
  if (c === '14') return '15';
  if (/^[1-6]$/.test(c)) return `0${c}`;
  return null;
}
