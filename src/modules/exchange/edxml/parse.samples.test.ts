import { describe, expect, it } from 'vitest';
import { collect, unzipFirst } from './attachments.js';
import type { Edoc, StatusMessage } from './model.js';
import { parseEdxml, type ParseResult } from './parse.js';
import { readSample, repairedEdocSample, WELL_FORMED_SAMPLES } from './edxml.test-helpers.js';

const read = readSample;
const SAMPLES = WELL_FORMED_SAMPLES;

function edocOf(r: ParseResult): Edoc {
  if (r.message?.kind !== 'edoc') throw new Error(`not an edoc: ${JSON.stringify(r.errors)}`);
  return r.message.edoc;
}
function statusOf(r: ParseResult): StatusMessage {
  if (r.message?.kind !== 'status') throw new Error(`not a status: ${JSON.stringify(r.errors)}`);
  return r.message.status;
}
const codes = (r: ParseResult): string[] => r.warnings.map((w) => `${w.code}@${w.element}`);

describe('the SDK sample set', () => {
  it.each(SAMPLES)('%s parses with zero errors', async (name) => {
    const r = await parseEdxml(read(name));
    expect(r.errors).toEqual([]);
    expect(r.message?.kind).toBe(name.startsWith('status') ? 'status' : 'edoc');
  });

  it('edoc_new: fields, the non-standard To code, the impossible date, the placeholder signature kept', async () => {
    const r = await parseEdxml(read('edoc_new.edxml'));
    const e = edocOf(r);
    expect(e.from.organId).toBe('000.00.00.A80');
    expect(e.to.map((t) => t.organId)).toEqual(['28.22.H17']);
    expect(e.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(e.code).toEqual({ number: '74fass22', notation: 'VPCP-TTĐT' });
    expect(e.promulgation).toEqual({ place: 'Hà Nội', date: '2019/01/16' });
    expect(e.documentType).toEqual({ type: '1', typeDetail: '0', typeName: 'Công văn' });
    expect(e.signer?.competence).toBe('TL. BO TRUONG');
    expect(e.otherInfo?.direction).toBe('false');
    expect(e.otherInfo?.appendixes).toEqual([
      'Công văn về việc kết nối, liên thông phần mềm quản lý văn bản',
    ]);
    expect(e.toPlaces).toEqual(['Cac bo va co quan ngang bo', 'Uy ban nhan dan cac tinh, TP']);
    expect(e.steeringType).toBe('1');
    expect(e.traces).toEqual([{ organId: '000.00.00.G22', timestamp: '2018/09/28 00:00:00' }]);
    expect(e.business?.docType).toBe('0');
    expect(e.business?.staff?.staff).toBe('Nguyễn Thị Ngọc Trâm');
    expect(e.manifest?.version).toBe('1.0');
    expect(e.manifest?.references).toEqual([
      {
        contentId: 'cid:209',
        contentType: 'application/zip',
        description: '1896_QD-TTg_m_294779.doc',
        attachmentName: '1896_QD-TTg_m_294779.doc',
      },
    ]);
    expect(e.attachments[0]).toMatchObject({
      contentId: 'cid:209',
      name: '1896_QD-TTg_m_294779.doc',
      size: 270823,
    });
    expect(e.attachments[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The <Signature> placeholder is in the edXML namespace (not XMLDSig): kept whole as an extension.
    const sig = e.wrapperExt?.edXMLHeader?.elements?.[0];
    expect(sig?.name).toBe('Signature');
    expect(sig?.children?.map((c) => c.name)).toEqual(['SignedInfo', 'SignatureValue', 'KeyInfo']);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'EDXML_AGENCY_CODE_NOT_STANDARD@MessageHeader/To[1]/OrganId',
        'EDXML_CODE_VALUE@MessageHeader/Code/CodeNumber',
        'EDXML_DATE_IMPOSSIBLE@TraceHeaderList/Bussiness/DocumentId',
      ]),
    );
  });

  it('lgsp-multi-recipient: three To, Bussiness before TraceHeader', async () => {
    const e = edocOf(await parseEdxml(read('lgsp-multi-recipient.edxml')));
    expect(e.from.organId).toBe('000.00.00.G22');
    expect(e.to.map((t) => t.organId)).toEqual(['000.00.00.H41', '000.00.00.H14', '000.00.00.G17']);
    expect(e.traces).toEqual([{ organId: '000.00.00.G22', timestamp: '2019/04/11 00:00:00' }]);
    expect(e.business?.docType).toBe('0');
  });

  it('revocation, update, replacement: BussinessDocType and their blocks', async () => {
    const rev = edocOf(await parseEdxml(read('edoc_revocation.edxml')));
    expect(rev.business?.docType).toBe('1');
    expect(rev.business?.documentId).toBeUndefined();
    expect(rev.responseFor).toEqual([
      {
        organId: '000.00.00.H14',
        code: '267/VPCP-TTĐT',
        documentId: '000.00.04.G14,2012/08/06,267/VPCP-TTĐT',
        promulgationDate: '2018/09/28',
      },
    ]);
    const upd = edocOf(await parseEdxml(read('edoc_update.edxml')));
    expect(upd.business).toMatchObject({ docType: '2', documentInfo: '1', documentReceiver: '1' });
    expect(upd.business?.receivers).toEqual([
      { organId: '000.00.00.H41', receiverType: '0' },
      { organId: '000.00.00.H14', receiverType: '1' },
    ]);
    const rep = edocOf(await parseEdxml(read('edoc_replacement.edxml')));
    expect(rep.business?.docType).toBe('3');
    expect(rep.business?.reason).toBe('Văn bản thay thế');
    expect(rep.business?.replacements).toHaveLength(2);
    expect(rep.business?.replacements[0]).toEqual({
      documentId: '000.00.00.G22,2014/01/30,7806/VPCP-TTĐT',
      organIds: ['000.00.00.H41', '000.00.00.H14'],
    });
  });

  it.each([
    ['status_inbox_01.edxml', '01', '000.00.00.H41'],
    ['status_rejection_02.edxml', '02', '000.00.00.H41'],
    ['status_acceptance_03.edxml', '03', '000.00.00.H41'],
    ['status_assignment_04.edxml', '04', '000.00.00.H41'],
    ['status_processing_05.edxml', '05', '000.00.00.H41'],
    ['status_finish_06.edxml', '06', '000.00.00.H41'],
    ['status_cancellation_13.edxml', '13', '000.00.00.G22'],
    ['status_change-acceptance_15.edxml', '15', '000.00.00.H41'],
    ['status_change-rejection_16.edxml', '16', '000.00.00.H41'],
    ['status.edxml', '01', '000.00.00.H41'],
  ])('%s: StatusCode %s from %s', async (name, code, from) => {
    const r = await parseEdxml(read(name));
    const s = statusOf(r);
    expect(s.statusCode).toBe(code);
    expect(s.from.organId).toBe(from);
    expect(s.responseFor.documentId).toBe('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
    expect(s.responseFor.code).toBe('7816/VPCP-TTĐT');
    expect(s.description).toBeTruthy();
    expect(s.timestamp).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(s.staff?.department).toBeTruthy();
    expect(r.warnings).toEqual([]);
  });

  it.each(['edoc_new.edxml', 'edoc_update.edxml', 'lgsp-multi-recipient.edxml'])(
    '%s: the attachment streams to the sink, is a ZIP and unzips to a file',
    async (name) => {
      const stored: Buffer[][] = [];
      let ended = 0;
      const r = await parseEdxml(read(name), {
        attachments: (meta, index) => {
          expect(meta.contentId).toBe('cid:209');
          stored[index] = [];
          return {
            write: async (chunk) => {
              await Promise.resolve();
              stored[index]!.push(chunk);
            },
            end: () => {
              ended++;
            },
          };
        },
      });
      const e = edocOf(r);
      expect(ended).toBe(1);
      const zip = Buffer.concat(stored[0]!);
      expect(zip.length).toBe(e.attachments[0]?.size);
      expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');
      const file = await unzipFirst(zip);
      expect(file?.name).toMatch(/\.edxml$/);
      const inner = await collect(file!.data);
      expect(inner.toString('utf8', 0, 38)).toBe('<?xml version="1.0" encoding="UTF-8"?>');
    },
  );
});

describe('edoc.edxml, the broken SDK template', () => {
  it('is refused as not XML, as the reference library (JDOM2) refuses it', async () => {
    const r = await parseEdxml(read('edoc.edxml'));
    expect(r.message).toBeNull();
    expect(r.errors.map((e) => e.code)).toEqual(['EDXML_NOT_XML']);
    expect(r.errors[0]?.value).toMatch(/mismatched|From/);
  });

  it('repaired into XML, reads fully; its JMeter placeholder is the one error (not base64)', async () => {
    const r = await parseEdxml(repairedEdocSample());
    const e = edocOf(r);
    expect(r.errors.map((i) => `${i.code}@${i.element}`)).toEqual([
      'EDXML_ATTACHMENT_BASE64@AttachmentEncoded/Attachment[1]/ContentTransferEncoded',
    ]);
    expect(e.from.organId).toBe('777.77.04.D77');
    expect(e.to[0]?.organizationInCharge).toBeUndefined();
    expect(e.documentId).toBe('9fbfbad2-f1f8-4256-a2eb-50fb1061cddb');
    expect(e.documentType).toEqual({ type: '1', typeName: 'Thông tư' });
    expect(e.responseFor).toEqual([{ organId: '', code: '', promulgationDate: '', documentId: '' }]);
    expect(e.traces[0]?.organId).toBe('01.02.G22');
    expect(e.business).toBeUndefined();
    expect(e.manifest?.references[0]?.ext?.attributes).toEqual([
      { uri: 'http://www.w3.org/1999/xlink', name: 'href', value: '' },
    ]);
    expect(e.attachments[0]).toEqual({
      contentId: 'cid:36b8a92e-f054-11e7-842b-005056b672fc',
      name: 'GUIDE_INSTALL OPENVPN.SIGNED.PDF',
      contentType: 'application/pdf',
    });
    const sig = e.wrapperExt?.edXMLHeader?.elements?.[0];
    expect(sig).toMatchObject({ uri: 'http://www.w3.org/2000/09/xmldsig#', name: 'Signature' });
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        'EDXML_DOCUMENT_ID_UUID@MessageHeader/DocumentId',
        'EDXML_EMPTY_FIELD@MessageHeader/ResponseFor[1]/OrganId',
        'EDXML_AGENCY_CODE_NOT_STANDARD@TraceHeaderList/TraceHeader[1]/OrganId',
        'EDXML_OPTIONAL_MISSING@TraceHeaderList/Bussiness',
      ]),
    );
  });
});
