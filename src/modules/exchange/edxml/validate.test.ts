import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEdxml, type ParseOptions } from './parse.js';
import { validateEdxml, normaliseStatusCode } from './validate.js';
import type { EdxmlIssueCode } from './issues.js';
import { EDXML_SAMPLES } from '../../../../test/support/shared-data.js';

const EDOC = fs.readFileSync(path.join(EDXML_SAMPLES, 'lgsp-multi-recipient.edxml'), 'utf8');
const STATUS = fs.readFileSync(path.join(EDXML_SAMPLES, 'status_inbox_01.edxml'), 'utf8');
const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** Replaces exactly one occurrence (so a stale fixture fails loudly instead of testing nothing). */
function edit(x: string, from: string | RegExp, to: string): string {
  const found =
    typeof from === 'string' ? x.split(from).length - 1 : (x.match(new RegExp(from, 'g')) ?? []).length;
  if (found !== 1) throw new Error(`fixture edit: ${String(from)} found ${found} times`);
  return x.replace(from, to);
}
const content = (x: string, base64: string): string =>
  x.replace(/(<edXML:ContentTransferEncoded[^>]*>)[^<]*(<\/edXML:ContentTransferEncoded>)/, `$1${base64}$2`);

interface Rule {
  rule: string;
  input: () => string;
  code: EdxmlIssueCode;
  element: string;
  severity: 'error' | 'warning';
  options?: ParseOptions;
}

const RULES: Rule[] = [
  // ── errors ──
  {
    rule: 'truncated input is not XML',
    input: () => EDOC.slice(0, 5000),
    code: 'EDXML_NOT_XML',
    element: '',
    severity: 'error',
  },
  {
    rule: 'a DTD is refused',
    input: () => EDOC.replace('<edXML ', '<!DOCTYPE edXML [<!ENTITY x "y">]><edXML '),
    code: 'EDXML_NOT_XML',
    element: '',
    severity: 'error',
  },
  {
    rule: 'the old namespace http://www.go.vn/eDoc is refused',
    input: () => edit(STATUS, `<edXML xmlns="${NS}">`, '<edXML xmlns="http://www.go.vn/eDoc">'),
    code: 'EDXML_ROOT',
    element: '',
    severity: 'error',
  },
  {
    rule: 'no MessageHeader',
    input: () =>
      `<edXML xmlns="${NS}"><edXML:edXMLEnvelope xmlns:edXML="${NS}"><edXML:edXMLHeader/></edXML:edXMLEnvelope></edXML>`,
    code: 'EDXML_STRUCTURE',
    element: 'edXMLHeader/MessageHeader',
    severity: 'error',
  },
  {
    rule: 'neither edoc nor status',
    input: () =>
      STATUS.replace(/<edXML:ResponseFor>[\s\S]*<\/edXML:MessageHeader>/, '</edXML:MessageHeader>'),
    code: 'EDXML_UNKNOWN_KIND',
    element: 'MessageHeader',
    severity: 'error',
  },
  {
    rule: 'From without OrganId',
    input: () => edit(STATUS, /<edXML:OrganId>000\.00\.00\.H41<\/edXML:OrganId>/, ''),
    code: 'EDXML_REQUIRED_MISSING',
    element: 'MessageHeader/From/OrganId',
    severity: 'error',
  },
  {
    rule: 'an edoc without To',
    input: () => EDOC.replace(/<edXML:To>[\s\S]*?<\/edXML:To>/g, ''),
    code: 'EDXML_REQUIRED_MISSING',
    element: 'MessageHeader/To',
    severity: 'error',
  },
  {
    rule: 'a To with OrganId "null"',
    input: () =>
      edit(EDOC, '<edXML:OrganId>000.00.00.H14</edXML:OrganId>', '<edXML:OrganId>null</edXML:OrganId>'),
    code: 'EDXML_REQUIRED_MISSING',
    element: 'MessageHeader/To[2]/OrganId',
    severity: 'error',
  },
  {
    rule: 'a garbage To OrganId',
    input: () =>
      edit(
        EDOC,
        '<edXML:OrganId>000.00.00.H14</edXML:OrganId>',
        '<edXML:OrganId>UBND Cao Bằng</edXML:OrganId>',
      ),
    code: 'EDXML_AGENCY_CODE_INVALID',
    element: 'MessageHeader/To[2]/OrganId',
    severity: 'error',
  },
  {
    rule: 'a garbage status ResponseFor OrganId',
    input: () =>
      edit(
        STATUS,
        /<edXML:OrganId>000\.00\.00\.G22<\/edXML:OrganId>/,
        '<edXML:OrganId>G22;DROP</edXML:OrganId>',
      ),
    code: 'EDXML_AGENCY_CODE_INVALID',
    element: 'MessageHeader/ResponseFor/OrganId',
    severity: 'error',
  },
  {
    rule: 'BussinessDocType 7',
    input: () => edit(EDOC, '<edXML:BussinessDocType>0<', '<edXML:BussinessDocType>7<'),
    code: 'EDXML_DOC_TYPE_INVALID',
    element: 'TraceHeaderList/Bussiness/BussinessDocType',
    severity: 'error',
  },
  {
    rule: 'StatusCode 09',
    input: () => edit(STATUS, '<edXML:StatusCode>01<', '<edXML:StatusCode>09<'),
    code: 'EDXML_STATUS_CODE_INVALID',
    element: 'MessageHeader/StatusCode',
    severity: 'error',
  },
  {
    rule: 'a promulgation date that is not a date',
    input: () => edit(EDOC, '<edXML:PromulgationDate>2019/04/11<', '<edXML:PromulgationDate>hôm nay<'),
    code: 'EDXML_DATE_INVALID',
    element: 'MessageHeader/PromulgationInfo/PromulgationDate',
    severity: 'error',
  },
  {
    rule: 'attachment content not base64',
    input: () => content(EDOC, 'UEsDBBQ*ACAgI'),
    code: 'EDXML_ATTACHMENT_BASE64',
    element: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
    severity: 'error',
  },
  {
    rule: 'a manifest Reference with no attachment',
    input: () => edit(EDOC, '<edXML:ContentId>cid:209<', '<edXML:ContentId>cid:999<'),
    code: 'EDXML_REFERENCE_NO_ATTACHMENT',
    element: 'edXMLBody/edXMLManifest/Reference[1]/ContentId',
    severity: 'error',
  },
  {
    rule: 'more recipients than the limit',
    input: () => EDOC,
    options: { limits: { maxItems: 2 } },
    code: 'EDXML_LIMIT',
    element: 'MessageHeader/To',
    severity: 'error',
  },
  {
    rule: 'a field longer than the limit',
    input: () => edit(EDOC, '<edXML:Subject>', `<edXML:Subject>${'x'.repeat(3000)}`),
    options: { limits: { maxFieldBytes: 2048 } },
    code: 'EDXML_LIMIT',
    element: 'MessageHeader/Subject',
    severity: 'error',
  },
  {
    rule: 'the attachment sink fails',
    input: () => EDOC,
    options: {
      attachments: () => ({
        write: () => Promise.reject(new Error('disk full')),
        end: () => undefined,
      }),
    },
    code: 'EDXML_SINK_FAILED',
    element: '',
    severity: 'error',
  },
  // ── warnings ──
  {
    rule: 'an OrganId not in NNN.NN.NN.XNN form',
    input: () =>
      edit(
        EDOC,
        '<edXML:OrganId>000.00.00.H14</edXML:OrganId>',
        '<edXML:OrganId>vxp.saas.03</edXML:OrganId>',
      ),
    code: 'EDXML_AGENCY_CODE_NOT_STANDARD',
    element: 'MessageHeader/To[2]/OrganId',
    severity: 'warning',
  },
  {
    rule: 'a garbage TraceHeader OrganId',
    input: () =>
      edit(
        EDOC,
        /<edXML:TraceHeader>\s*<edXML:OrganId>000\.00\.00\.G22/,
        '<edXML:TraceHeader><edXML:OrganId>G22 (VPCP)',
      ),
    code: 'EDXML_AGENCY_CODE_SUSPECT',
    element: 'TraceHeaderList/TraceHeader[1]/OrganId',
    severity: 'warning',
  },
  {
    rule: 'TraceHeader OrganId "null" (real VXP traffic)',
    input: () =>
      edit(
        EDOC,
        /<edXML:TraceHeader>\s*<edXML:OrganId>000\.00\.00\.G22/,
        '<edXML:TraceHeader><edXML:OrganId>null',
      ),
    code: 'EDXML_EMPTY_FIELD',
    element: 'TraceHeaderList/TraceHeader[1]/OrganId',
    severity: 'warning',
  },
  {
    rule: 'DocumentId a bare UUID',
    input: () =>
      edit(
        EDOC,
        /<edXML:DocumentId>000\.00\.00\.G22,2015\/09\/30,7816\/VPCP-TTĐT<\/edXML:DocumentId>\s*<edXML:Code>/,
        '<edXML:DocumentId>68edb8c8-c2dc-4b14-9b77-3ce44aa00001</edXML:DocumentId><edXML:Code>',
      ),
    code: 'EDXML_DOCUMENT_ID_UUID',
    element: 'MessageHeader/DocumentId',
    severity: 'warning',
  },
  {
    rule: 'DocumentId in another form',
    input: () =>
      edit(
        EDOC,
        /<edXML:DocumentId>000\.00\.00\.G22,2015\/09\/30,7816\/VPCP-TTĐT<\/edXML:DocumentId>\s*<edXML:Code>/,
        '<edXML:DocumentId>68edb8c8c2dcb14db773ce44</edXML:DocumentId><edXML:Code>',
      ),
    code: 'EDXML_DOCUMENT_ID_FORM',
    element: 'MessageHeader/DocumentId',
    severity: 'warning',
  },
  {
    rule: 'an empty Subject',
    input: () => edit(EDOC, /<edXML:Subject>[^<]*<\/edXML:Subject>/, '<edXML:Subject/>'),
    code: 'EDXML_EMPTY_FIELD',
    element: 'MessageHeader/Subject',
    severity: 'warning',
  },
  {
    rule: 'no Bussiness block (VXP round trips)',
    input: () => edit(EDOC, /<edXML:Bussiness>[\s\S]*<\/edXML:Bussiness>/, ''),
    code: 'EDXML_OPTIONAL_MISSING',
    element: 'TraceHeaderList/Bussiness',
    severity: 'warning',
  },
  {
    rule: 'an impossible date 2014/02/30',
    input: () => edit(EDOC, '<edXML:PromulgationDate>2019/04/11<', '<edXML:PromulgationDate>2014/02/30<'),
    code: 'EDXML_DATE_IMPOSSIBLE',
    element: 'MessageHeader/PromulgationInfo/PromulgationDate',
    severity: 'warning',
  },
  {
    rule: 'a due date in ISO form',
    input: () => edit(EDOC, '<edXML:DueDate>2019/04/11<', '<edXML:DueDate>2019-04-11<'),
    code: 'EDXML_DATE_FORMAT',
    element: 'MessageHeader/DueDate',
    severity: 'warning',
  },
  {
    rule: 'a status timestamp that is not a date',
    input: () => edit(STATUS, '<edXML:Timestamp>2015/09/20 11:08:36<', '<edXML:Timestamp>sáng nay<'),
    code: 'EDXML_DATE_FORMAT',
    element: 'MessageHeader/Timestamp',
    severity: 'warning',
  },
  {
    rule: 'Priority 7',
    input: () => edit(EDOC, '<edXML:Priority>0<', '<edXML:Priority>7<'),
    code: 'EDXML_PRIORITY_RANGE',
    element: 'MessageHeader/OtherInfo/Priority',
    severity: 'warning',
  },
  {
    rule: 'SteeringType 9',
    input: () => edit(EDOC, '<edXML:SteeringType>1<', '<edXML:SteeringType>9<'),
    code: 'EDXML_CODE_VALUE',
    element: 'MessageHeader/SteeringType',
    severity: 'warning',
  },
  {
    rule: 'a CodeNumber that is not a number',
    input: () => edit(EDOC, '<edXML:CodeNumber>7816<', '<edXML:CodeNumber>78a16<'),
    code: 'EDXML_CODE_VALUE',
    element: 'MessageHeader/Code/CodeNumber',
    severity: 'warning',
  },
  {
    rule: 'StatusCode 14 (SDK bug for 15)',
    input: () => edit(STATUS, '<edXML:StatusCode>01<', '<edXML:StatusCode>14<'),
    code: 'EDXML_STATUS_CODE_LEGACY',
    element: 'MessageHeader/StatusCode',
    severity: 'warning',
  },
  {
    rule: 'ContentId without cid: on both sides',
    input: () => EDOC.replaceAll('ContentId>cid:209<', 'ContentId>209<'),
    code: 'EDXML_CONTENT_ID_PREFIX',
    element: 'AttachmentEncoded/Attachment[1]/ContentId',
    severity: 'warning',
  },
  {
    rule: 'ContentId with cid: in the manifest only',
    input: () => edit(EDOC, '<ContentId>cid:209<', '<ContentId>209<'),
    code: 'EDXML_CONTENT_ID_PREFIX',
    element: 'edXMLBody/edXMLManifest/Reference[1]/ContentId',
    severity: 'warning',
  },
  {
    rule: 'an attachment the manifest does not list',
    input: () =>
      edit(
        EDOC,
        '</AttachmentEncoded>',
        `<Attachment><ContentId>cid:210</ContentId><AttachmentName>b.pdf</AttachmentName><edXML:ContentTransferEncoded xmlns:edXML="${NS}">UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==</edXML:ContentTransferEncoded></Attachment></AttachmentEncoded>`,
      ),
    code: 'EDXML_ATTACHMENT_UNLISTED',
    element: 'AttachmentEncoded/Attachment[2]',
    severity: 'warning',
  },
  {
    rule: 'an attachment that is not a ZIP',
    input: () => content(EDOC, Buffer.from('%PDF-1.7 not zipped').toString('base64')),
    code: 'EDXML_ATTACHMENT_NOT_ZIP',
    element: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
    severity: 'warning',
  },
  {
    rule: 'an empty attachment',
    input: () => content(EDOC, ''),
    code: 'EDXML_ATTACHMENT_EMPTY',
    element: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
    severity: 'warning',
  },
  {
    rule: 'base64 without its padding',
    input: () => content(EDOC, 'UEsDBBQACA'),
    code: 'EDXML_BASE64_PADDING',
    element: 'AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
    severity: 'warning',
  },
  {
    rule: 'a second Subject',
    input: () => edit(EDOC, '<edXML:Content>', '<edXML:Subject>bis</edXML:Subject><edXML:Content>'),
    code: 'EDXML_DUPLICATE_ELEMENT',
    element: 'MessageHeader/Subject',
    severity: 'warning',
  },
  {
    rule: 'a document field in a status',
    input: () =>
      edit(STATUS, '<edXML:StatusCode>', '<edXML:Subject>lạc chỗ</edXML:Subject><edXML:StatusCode>'),
    code: 'EDXML_MISPLACED_ELEMENT',
    element: 'MessageHeader/Subject',
    severity: 'warning',
  },
];

describe('validation rules', () => {
  it.each(RULES)(
    '$rule → $severity $code at "$element"',
    async ({ input, code, element, severity, options }) => {
      const r = await parseEdxml(Buffer.from(input()), options);
      const found = [...r.errors, ...r.warnings].filter((i) => i.code === code && i.element === element);
      expect(found, JSON.stringify([...r.errors, ...r.warnings])).toHaveLength(1);
      expect(found[0]?.severity).toBe(severity);
      if (severity === 'warning') expect(r.errors).toEqual([]);
      if (severity === 'warning') expect(r.message).not.toBeNull();
    },
  );

  it('reports the value it judged', async () => {
    const r = await parseEdxml(
      Buffer.from(
        edit(
          EDOC,
          '<edXML:OrganId>000.00.00.H14</edXML:OrganId>',
          '<edXML:OrganId>UBND Cao Bằng</edXML:OrganId>',
        ),
      ),
    );
    expect(r.errors[0]).toEqual({
      code: 'EDXML_AGENCY_CODE_INVALID',
      element: 'MessageHeader/To[2]/OrganId',
      value: 'UBND Cao Bằng',
      severity: 'error',
    });
    // The message is still returned: the caller needs From and DocumentId to reply 02.
    expect(r.message?.kind).toBe('edoc');
  });

  it('escalates chosen warnings to errors', async () => {
    const input = Buffer.from(content(EDOC, Buffer.from('%PDF-1.7').toString('base64')));
    const r = await parseEdxml(input, { escalate: ['EDXML_ATTACHMENT_NOT_ZIP'] });
    expect(r.errors.map((e) => e.code)).toEqual(['EDXML_ATTACHMENT_NOT_ZIP']);
  });

  it('validates a model built in code, and reads legacy status codes', () => {
    const issues = validateEdxml({
      kind: 'status',
      status: {
        from: { organId: '000.00.00.G22' },
        responseFor: { organId: '000.00.00.H41', documentId: 'x' },
        statusCode: '1',
      },
    });
    expect(issues.map((i) => i.code)).toEqual([
      'EDXML_DOCUMENT_ID_FORM',
      'EDXML_STATUS_CODE_LEGACY',
      'EDXML_OPTIONAL_MISSING',
      'EDXML_OPTIONAL_MISSING',
    ]);
    expect([
      normaliseStatusCode('14'),
      normaliseStatusCode('3'),
      normaliseStatusCode('13'),
      normaliseStatusCode('99'),
    ]).toEqual(['15', '03', '13', null]);
  });
});
