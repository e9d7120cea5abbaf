import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { auditLog } from '../../platform/audit/index.js';
import { meetings, minutes } from './schema.js';
import { as, followUpWorld, type FollowUpWorld } from './tasks.test-helpers.js';

interface Minutes {
  state: 'draft' | 'approved';
  revision: number;
  sections: { key: string; heading: string; body: string }[];
  pdfSha256: string | null;
  mayEdit: boolean;
  approvedBy: { displayName: string } | null;
}

describe('minutes of a meeting', () => {
  let w: FollowUpWorld;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-minutes-'));
  const url = () => `/api/cabinet/meetings/${w.meetingId}/minutes`;
  beforeAll(async () => {
    w = await followUpWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is not written before the meeting has ended', async () => {
    await w.p.db.update(meetings).set({ status: 'in_progress' }).where(eq(meetings.id, w.meetingId));
    const res = await as(w, 'officeA').post(`${url()}/generate`);
    expect(errorCodeOf(res)).toBe('CABINET_MEETING_NOT_ENDED');
    await w.p.db.update(meetings).set({ status: 'ended' }).where(eq(meetings.id, w.meetingId));
    expect(await w.p.db.select().from(minutes)).toHaveLength(0);
  });

  it('is generated from what happened: attendance, items, speakers, opinions, outcomes', async () => {
    const res = await as(w, 'clerk').post(`${url()}/generate`);
    expect(res.statusCode).toBe(200);
    const m = res.json<Minutes>();
    expect(m).toMatchObject({ state: 'draft', revision: 0, mayEdit: true });
    expect(m.sections.map((s) => s.key)).toEqual([
      'composition',
      `item:${w.itemIds[0]}`,
      `item:${w.itemIds[1]}`,
      'closing',
    ]);
    const [composition, first, second, closing] = m.sections;
    expect(composition!.body).toContain('Thời gian: từ 08:05 đến 11:25 ngày 10/03/2026.');
    expect(composition!.body).toContain('Chủ trì: Nguyễn Đức Chủ Tịch, Chủ tịch.');
    expect(composition!.body).toMatch(/Dự họp trực tuyến \(1\):\n- Trần Quốc Việt, Phó Chủ tịch/);
    expect(composition!.body).toContain('- Vũ Minh Đức, dự thay Phạm Thị Hồng Nhung, Giám đốc Sở Tư pháp');
    expect(composition!.body).toContain(
      '- Phạm Thị Hồng Nhung, Giám đốc Sở Tư pháp (vắng có phép: Đi công tác nước ngoài)',
    );
    expect(composition!.body).toMatch(/Thư ký phiên họp \(1\):\n- Hoàng Thu Thư Ký/);
    expect(first!.heading).toBe('1. Dự thảo Nghị quyết về phát triển kinh tế số');
    expect(first!.body).toContain('Cơ quan trình: Bộ Tư pháp.');
    expect(first!.body).toContain('Thời gian thảo luận: 42 phút (dự kiến 30 phút, vượt 12 phút).');
    expect(first!.body).toContain(
      'Ý kiến phát biểu:\n1. Trần Quốc Việt, Phó Chủ tịch (5 phút 30 giây).\n2. Nguyễn Đức Chủ Tịch, Chủ tịch (2 phút).',
    );
    expect(first!.body).not.toContain('3. Vũ Minh Đức'); // withdrew
    expect(first!.body).toContain(
      '- Phạm Thị Hồng Nhung, Giám đốc Sở Tư pháp: Đồng ý, có ý kiến. Đề nghị bổ sung lộ trình chuyển đổi số cấp xã.',
    );
    expect(first!.body).toContain('Kết quả: Đã thảo luận xong.');
    expect(second!.body).toContain('Kết quả: Hoãn, chuyển sang phiên họp sau.');
    expect(closing!.body).toContain('Phiên họp kết thúc lúc 11:25 ngày 10/03/2026.');
  });

  it('keeps the draft from participants and strangers', async () => {
    expect(errorCodeOf(await as(w, 'member').get(url()))).toBe('CABINET_MINUTES_NOT_FOUND');
    expect(errorCodeOf(await as(w, 'outsider').get(url()))).toBe('CABINET_MEETING_NOT_FOUND');
    expect(errorCodeOf(await as(w, 'officeB').get(url()))).toBe('CABINET_MEETING_NOT_FOUND');
    expect(errorCodeOf(await as(w, 'member').post(`${url()}/generate`))).toBe('CABINET_NOT_PREPARER');
    expect((await as(w, 'officeA').get(url())).json<Minutes>().mayEdit).toBe(true);
  });

  it('edits sections against the revision read; a stale revision is refused and changes nothing', async () => {
    const edit = (revision: number, body: string) =>
      as(w, 'clerk').patch(url(), { revision, sections: [{ key: 'closing', body }] });
    const ok = await edit(0, 'Phiên họp kết thúc lúc 11:25. Chủ trì kết luận các nội dung.');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Minutes>().revision).toBe(1);
    const stale = await edit(0, 'Bản sửa đè lên bản của người khác');
    expect(stale.statusCode).toBe(409);
    expect(errorCodeOf(stale)).toBe('CABINET_MINUTES_CHANGED');
    const now = (await as(w, 'clerk').get(url())).json<Minutes>();
    expect(now.sections.at(-1)!.body).toBe('Phiên họp kết thúc lúc 11:25. Chủ trì kết luận các nội dung.');
    const unknown = await as(w, 'clerk').patch(url(), {
      revision: 1,
      sections: [{ key: 'nope', body: 'x' }],
    });
    expect(errorCodeOf(unknown)).toBe('CABINET_MINUTES_INVALID');
    const tooLong = await as(w, 'clerk').patch(url(), {
      revision: 1,
      sections: [{ key: 'closing', body: 'x'.repeat(20_001) }],
    });
    expect(errorCodeOf(tooLong)).toBe('CABINET_MINUTES_INVALID');
    expect((await as(w, 'clerk').get(url())).json<Minutes>().revision).toBe(1);
  });

  it('regenerates a draft against its revision', async () => {
    expect(errorCodeOf(await as(w, 'officeA').post(`${url()}/generate`))).toBe('CABINET_MINUTES_CHANGED');
    expect(errorCodeOf(await as(w, 'officeA').post(`${url()}/generate`, {}))).toBe('CABINET_MINUTES_CHANGED');
    expect(errorCodeOf(await as(w, 'officeA').post(`${url()}/generate`, { revision: 0 }))).toBe(
      'CABINET_MINUTES_CHANGED',
    );
    const again = await as(w, 'officeA').post(`${url()}/generate`, { revision: 1 });
    expect(again.json<Minutes>()).toMatchObject({ revision: 2, state: 'draft' });
    expect(again.json<Minutes>().sections.at(-1)!.body).toContain('Biên bản được lập từ diễn biến');
  });

  it('is approved by the secretary: frozen, rendered to a PDF with Vietnamese names, read by participants', async () => {
    expect(errorCodeOf(await as(w, 'member').post(`${url()}/approve`, { revision: 2 }))).toBe(
      'CABINET_NOT_PREPARER',
    );
    expect(errorCodeOf(await as(w, 'member').get(`${url()}/pdf`))).toBe('CABINET_MINUTES_NOT_FOUND');
    const approved = await as(w, 'clerk').post(`${url()}/approve`, { revision: 2 });
    expect(approved.statusCode).toBe(200);
    const m = approved.json<Minutes>();
    expect(m).toMatchObject({ state: 'approved', revision: 3, mayEdit: false });
    expect(m.approvedBy!.displayName).toBe('Hoàng Thu Thư Ký');
    expect(m.pdfSha256).toMatch(/^[0-9a-f]{64}$/);

    for (const attempt of [
      as(w, 'clerk').patch(url(), { revision: 3, sections: [{ key: 'closing', body: 'sửa sau khi duyệt' }] }),
      as(w, 'clerk').post(`${url()}/generate`, { revision: 3 }),
      as(w, 'clerk').post(`${url()}/approve`, { revision: 3 }),
    ])
      expect(errorCodeOf(await attempt)).toBe('CABINET_MINUTES_APPROVED');

    const read = await as(w, 'member').get(url());
    expect(read.statusCode).toBe(200);
    expect(read.json<Minutes>().state).toBe('approved');

    const pdf = await as(w, 'member').get(`${url()}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(crypto.createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(m.pdfSha256);
    const file = path.join(tmp, 'minutes.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('BIÊN BẢN PHIÊN HỌP');
    expect(text).toContain('Trần Quốc Việt');
    expect(text).toContain('Phạm Thị Hồng Nhung');
    expect(text).toContain('Dự thảo Nghị quyết về phát triển kinh tế số');
    expect(text).toContain('Trang 1/');
    expect(text).toContain('Hoàng Thu Thư Ký phê duyệt');
    expect(errorCodeOf(await as(w, 'outsider').get(`${url()}/pdf`))).toBe('CABINET_MEETING_NOT_FOUND');
  });

  it('audits every change', async () => {
    const actions = (await w.p.db.select().from(auditLog).where(eq(auditLog.objectId, w.meetingId)))
      .filter((r) => r.outcome === 'success')
      .map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'cabinet.minutes.generate',
        'cabinet.minutes.edit',
        'cabinet.minutes.regenerate',
        'cabinet.minutes.approve',
      ]),
    );
  });
});
