import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { rows } from '../../platform/db/index.js';
import { sniffMediaType } from '../../platform/files/index.js';
import {
  minimalDocx,
  minimalPdf,
  moveClock,
  multipart,
  papersWorld,
  PAPERS_DUE_ON,
  type PapersWorld,
} from './papers.test-helpers.js';
import { paperVersions, readReceipts } from './schema.js';

interface Version {
  id: string;
  version: number;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  late: boolean;
}
interface Paper {
  id: string;
  title: string;
  classification: string;
  paperOnly: boolean;
  versions: Version[];
  latestVersion: Version | null;
  late: boolean;
}
interface Reader {
  personId: string;
  displayName: string | null;
  downloads: number;
  lastVersionRead: number | null;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('papers and their versions', () => {
  let w: PapersWorld;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-papers-'));
  beforeAll(async () => {
    w = await papersWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const papersUrl = (meetingId = w.meetingA) => `/api/cabinet/meetings/${meetingId}/papers`;
  const create = (payload: object, cookie = w.cookies.officeA, meetingId = w.meetingA) =>
    w.app.inject({ method: 'POST', url: papersUrl(meetingId), headers: { cookie }, payload });
  const upload = (paperId: string, content: Buffer, name: string, cookie = w.cookies.officeA) => {
    const form = multipart(content, name);
    return w.app.inject({
      method: 'POST',
      url: `${papersUrl()}/${paperId}/versions`,
      headers: { cookie, ...form.headers },
      payload: form.payload,
    });
  };
  const get = (url: string, cookie: string) => w.app.inject({ method: 'GET', url, headers: { cookie } });
  const storedFiles = async () => {
    const all: string[] = [];
    for await (const s of w.p.files.list()) all.push(s);
    return all;
  };
  const versionRows = async (paperId: string) =>
    w.p.db.select().from(paperVersions).where(eq(paperVersions.paperId, paperId));
  const sha256sum = (content: Buffer) => {
    const file = path.join(tmp, `f-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(file, content);
    return execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
  };

  let submission: Paper;

  it('creates a paper for the meeting, audited', async () => {
    const res = await create({
      title: 'Tờ trình dự thảo Nghị quyết phát triển kinh tế - xã hội',
      kind: 'submission',
      classification: 'internal',
      reference: '12/TTr-UBND',
    });
    expect(res.statusCode).toBe(201);
    submission = res.json<Paper>();
    expect(submission).toMatchObject({ paperOnly: false, versions: [], latestVersion: null, late: false });
    const [audited] = await rows<{ n: number }>(
      w.p.db,
      sql`select count(*)::int as n from audit_log where action = 'cabinet.paper.create' and object_id = ${submission.id}`,
    );
    expect(audited!.n).toBe(1);
  });

  it('refuses bad papers with a coded error and keeps nothing', async () => {
    const foreignItem = await w.app.inject({
      method: 'POST',
      url: `/api/cabinet/meetings/${w.meetingB}/agenda`,
      headers: { cookie: w.cookies.officeB },
      payload: { title: 'Nội dung của phiên họp khác' },
    });
    expect(foreignItem.statusCode).toBe(201);
    const base = { title: 'Báo cáo', kind: 'report', classification: 'public' };
    const cases: [object, string][] = [
      [{ ...base, title: '  ' }, 'CABINET_PAPER_INVALID'],
      [{ ...base, paperCirculationNote: 'Chỉ bản giấy' }, 'CABINET_PAPER_INVALID'],
      [{ ...base, restrictedTo: [] }, 'CABINET_PAPER_RESTRICTED_INVALID'],
      [
        { ...base, restrictedTo: ['00000000-0000-4000-8000-000000000001'] },
        'CABINET_PAPER_RESTRICTED_INVALID',
      ],
      [{ ...base, agendaItemId: foreignItem.json<{ id: string }>().id }, 'CABINET_AGENDA_ITEM_NOT_FOUND'],
    ];
    for (const [payload, code] of cases)
      expect(errorCodeOf(await create(payload)), JSON.stringify(payload)).toBe(code);
    expect(errorCodeOf(await create(base, w.cookies.member1))).toBe('CABINET_NOT_PREPARER');
    const list = await get(papersUrl(), w.cookies.officeA);
    expect(list.json<{ items: Paper[] }>().items.map((p) => p.id)).toEqual([submission.id]);
  });

  it('keeps versions 1, 2… of a PDF then a DOCX, each with the SHA-256 of its file', async () => {
    const pdf = minimalPdf();
    const docx = minimalDocx();
    expect(await sniffMediaType(docx)).toBe(DOCX); // the fixture is a real OOXML package
    const first = await upload(submission.id, pdf, 'Tờ trình số 12.pdf');
    expect(first.statusCode).toBe(201);
    expect(first.json<Version>()).toMatchObject({
      version: 1,
      mediaType: 'application/pdf',
      fileName: 'Tờ trình số 12.pdf',
      size: pdf.length,
      sha256: sha256sum(pdf),
      late: false,
    });
    const second = await upload(submission.id, docx, 'Dự thảo Nghị quyết');
    expect(second.statusCode).toBe(201);
    expect(second.json<Version>()).toMatchObject({
      version: 2,
      mediaType: DOCX,
      fileName: 'Dự thảo Nghị quyết.docx',
      sha256: sha256sum(docx),
    });
    const paper = (await get(`${papersUrl()}/${submission.id}`, w.cookies.member2)).json<Paper>();
    expect(paper.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(paper.latestVersion!.mediaType).toBe(DOCX);
    expect(await w.p.files.has(sha256sum(docx))).toBe(true);
  });

  it('refuses other file types by their content, whatever their name', async () => {
    const before = await versionRows(submission.id);
    const text = await upload(submission.id, Buffer.from('Chỉ là văn bản thường'), 'giả.pdf');
    expect(text.statusCode).toBe(415);
    expect(errorCodeOf(text)).toBe('CABINET_PAPER_FILE_TYPE');
    const zip = minimalDocx().subarray(0, 30); // a broken zip is not a DOCX
    expect(errorCodeOf(await upload(submission.id, zip, 'hỏng.docx'))).toBe('CABINET_PAPER_FILE_TYPE');
    expect(await versionRows(submission.id)).toEqual(before);
  });

  it('numbers concurrent uploads to one paper one after the other', async () => {
    const results = await Promise.all(
      [1, 2, 3].map((i) => upload(submission.id, minimalPdf(`Ban ${i}`), `Bản ${i}.pdf`)),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.json<Version>().version).sort()).toEqual([3, 4, 5]);
  });

  it('flags a version uploaded after the papers-due day (Vietnam time) as late, in the meeting view', async () => {
    const report = (
      await create({ title: 'Báo cáo tình hình tháng 2', kind: 'report', classification: 'public' })
    ).json<Paper>();
    // 23:59 on the due day in Hà Nội: still on time
    await moveClock(w, new Date(`${PAPERS_DUE_ON}T16:59:00Z`));
    const onTime = await upload(report.id, minimalPdf('v1'), 'Báo cáo.pdf');
    expect(onTime.json<Version>().late).toBe(false);
    // 00:00 the next day in Hà Nội (17:00 UTC): late
    await moveClock(w, new Date(`${PAPERS_DUE_ON}T17:00:00Z`));
    const late = await upload(report.id, minimalPdf('v2'), 'Báo cáo (sửa).pdf');
    expect(late.json<Version>()).toMatchObject({ version: 2, late: true });
    const agenda = await get(`/api/cabinet/meetings/${w.meetingA}/agenda`, w.cookies.member1);
    const shown = agenda.json<{ otherPapers: Paper[] }>().otherPapers.find((p) => p.id === report.id)!;
    expect(shown.late).toBe(true);
    expect(shown.versions.map((v) => v.late)).toEqual([true, false]);
    const audited = await rows<{ detail: string | null }>(
      w.p.db,
      sql`select detail from audit_log where action = 'cabinet.paper.version.upload' and object_id = ${report.id} and outcome = 'success' order by id`,
    );
    expect(audited.map((a) => a.detail)).toEqual([null, 'late']);
  });

  it('keeps a classified paper as a stub and refuses its content without storing a byte', async () => {
    const res = await create({
      title: 'Phương án bảo đảm quốc phòng',
      kind: 'proposal',
      classification: 'toi_mat',
      paperCirculationNote: 'Phát hành bản giấy, số 01 đến 15, nhận tại Văn phòng',
    });
    expect(res.statusCode).toBe(201);
    const stub = res.json<Paper & { paperCirculationNote: string }>();
    expect(stub).toMatchObject({
      paperOnly: true,
      paperCirculationNote: expect.stringContaining('bản giấy'),
    });
    const stored = await storedFiles();
    const secret = minimalPdf('Noi dung mat');
    const refused = await upload(stub.id, secret, 'Phương án.pdf');
    expect(refused.statusCode).toBe(409);
    expect(errorCodeOf(refused)).toBe('CABINET_PAPER_CLASSIFIED_NO_CONTENT');
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/giấy|paper/);
    expect(await storedFiles()).toEqual(stored);
    expect(await w.p.files.has(sha256sum(secret))).toBe(false);
    expect(await versionRows(stub.id)).toEqual([]);
    const [failure] = await rows<{ detail: string }>(
      w.p.db,
      sql`select detail from audit_log where object_id = ${stub.id} and outcome = 'failure'`,
    );
    expect(failure!.detail).toBe('CABINET_PAPER_CLASSIFIED_NO_CONTENT');
  });

  it('gives the office the original file and a participant their watermarked PDF, with read receipts', async () => {
    await moveClock(w, new Date('2026-03-06T01:00:00Z'));
    const url = `${papersUrl()}/${submission.id}/versions/2/file`;
    const original = await get(url, w.cookies.officeA);
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe(DOCX);
    expect(original.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Dự thảo Nghị quyết.docx')}`,
    );
    expect(original.rawPayload.equals(minimalDocx())).toBe(true);
    // A participant never gets the original: only their stamped copy, once the viewable PDF is made.
    const pending = await get(url, w.cookies.member1);
    expect(pending.statusCode).toBe(409);
    expect(errorCodeOf(pending)).toBe('CABINET_PAPER_VIEW_PENDING');
    await w.p.jobs.drain();
    const res = await get(url, w.cookies.member1);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Dự thảo Nghị quyết.pdf')}`,
    );
    const stamped = path.join(tmp, 'member1.pdf');
    fs.writeFileSync(stamped, res.rawPayload);
    const text = execFileSync('pdftotext', [stamped, '-'], { encoding: 'utf8' });
    expect(text).toContain('Dự thảo Nghị định');
    expect(text).toContain('Người đọc: uyvien-mot');
    await moveClock(w, new Date('2026-03-06T02:00:00Z'));
    expect((await get(url, w.cookies.member1)).statusCode).toBe(200);
    const version2 = (await versionRows(submission.id)).find((v) => v.version === 2)!;
    const [receipt] = await w.p.db
      .select()
      .from(readReceipts)
      .where(and(eq(readReceipts.versionId, version2.id), eq(readReceipts.personId, w.member1)));
    expect(receipt).toMatchObject({
      personId: w.member1,
      firstReadAt: new Date('2026-03-06T01:00:00Z'),
      lastReadAt: new Date('2026-03-06T02:00:00Z'),
      downloads: 2,
    });
    expect(
      (await get(`${papersUrl()}/${submission.id}/versions/99/file`, w.cookies.member1)).statusCode,
    ).toBe(404);

    // The office sees who has read the latest version: nobody yet; member 1 read version 2 of 5.
    const receipts = `${papersUrl()}/${submission.id}/receipts`;
    let view = (await get(receipts, w.cookies.officeA)).json<{
      latestVersion: number;
      read: Reader[];
      notRead: Reader[];
    }>();
    expect(view.latestVersion).toBe(5);
    expect(view.read).toEqual([]);
    expect(view.notRead.map((r) => [r.displayName, r.lastVersionRead])).toEqual([
      ['uyvien-hai', null],
      ['uyvien-mot', 2],
    ]);
    expect(
      (await get(`${papersUrl()}/${submission.id}/versions/latest/file`, w.cookies.member2)).statusCode,
    ).toBe(200);
    view = (await get(receipts, w.cookies.officeA)).json();
    expect(view.read.map((r) => [r.displayName, r.downloads])).toEqual([['uyvien-hai', 1]]);
    expect(view.notRead.map((r) => r.displayName)).toEqual(['uyvien-mot']);
    expect(errorCodeOf(await get(receipts, w.cookies.member1))).toBe('CABINET_NOT_PREPARER');
  });

  it('hides a restricted paper from participants it is not meant for', async () => {
    const res = await create({
      title: 'Báo cáo nhân sự',
      kind: 'report',
      classification: 'internal',
      restrictedTo: [w.member1],
    });
    expect(res.statusCode).toBe(201);
    const restricted = res.json<Paper>();
    expect((await upload(restricted.id, minimalPdf('nhan su'), 'Nhân sự.pdf')).statusCode).toBe(201);
    await w.p.jobs.drain();
    const paperUrl = `${papersUrl()}/${restricted.id}`;
    expect((await get(paperUrl, w.cookies.member1)).statusCode).toBe(200);
    expect((await get(`${paperUrl}/versions/1/file`, w.cookies.member1)).statusCode).toBe(200);
    const hidden = await get(paperUrl, w.cookies.member2);
    expect(hidden.statusCode).toBe(404);
    expect(errorCodeOf(hidden)).toBe('CABINET_PAPER_NOT_FOUND');
    expect((await get(`${paperUrl}/versions/1/file`, w.cookies.member2)).statusCode).toBe(404);
    const listed = (await get(papersUrl(), w.cookies.member2)).json<{ items: Paper[] }>().items;
    expect(listed.map((p) => p.id)).not.toContain(restricted.id);
    expect(
      (await get(papersUrl(), w.cookies.officeA)).json<{ items: Paper[] }>().items.map((p) => p.id),
    ).toContain(restricted.id);
    expect(errorCodeOf(await get(paperUrl, w.cookies.outsider))).toBe('CABINET_MEETING_NOT_FOUND');
  });

  it('answers 404 for another agency’s paper and for a paper named under the wrong meeting', async () => {
    const paperB = (
      await create(
        { title: 'Tờ trình của Hà Nội', kind: 'submission', classification: 'public' },
        w.cookies.officeB,
        w.meetingB,
      )
    ).json<Paper>();
    const ownUrl = `${papersUrl(w.meetingB)}/${paperB.id}`;
    expect((await get(ownUrl, w.cookies.officeB)).statusCode).toBe(200);
    expect(errorCodeOf(await get(ownUrl, w.cookies.officeA))).toBe('CABINET_MEETING_NOT_FOUND');
    // meeting A's office, meeting A in the path, meeting B's paper: not found either
    const crossed = `${papersUrl()}/${paperB.id}`;
    expect(errorCodeOf(await get(crossed, w.cookies.officeA))).toBe('CABINET_PAPER_NOT_FOUND');
    expect(errorCodeOf(await upload(paperB.id, minimalPdf(), 'x.pdf'))).toBe('CABINET_PAPER_NOT_FOUND');
    expect(errorCodeOf(await get(`${crossed}/receipts`, w.cookies.officeA))).toBe('CABINET_PAPER_NOT_FOUND');
    expect(await versionRows(paperB.id)).toEqual([]);
    // and another agency's office reaches nothing of meeting A
    expect(errorCodeOf(await get(`${papersUrl()}/${submission.id}`, w.cookies.officeB))).toBe(
      'CABINET_MEETING_NOT_FOUND',
    );
    const intoA = await upload(submission.id, minimalPdf('B'), 'b.pdf', w.cookies.officeB);
    expect(errorCodeOf(intoA)).toBe('CABINET_MEETING_NOT_FOUND');
  });

  it('keeps every paper under a classified agenda item a stub, and takes no content for it', async () => {
    const item = async (classification: string) => {
      const res = await w.app.inject({
        method: 'POST',
        url: `/api/cabinet/meetings/${w.meetingA}/agenda`,
        headers: { cookie: w.cookies.officeA },
        payload: { title: `Nội dung ${classification}`, classification },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>().id;
    };
    const secretItem = await item('mat');
    const count = async () =>
      (await rows<{ n: number }>(w.p.db, sql`select count(*)::int as n from cabinet_papers`))[0]!.n;
    const before = await count();
    for (const classification of ['public', 'internal']) {
      const refused = await create({
        title: 'Đề án bảo vệ bí mật',
        kind: 'proposal',
        classification,
        agendaItemId: secretItem,
      });
      expect(refused.statusCode).toBe(409);
      expect(errorCodeOf(refused)).toBe('CABINET_PAPER_ITEM_CLASSIFIED');
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/mật|classified/);
    }
    expect(await count()).toBe(before);
    const stub = await create({
      title: 'Đề án bảo vệ bí mật',
      kind: 'proposal',
      classification: 'tuyet_mat',
      agendaItemId: secretItem,
    });
    expect(stub.statusCode).toBe(201);
    expect(stub.json<Paper>()).toMatchObject({ classification: 'tuyet_mat', paperOnly: true });

    // An item made classified while its paper has no content yet: the paper becomes a stub.
    const laterItem = await item('internal');
    const created = await create({
      title: 'Báo cáo tình hình',
      kind: 'report',
      classification: 'internal',
      agendaItemId: laterItem,
    });
    expect(created.statusCode).toBe(201);
    const paper = created.json<Paper>();
    const reclassified = await w.app.inject({
      method: 'PATCH',
      url: `/api/cabinet/meetings/${w.meetingA}/agenda/${laterItem}`,
      headers: { cookie: w.cookies.officeA },
      payload: { classification: 'toi_mat' },
    });
    expect(reclassified.statusCode).toBe(200);
    expect((await get(`${papersUrl()}/${paper.id}`, w.cookies.officeA)).json<Paper>().paperOnly).toBe(true);
    const listed = (await get(papersUrl(), w.cookies.officeA)).json<{ items: Paper[] }>().items;
    expect(listed.find((p) => p.id === paper.id)!.paperOnly).toBe(true);
    const stored = await storedFiles();
    const secret = minimalPdf('Noi dung mat theo noi dung chuong trinh');
    const refused = await upload(paper.id, secret, 'Báo cáo.pdf');
    expect(refused.statusCode).toBe(409);
    expect(errorCodeOf(refused)).toBe('CABINET_PAPER_CLASSIFIED_NO_CONTENT');
    expect(await storedFiles()).toEqual(stored);
    expect(await w.p.files.has(sha256sum(secret))).toBe(false);
    expect(await versionRows(paper.id)).toEqual([]);
  });
});
