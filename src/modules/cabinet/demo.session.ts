/**
 * The demo's upcoming session gets its agenda: five items presented by ministries, real-looking PDF papers
 * added through the papers service (so the viewer pipeline applies to them), one classified item with a
 * paper-only stub, and some discussion: comments and two submitted written opinions.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { jdnOfInstant, ymdFromJdn } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { personIdByUsername, resolveAgencyCode } from '../identity/index.js';
import { addAgendaItem } from './agenda.service.js';
import { demoItems } from './demo.content.js';
import { renderDemoDocument } from './demo.pdf.js';
import type { PaperActor } from './paper-access.js';
import { addVersion, createPaper } from './papers.service.js';
import { agendaItems, comments, opinions } from './schema.js';

export async function agencyIdByCode(tx: Executor, code: string): Promise<string | null> {
  const found = await resolveAgencyCode(tx, code).catch(() => null);
  return found?.current[0]?.id ?? null;
}

/** Adds the agenda, papers and discussion to the session, once: nothing when it already has an agenda. */
export async function seedSessionContent(
  tx: Executor,
  p: Platform,
  actor: PaperActor,
  meetingId: string,
): Promise<boolean> {
  const [existing] = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .limit(1);
  if (existing) return false;
  const now = actor.now;
  const { year, month, day } = ymdFromJdn(jdnOfInstant(now));
  const items = demoItems(`ngày ${day} tháng ${month} năm ${year}`, `tháng ${month}/${year}`, year);
  const itemIds: string[] = [];
  const paperIds: string[] = [];
  for (const item of items) {
    const presenter = item.presenter ? await personIdByUsername(tx, item.presenter) : null;
    const added = await addAgendaItem(tx, actor, meetingId, {
      title: item.title,
      presenterAgencyId: await agencyIdByCode(tx, item.agencyCode),
      presenterPersonId: presenter ?? null,
      plannedMinutes: item.plannedMinutes,
      classification: item.classification,
    });
    itemIds.push(added.id);
    for (const paper of item.papers) {
      const created = await createPaper(tx, actor, meetingId, {
        title: paper.title,
        kind: paper.kind,
        classification: 'internal',
        reference: paper.reference,
        agendaItemId: added.id,
      });
      paperIds.push(created.id);
      const pdf = await renderDemoDocument(paper.document, now);
      const stored = await p.files.put(Readable.from(pdf), {
        maxBytes: p.config.FILE_MAX_BYTES,
        accept: ['application/pdf'],
      });
      await addVersion(tx, p.jobs, actor, meetingId, created.id, { ...stored, filename: paper.fileName });
    }
    if (item.stub)
      await createPaper(tx, actor, meetingId, {
        title: item.stub.title,
        kind: 'proposal',
        classification: item.classification,
        reference: item.stub.reference,
        agendaItemId: added.id,
        paperCirculationNote: item.stub.note,
      });
  }
  await seedDiscussion(tx, now, meetingId, itemIds, paperIds);
  return true;
}

async function seedDiscussion(
  tx: Executor,
  now: Date,
  meetingId: string,
  itemIds: string[],
  paperIds: string[],
): Promise<void> {
  const person = async (username: string) => (await personIdByUsername(tx, username)) ?? null;
  const deputy = await person('phothutuong');
  const justice = await person('botruong.tuphap');
  const pm = await person('thutuong');
  const secretary = await person('thuky');
  if (!deputy || !justice || !pm) return;
  const ago = (hours: number) => new Date(now.getTime() - hours * 3600_000);
  const [first] = await tx
    .insert(comments)
    .values({
      meetingId,
      agendaItemId: itemIds[0]!,
      authorId: deputy,
      body: 'Đề nghị Bộ Công an làm rõ phạm vi giao dịch bắt buộc xác thực sinh trắc học, tránh phát sinh thêm thủ tục cho người dân ở vùng sâu, vùng xa.',
      createdAt: ago(26),
    })
    .returning({ id: comments.id });
  await tx.insert(comments).values([
    {
      meetingId,
      agendaItemId: itemIds[0]!,
      parentId: first!.id,
      authorId: justice,
      body: 'Bộ Tư pháp thống nhất; đề nghị quy định ngưỡng giá trị giao dịch ngay trong Nghị định, không giao bộ quy định chi tiết.',
      createdAt: ago(20),
    },
    {
      meetingId,
      agendaItemId: itemIds[1]!,
      paperId: paperIds[2] ?? null,
      authorId: pm,
      writtenBy: secretary,
      body: 'Đề nghị Bộ Tư pháp bổ sung đánh giá tác động của việc rút ngắn thời hạn thẩm định đối với chất lượng văn bản.',
      createdAt: ago(5),
    },
  ]);
  await tx.insert(opinions).values([
    {
      meetingId,
      agendaItemId: itemIds[0]!,
      memberId: justice,
      position: 'agree_with_comments',
      body: 'Thống nhất ban hành Nghị định; đề nghị bổ sung quy định chuyển tiếp đối với tài khoản đã cấp trước ngày Nghị định có hiệu lực.',
      state: 'submitted',
      draftedBy: justice,
      submittedAt: ago(19),
      updatedAt: ago(19),
    },
    {
      meetingId,
      agendaItemId: itemIds[2]!,
      memberId: deputy,
      position: 'agree',
      body: 'Thống nhất với Báo cáo; đề nghị bổ sung số liệu giải ngân vốn đầu tư công của các dự án trọng điểm.',
      state: 'submitted',
      draftedBy: deputy,
      submittedAt: ago(3),
      updatedAt: ago(3),
    },
  ]);
}
