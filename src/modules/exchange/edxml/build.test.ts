import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenize, type StartElement } from '../../../platform/xml/index.js';
import { collect, unzipFirst, zipFile } from './attachments.js';
import { buildEdxmlToBuffer, type AttachmentContent } from './build.js';
import { fileAttachment, statusFor } from './compose.js';
import { validateEdxml } from './validate.js';
import { EDXML_NS, type Edoc, type EdxmlMessage } from './model.js';
import { parseEdxml, type ParseResult } from './parse.js';
import {
  repairedEdocSample,
  SAMPLE_DIR as DIR,
  WELL_FORMED_SAMPLES as SAMPLES,
} from './edxml.test-helpers.js';
const inputs: [string, () => Buffer][] = [
  ...SAMPLES.map((f): [string, () => Buffer] => [f, () => fs.readFileSync(path.join(DIR, f))]),
  ['edoc.edxml (repaired)', repairedEdocSample],
];

/** Parses, keeping each attachment's decoded bytes, so that it can be built again. */
async function parseKeeping(input: Buffer): Promise<{ result: ParseResult; contents: AttachmentContent[] }> {
  const stored: Buffer[][] = [];
  const result = await parseEdxml(input, {
    attachments: (_meta, index) => {
      stored[index] = [];
      return { write: (chunk) => void stored[index]!.push(chunk), end: () => undefined };
    },
  });
  const contents =
    result.message?.kind === 'edoc'
      ? result.message.edoc.attachments.map((meta, i) => ({
          meta,
          // An attachment whose content could not be decoded has no size: nothing to write back.
          zipped: meta.size === undefined ? null : Buffer.concat(stored[i] ?? []),
        }))
      : [];
  return { result, contents };
}

interface Token {
  start?: string;
  attributes?: string[];
  text?: string;
}

/** Start tags (qname and attributes) and non-blank text, in document order. */
function tokens(x: Buffer): Token[] {
  const out: Token[] = [];
  let text = '';
  const flush = (): void => {
    if (text.trim()) out.push({ text: text.trim() });
    text = '';
  };
  tokenize(x, {
    startElement: (e: StartElement) => {
      flush();
      out.push({
        start: `{${e.uri}}${e.local}`,
        attributes: e.attributes.map((a) => `{${a.uri}}${a.local}=${a.value}`),
      });
    },
    endElement: () => flush(),
    text: (t) => {
      text += t.text();
    },
  });
  return out;
}

/** The children of MessageHeader, by local name, in document order. */
function headerOrder(x: Buffer): string[] {
  const names: string[] = [];
  let headerDepth = -1;
  tokenize(x, {
    startElement: (e) => {
      if (e.local === 'MessageHeader') headerDepth = e.depth;
      else if (headerDepth >= 0 && e.depth === headerDepth + 1) names.push(e.local);
    },
    endElement: (e) => {
      if (e.local === 'MessageHeader') headerDepth = -1;
    },
  });
  return names;
}

const EDOC_NEW_ORDER = [
  'From',
  'To',
  'DocumentId',
  'Code',
  'PromulgationInfo',
  'DocumentType',
  'Subject',
  'Content',
  'SignerInfo',
  'DueDate',
  'OtherInfo',
  'ResponseFor',
  'SteeringType',
  'ToPlaces',
];

describe('buildEdxml', () => {
  it.each(inputs)(
    '%s: parse(build(parse(x))) equals parse(x), extensions and attachments included',
    async (_name, input) => {
      const first = await parseKeeping(input());
      expect(first.result.message).not.toBeNull();
      const built = await buildEdxmlToBuffer(first.result.message!, first.contents);
      const second = await parseKeeping(built);
      expect(second.result.message).toEqual(first.result.message);
      if (_name.includes('repaired')) {
        // The undecodable placeholder is not written back: its error goes with it.
        expect(second.result.errors).toEqual([]);
        expect(second.result.warnings).toEqual(first.result.warnings);
      } else
        expect({ errors: second.result.errors, warnings: second.result.warnings }).toEqual({
          errors: first.result.errors,
          warnings: first.result.warnings,
        });
      // Built output is stable: building again gives the same bytes.
      expect((await buildEdxmlToBuffer(second.result.message!, second.contents)).equals(built)).toBe(true);
    },
  );

  it('writes edoc_new.edxml back element for element, attribute for attribute, text for text', async () => {
    const input = fs.readFileSync(path.join(DIR, 'edoc_new.edxml'));
    const { result, contents } = await parseKeeping(input);
    const built = await buildEdxmlToBuffer(result.message!, contents);
    expect(tokens(built)).toEqual(tokens(input));
    // Same bytes up to MessageHeader, but for the sample's CRLF line ends.
    expect(built.toString('utf8', 0, 200)).toBe(input.toString('utf8').replace(/\r\n/g, '\n').slice(0, 200));
  });

  it.each(inputs.filter(([n]) => !n.startsWith('status')))(
    '%s: MessageHeader in the edoc_new order',
    async (_n, input) => {
      const { result, contents } = await parseKeeping(input());
      const order = headerOrder(await buildEdxmlToBuffer(result.message!, contents));
      const ranks = order.filter((n) => EDOC_NEW_ORDER.includes(n)).map((n) => EDOC_NEW_ORDER.indexOf(n));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    },
  );

  it('keeps the samples root and namespace layout for a status message', async () => {
    const input = fs.readFileSync(path.join(DIR, 'status_acceptance_03.edxml'));
    const built = (await buildEdxmlToBuffer((await parseEdxml(input)).message!)).toString();
    expect(built).toMatch(
      new RegExp(
        `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<edXML xmlns="${EDXML_NS}">\\n  <edXML:edXMLEnvelope xmlns:edXML="${EDXML_NS}">\\n    <edXML:edXMLHeader>\\n      <edXML:MessageHeader>`,
      ),
    );
    expect(built).not.toContain('TraceHeaderList');
    expect(built).not.toContain('AttachmentEncoded');
    expect(tokens(Buffer.from(built)).length).toBe(tokens(input).length);
  });

  it('builds a new document from code: a PDF zipped on the fly, escaped text, extensions in other namespaces', async () => {
    const pdf = Buffer.from('%PDF-1.7\n… Công văn số 12/UBND-VP <ký số> & đóng dấu …\n%%EOF');
    const edoc: Edoc = {
      from: { organId: '000.00.00.H26', organName: 'UBND Thành phố Hà Nội' },
      to: [{ organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' }],
      documentId: '000.00.00.H26,2025/07/01,12/UBND-VP',
      code: { number: '12', notation: 'UBND-VP' },
      promulgation: { place: 'Hà Nội', date: '2025/07/01' },
      subject: 'V/v "thử" <liên thông> & ký số',
      toPlaces: [],
      responseFor: [],
      traces: [{ organId: '000.00.00.H26', timestamp: '2025/07/01 08:00:00' }],
      business: { docType: '0', reason: 'Văn bản điện tử mới', paper: '0', receivers: [], replacements: [] },
      manifest: {
        version: '1.0',
        references: [{ contentId: 'cid:1', contentType: 'application/zip', attachmentName: '12.pdf' }],
      },
      attachments: [],
      ext: {
        elements: [
          { uri: EDXML_NS, name: 'ApplicationType', attributes: [], text: 'QLVB' },
          {
            uri: 'urn:example:task',
            name: 'Task',
            attributes: [{ uri: 'urn:example:attr', name: 'id', value: 'a"b' }],
            children: [{ uri: '', name: 'Code', attributes: [], text: 'T-1' }],
          },
        ],
      },
    };
    const message: EdxmlMessage = { kind: 'edoc', edoc };
    const built = await buildEdxmlToBuffer(message, [
      {
        meta: { contentId: 'cid:1', name: '12.pdf', contentType: 'application/zip' },
        zipped: zipFile('12.pdf', pdf),
      },
    ]);
    let zipped: Buffer[] = [];
    const back = await parseEdxml(built, {
      attachments: () => ({ write: (c) => void zipped.push(c), end: () => undefined }),
    });
    expect(back.errors).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.message?.kind === 'edoc' && back.message.edoc.subject).toBe('V/v "thử" <liên thông> & ký số');
    expect(back.message?.kind === 'edoc' && back.message.edoc.ext).toEqual(edoc.ext);
    const file = await unzipFirst(Buffer.concat(zipped));
    expect(file?.name).toBe('12.pdf');
    expect((await collect(file!.data)).equals(pdf)).toBe(true);
    zipped = [];
  });

  it('composes a status reply to a received document, and a file attachment with its reference', async () => {
    const { result } = await parseKeeping(fs.readFileSync(path.join(DIR, 'lgsp-multi-recipient.edxml')));
    if (result.message?.kind !== 'edoc') throw new Error('edoc expected');
    const status = statusFor(result.message.edoc, {
      from: { organId: '000.00.00.H41', organName: 'UBND Tỉnh Nghệ An' },
      statusCode: '02',
      description: 'Từ chối: văn bản chưa ký số',
      staff: { department: 'Văn thư', staff: 'Nguyễn Văn A' },
      at: new Date('2025-07-01T01:02:03Z'),
    });
    expect(status.responseFor).toEqual({
      organId: '000.00.00.G22',
      code: '7816/VPCP-TTĐT',
      promulgationDate: '2019/04/11',
      documentId: '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT',
    });
    expect(status.timestamp).toBe('2025/07/01 08:02:03');
    expect(validateEdxml({ kind: 'status', status })).toEqual([]);
    const back = await parseEdxml(await buildEdxmlToBuffer({ kind: 'status', status }));
    expect(back).toEqual({ message: { kind: 'status', status }, errors: [], warnings: [] });

    const file = fileAttachment({ name: 'to-trinh.pdf', description: 'Tờ trình' }, Buffer.from('%PDF-1.7 …'));
    expect(file.reference.contentId).toMatch(/^cid:[0-9a-f-]{36}$/);
    expect(file.content.meta.contentId).toBe(file.reference.contentId);
    const edoc = { ...result.message.edoc, manifest: { version: '1.0', references: [file.reference] } };
    const sent = await parseEdxml(await buildEdxmlToBuffer({ kind: 'edoc', edoc }, [file.content]));
    expect(sent.errors).toEqual([]);
    expect(sent.message?.kind === 'edoc' && sent.message.edoc.attachments[0]?.name).toBe('to-trinh.pdf');
  });
});
