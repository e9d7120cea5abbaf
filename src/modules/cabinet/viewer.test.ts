import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { and, eq, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { rows } from '../../platform/db/index.js';
import { embedVietnameseFont } from '../../platform/pdf/index.js';
import { minimalDocx, multipart, papersWorld, type PapersWorld } from './papers.test-helpers.js';
import { annotations, paperTexts, paperVersions } from './schema.js';

interface Version {
  id: string;
  version: number;
  viewState: string;
}
interface Paper {
  id: string;
  versions: Version[];
  latestVersion: Version | null;
}
interface Annotation {
  id: string;
  note: string;
  madeOnVersion: number;
  anchor: { page: number; start: number; end: number; match: string } | null;
  orphaned: boolean;
  selector: { exact: string; prefix: string; suffix: string; page: number };
}

/** A PDF with one page per entry, each line drawn in a Vietnamese-capable font. */
async function textPdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await embedVietnameseFont(doc);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 20, size: 12, font }));
  }
  return Buffer.from(await doc.save());
}

/** A 4×3 red PNG. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(3, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.from([0, ...Array.from({ length: 4 }, () => [200, 30, 30]).flat()]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat([row, row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the paper viewer and private annotations', () => {
  let w: PapersWorld;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-viewer-'));
  beforeAll(async () => {
    w = await papersWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const papersUrl = () => `/api/cabinet/meetings/${w.meetingA}/papers`;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
    w.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const create = async (title: string, extra: object = {}) => {
    const res = await send('POST', papersUrl(), w.cookies.officeA, {
      title,
      kind: 'draft_decree',
      classification: 'internal',
      ...extra,
    });
    expect(res.statusCode).toBe(201);
    return res.json<Paper>();
  };
  const upload = async (paperId: string, content: Buffer, name: string) => {
    const form = multipart(content, name);
    const res = await w.app.inject({
      method: 'POST',
      url: `${papersUrl()}/${paperId}/versions`,
      headers: { cookie: w.cookies.officeA, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json<Version>();
  };
  /** The text pdftotext reads on each page of a PDF answer. */
  const pageTexts = (pdf: Buffer, pages: number) => {
    const file = path.join(tmp, `v-${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(file, pdf);
    return Array.from({ length: pages }, (_, i) =>
      execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
    );
  };
  const pageCount = (pdf: Buffer) => {
    const file = path.join(tmp, `c-${Math.random().toString(36).slice(2)}.pdf`);
    fs.writeFileSync(file, pdf);
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  };
  const annotationsUrl = (paperId: string) => `${papersUrl()}/${paperId}/annotations`;
  const annotationCount = async () => (await w.p.db.select().from(annotations)).length;

  it('converts a DOCX with LibreOffice, and the reader sees its Vietnamese text under their name', async () => {
    const paper = await create('Dự thảo Nghị định về Chính phủ số');
    const v = await upload(paper.id, minimalDocx('Điều 1. Chính phủ số phục vụ người dân'), 'Dự thảo.docx');
    expect(v.viewState).toBe('pending');
    const view = `${papersUrl()}/${paper.id}/versions/1/view`;
    expect(errorCodeOf(await send('GET', view, w.cookies.member1))).toBe('CABINET_PAPER_VIEW_PENDING');
    expect(
      errorCodeOf(await send('GET', `${papersUrl()}/${paper.id}/versions/1/text`, w.cookies.member1)),
    ).toBe('CABINET_PAPER_VIEW_PENDING');
    await w.p.jobs.drain();
    const shown = (await send('GET', `${papersUrl()}/${paper.id}`, w.cookies.member1)).json<Paper>();
    expect(shown.latestVersion!.viewState).toBe('ready');
    const [row] = await w.p.db.select().from(paperVersions).where(eq(paperVersions.id, v.id));
    expect(row!.viewSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.viewSha256).not.toBe(row!.sha256);
    const res = await send('GET', view, w.cookies.member1);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const [text] = pageTexts(res.rawPayload, 1);
    expect(text).toContain('Điều 1. Chính phủ số phục vụ người dân');
    // 09:00 on 2 March 2026 in Hà Nội
    expect(text).toContain('Người đọc: uyvien-mot · 02/03/2026 09:00');
    const texts = await send('GET', `${papersUrl()}/${paper.id}/versions/latest/text`, w.cookies.member1);
    expect(texts.json<{ pages: string[] }>().pages[0]).toContain('Chính phủ số phục vụ người dân');
    // a second run of the job changes nothing
    const before = await w.p.db.select().from(paperTexts).where(eq(paperTexts.versionId, v.id));
    await w.p.jobs.enqueue(w.p.db, 'cabinet.paper.view', { versionId: v.id });
    await w.p.jobs.drain();
    expect(await w.p.db.select().from(paperTexts).where(eq(paperTexts.versionId, v.id))).toEqual(before);
  });

  it('stamps the reader’s name on every page of a two-page PDF, viewed or downloaded', async () => {
    const paper = await create('Báo cáo hai trang');
    await upload(paper.id, await textPdf([['Trang một'], ['Trang hai']]), 'Báo cáo.pdf');
    await w.p.jobs.drain();
    for (const kind of ['view', 'file']) {
      const res = await send('GET', `${papersUrl()}/${paper.id}/versions/1/${kind}`, w.cookies.member2);
      expect(res.statusCode, kind).toBe(200);
      expect(pageCount(res.rawPayload)).toBe(2);
      const [one, two] = pageTexts(res.rawPayload, 2);
      expect(one).toContain('Trang một');
      expect(two).toContain('Trang hai');
      for (const page of [one, two]) expect(page).toContain('Người đọc: uyvien-hai');
    }
    // the office downloads the original, byte for byte
    const original = await send('GET', `${papersUrl()}/${paper.id}/versions/1/file`, w.cookies.officeA);
    expect(pageTexts(original.rawPayload, 2).join('')).not.toContain('Người đọc');
    const office = await send('GET', `${papersUrl()}/${paper.id}/versions/1/view`, w.cookies.officeA);
    expect(pageTexts(office.rawPayload, 1)[0]).toContain('Người đọc: vanphong-a');
    const [receipts] = await rows<{ n: number }>(
      w.p.db,
      sql`select count(*)::int as n from audit_log where action = 'cabinet.paper.read' and detail in ('view', 'download')`,
    );
    expect(receipts!.n).toBeGreaterThanOrEqual(3);
  });

  it('shows an image paper as a one-page PDF', async () => {
    const paper = await create('Sơ đồ tổ chức');
    await upload(paper.id, tinyPng(), 'Sơ đồ.png');
    await w.p.jobs.drain();
    const res = await send('GET', `${papersUrl()}/${paper.id}/versions/latest/view`, w.cookies.member1);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(res.rawPayload)).toBe(1);
    expect(pageTexts(res.rawPayload, 1)[0]).toContain('Người đọc: uyvien-mot');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('Sơ đồ.pdf'));
  });

  it('has no view of a classified stub, and hides a restricted paper from others', async () => {
    const stub = await create('Phương án mật', {
      classification: 'mat',
      paperCirculationNote: 'Bản giấy tại Văn phòng',
    });
    const stubView = await send('GET', `${papersUrl()}/${stub.id}/versions/latest/view`, w.cookies.member1);
    expect(errorCodeOf(stubView)).toBe('CABINET_PAPER_NO_VERSION');
    expect(errorCodeOf(await send('GET', annotationsUrl(stub.id), w.cookies.member1))).toBe(
      'CABINET_PAPER_NO_VERSION',
    );
    const restricted = await create('Báo cáo nhân sự', { restrictedTo: [w.member1] });
    await upload(restricted.id, await textPdf([['Nhân sự cấp cao']]), 'Nhân sự.pdf');
    await w.p.jobs.drain();
    const base = `${papersUrl()}/${restricted.id}`;
    expect((await send('GET', `${base}/versions/1/view`, w.cookies.member1)).statusCode).toBe(200);
    for (const url of [
      `${base}/versions/1/view`,
      `${base}/versions/1/file`,
      `${base}/versions/1/text`,
      `${base}/annotations`,
    ])
      expect(errorCodeOf(await send('GET', url, w.cookies.member2)), url).toBe('CABINET_PAPER_NOT_FOUND');
    expect(errorCodeOf(await send('GET', `${base}/versions/1/view`, w.cookies.outsider))).toBe(
      'CABINET_MEETING_NOT_FOUND',
    );
  });

  it('keeps annotations private, re-anchors them on a new version, and orphans one whose quote is gone', async () => {
    const paper = await create('Dự thảo Luật Chính phủ điện tử');
    const v1 = [
      ['Chương I. Quy định chung', 'Điều 1. Phạm vi điều chỉnh của Luật này.', 'Điều 2. Đối tượng áp dụng.'],
      ['Chương II. Dữ liệu số', 'Điều 3. Dữ liệu mở phải được công bố.'],
    ];
    await upload(paper.id, await textPdf(v1), 'Dự thảo luật v1.pdf');
    await w.p.jobs.drain();
    const text = (await send('GET', `${papersUrl()}/${paper.id}/versions/1/text`, w.cookies.member1)).json<{
      pages: string[];
    }>().pages;
    expect(text).toHaveLength(2);
    const quote = (exact: string, page: number) => {
      const pageText = text[page - 1]!.replace(/\s+/g, ' ');
      const at = pageText.indexOf(exact);
      expect(at, exact).toBeGreaterThanOrEqual(0);
      return {
        exact,
        prefix: pageText.slice(Math.max(0, at - 32), at),
        suffix: pageText.slice(at + exact.length, at + exact.length + 32),
        page,
      };
    };
    const add = (selector: object, note: string, cookie = w.cookies.member1, version = 1) =>
      send('POST', annotationsUrl(paper.id), cookie, { version, selector, note });
    const scope = await add(quote('Phạm vi điều chỉnh', 1), 'Cần nói rõ phạm vi');
    expect(scope.statusCode).toBe(201);
    expect(scope.json<Annotation>()).toMatchObject({
      madeOnVersion: 1,
      anchor: { page: 1 },
      orphaned: false,
    });
    const gone = (await add(quote('Đối tượng áp dụng', 1), 'Thiếu doanh nghiệp')).json<Annotation>();
    const other = (
      await add(quote('Dữ liệu mở', 2), 'Ghi chú của người khác', w.cookies.member2)
    ).json<Annotation>();

    // bad input: a coded 400 and nothing changes
    const count = await annotationCount();
    const bad: [object, string][] = [
      [{ version: 1, selector: quote('Dữ liệu mở', 2), note: '   ' }, 'CABINET_ANNOTATION_INVALID'],
      [
        { version: 1, selector: { ...quote('Dữ liệu mở', 2), page: 9 }, note: 'x' },
        'CABINET_ANNOTATION_INVALID',
      ],
      [
        { version: 1, selector: { exact: 'Không có trong tài liệu', page: 1 }, note: 'x' },
        'CABINET_ANNOTATION_QUOTE_NOT_FOUND',
      ],
      [{ version: 1, selector: { exact: '', page: 1 }, note: 'x' }, 'VALIDATION_FAILED'],
      [{ version: 1, note: 'x' }, 'VALIDATION_FAILED'],
      [{ version: 7, selector: quote('Dữ liệu mở', 2), note: 'x' }, 'CABINET_PAPER_VERSION_NOT_FOUND'],
    ];
    for (const [payload, code] of bad) {
      const res = await send('POST', annotationsUrl(paper.id), w.cookies.member1, payload);
      expect(errorCodeOf(res), JSON.stringify(payload)).toBe(code);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(await annotationCount()).toBe(count);

    // private: the other member and the office see only their own, and cannot touch member 1's
    const mine = (await send('GET', annotationsUrl(paper.id), w.cookies.member1)).json<{
      items: Annotation[];
    }>();
    expect(mine.items.map((a) => a.note)).toEqual(['Cần nói rõ phạm vi', 'Thiếu doanh nghiệp']);
    const theirs = (await send('GET', annotationsUrl(paper.id), w.cookies.member2)).json<{
      items: Annotation[];
    }>();
    expect(theirs.items.map((a) => a.id)).toEqual([other.id]);
    expect(
      (await send('GET', annotationsUrl(paper.id), w.cookies.officeA)).json<{ items: [] }>().items,
    ).toEqual([]);
    const url = `${annotationsUrl(paper.id)}/${gone.id}`;
    expect(errorCodeOf(await send('PATCH', url, w.cookies.member2, { note: 'sửa trộm' }))).toBe(
      'CABINET_ANNOTATION_NOT_FOUND',
    );
    expect(errorCodeOf(await send('DELETE', url, w.cookies.officeA))).toBe('CABINET_ANNOTATION_NOT_FOUND');
    expect(errorCodeOf(await send('PATCH', url, w.cookies.member1, { note: ' ' }))).toBe(
      'CABINET_ANNOTATION_INVALID',
    );
    const edited = await send('PATCH', url, w.cookies.member1, { note: 'Thiếu doanh nghiệp, hộ kinh doanh' });
    expect(edited.json<Annotation>().note).toBe('Thiếu doanh nghiệp, hộ kinh doanh');

    // version 2: a new first page pushes "Phạm vi điều chỉnh" to page 2; "Đối tượng áp dụng" is gone
    await upload(
      paper.id,
      await textPdf([
        ['Lời nói đầu', 'Luật này được sửa theo ý kiến các Thành viên Chính phủ.'],
        [
          'Chương I. Quy định chung',
          'Điều 1. Phạm vi điều chỉnh của Luật này.',
          'Điều 2. Người dân, doanh nghiệp.',
        ],
        ['Chương II. Dữ liệu số', 'Điều 3. Dữ liệu mở phải được công bố.'],
      ]),
      'Dự thảo luật v2.pdf',
    );
    await w.p.jobs.drain();
    const onV2 = (await send('GET', annotationsUrl(paper.id), w.cookies.member1)).json<{
      version: number;
      items: Annotation[];
    }>();
    expect(onV2.version).toBe(2);
    const [moved, orphan] = onV2.items;
    expect(moved).toMatchObject({ note: 'Cần nói rõ phạm vi', madeOnVersion: 1, orphaned: false });
    // its context changed too (the next article was rewritten): found by the words alone, on page 2
    expect(moved!.anchor).toMatchObject({ page: 2, match: 'exact' });
    expect(orphan).toMatchObject({ id: gone.id, orphaned: true, anchor: null });
    // still anchored on the version it was made on
    const onV1 = (await send('GET', `${annotationsUrl(paper.id)}?version=1`, w.cookies.member1)).json<{
      items: Annotation[];
    }>();
    expect(onV1.items.every((a) => !a.orphaned)).toBe(true);

    expect((await send('DELETE', url, w.cookies.member1)).statusCode).toBe(204);
    expect(errorCodeOf(await send('DELETE', url, w.cookies.member1))).toBe('CABINET_ANNOTATION_NOT_FOUND');
    const audited = await rows<{ action: string }>(
      w.p.db,
      sql`select action from audit_log where object_id = ${gone.id} and outcome = 'success' order by id`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'cabinet.annotation.create',
      'cabinet.annotation.update',
      'cabinet.annotation.delete',
    ]);
    const [left] = await w.p.db
      .select()
      .from(annotations)
      .where(and(eq(annotations.paperId, paper.id), eq(annotations.personId, w.member1)));
    expect(left!.note).toBe('Cần nói rõ phạm vi');
  });
});

describe('without LibreOffice', () => {
  it('marks a DOCX version unavailable with a clear reason, and readers are told so', async () => {
    const world = await papersWorld({ OFFICE_CONVERTER: '/nonexistent/soffice' });
    try {
      const papers = `/api/cabinet/meetings/${world.meetingA}/papers`;
      const created = await world.app.inject({
        method: 'POST',
        url: papers,
        headers: { cookie: world.cookies.officeA },
        payload: { title: 'Tờ trình', kind: 'submission', classification: 'public' },
      });
      const paper = created.json<Paper>();
      const form = multipart(minimalDocx(), 'Tờ trình.docx');
      await world.app.inject({
        method: 'POST',
        url: `${papers}/${paper.id}/versions`,
        headers: { cookie: world.cookies.officeA, ...form.headers },
        payload: form.payload,
      });
      await world.p.jobs.drain();
      const [row] = await world.p.db.select().from(paperVersions).where(eq(paperVersions.paperId, paper.id));
      expect(row!.viewState).toBe('unavailable');
      expect(row!.viewError).toContain('/nonexistent/soffice');
      const res = await world.app.inject({
        method: 'GET',
        url: `${papers}/${paper.id}/versions/1/view`,
        headers: { cookie: world.cookies.member1 },
      });
      expect(errorCodeOf(res)).toBe('CABINET_PAPER_VIEW_UNAVAILABLE');
      expect(res.json<{ error: { message: string } }>().error.message).toContain('LibreOffice');
      // the office still downloads the original
      const original = await world.app.inject({
        method: 'GET',
        url: `${papers}/${paper.id}/versions/1/file`,
        headers: { cookie: world.cookies.officeA },
      });
      expect(original.statusCode).toBe(200);
    } finally {
      await world.app.close();
      await world.p.close();
    }
  });
});
