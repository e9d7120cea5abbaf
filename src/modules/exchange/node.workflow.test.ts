import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/index.js';
import { parseEdxmlSync } from './edxml/index.js';
import { getDocument } from './node.documents.js';
import { exchangeStats } from './node.stats.js';
import { arrive, CODE, nodeWorld, type NodeWorld } from './node.test-helpers.js';
import {
  agreeToChange,
  assignDocument,
  completeDocument,
  processDocument,
  refuseChange,
  registerDocument,
  rejectDocument,
} from './node.workflow.js';
import {
  exchangeDocuments,
  exchangeOutbox,
  exchangeRegisterCounters,
  exchangeStatusEvents,
} from './schema.js';

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'no error';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

describe('incoming document workflow', () => {
  let w: NodeWorld;

  beforeAll(async () => {
    w = await nodeWorld();
  }, 60_000);
  afterAll(async () => {
    await w.p.close();
  });

  /** The status envelopes queued for the sender about one document, decoded: [code, description]. */
  async function sentStatuses(documentId: string): Promise<[string, string | undefined][]> {
    const queued = await w.p.db
      .select()
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.documentId, documentId), eq(exchangeOutbox.kind, 'status')))
      .orderBy(asc(exchangeOutbox.id));
    const out: [string, string | undefined][] = [];
    for (const q of queued) {
      expect(q.toCodes).toEqual([CODE.A]);
      const chunks: Buffer[] = [];
      for await (const c of await w.p.files.open(q.envelopeSha256)) chunks.push(c as Buffer);
      const parsed = parseEdxmlSync(Buffer.concat(chunks));
      if (parsed.message?.kind !== 'status') throw new Error('not a status');
      expect(parsed.message.status.responseFor.organId).toBe(CODE.A);
      out.push([parsed.message.status.statusCode!, parsed.message.status.description]);
    }
    return out;
  }

  it('registers, assigns, processes and completes, sending 03, 04, 05, 06 to the sender', async () => {
    const id = await arrive(w, { subject: 'Công văn về dự toán ngân sách' });
    const arrived = await getDocument(w.p.db, w.actor('clerkB'), id);
    expect(arrived.state).toBe('arrived');
    expect(arrived.actions).toEqual(['register', 'reject']);

    const registered = await registerDocument(w.p, w.actor('clerkB'), id);
    expect(registered.state).toBe('registered');
    expect(registered.incomingNumber).toBeGreaterThan(0);
    expect(registered.actions).toEqual(['assign', 'reject']);

    const assigned = await assignDocument(w.p, w.actor('clerkB'), id, {
      department: 'Vụ Ngân sách nhà nước',
      assigneeId: w.ids.officer,
      note: 'Xử lý trước ngày 20/3',
    });
    expect(assigned.state).toBe('assigned');
    expect(assigned.department).toBe('Vụ Ngân sách nhà nước');
    expect(assigned.assignee).toEqual({ id: w.ids.officer, displayName: 'Nguyễn Văn Chuyên Viên' });

    // The assignee sees it and may only process or complete it.
    const asOfficer = await getDocument(w.p.db, w.actor('officer'), id);
    expect(asOfficer.actions).toEqual(['process', 'complete']);
    expect(await codeOf(rejectDocument(w.p, w.actor('officer'), id, { reason: 'x' }))).toBe('FORBIDDEN');

    const processing = await processDocument(w.p, w.actor('officer'), id, { note: 'Đang lấy ý kiến' });
    expect(processing.state).toBe('processing');
    const completed = await completeDocument(w.p, w.actor('officer'), id);
    expect(completed.state).toBe('completed');
    expect(completed.actions).toEqual([]);

    expect(completed.timeline.map((e) => e.statusCode)).toEqual(['01', '03', '04', '05', '06']);
    expect(completed.timeline.every((e) => e.agencyCode === CODE.B)).toBe(true);
    const statuses = await sentStatuses(id);
    expect(statuses.map(([c]) => c)).toEqual(['01', '03', '04', '05', '06']);
    expect(statuses[2]![1]).toContain('Vụ Ngân sách nhà nước');
    expect(statuses[2]![1]).toContain('Xử lý trước ngày 20/3');

    const audited = await w.p.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'exchange.document.register',
        'exchange.document.assign',
        'exchange.document.process',
        'exchange.document.complete',
      ]),
    );
  });

  it('numbers the register per office and year, and never twice for one document', async () => {
    const [a, b] = [await arrive(w), await arrive(w)];
    const first = await registerDocument(w.p, w.actor('clerkB'), a);
    const second = await registerDocument(w.p, w.actor('clerkB'), b);
    expect(second.incomingNumber).toBe(first.incomingNumber! + 1);
    expect(await codeOf(registerDocument(w.p, w.actor('clerkB'), a))).toBe('EXCHANGE_DOCUMENT_STATE');
    const [counter] = await w.p.db
      .select()
      .from(exchangeRegisterCounters)
      .where(eq(exchangeRegisterCounters.agencyCode, CODE.B));
    expect(counter).toMatchObject({ year: 2026, last: second.incomingNumber });
    // A second register changed nothing: no status sent, no number taken.
    expect((await sentStatuses(a)).map(([c]) => c)).toEqual(['01', '03']);
  });

  it('registers concurrent documents with distinct numbers and refuses a concurrent second register', async () => {
    const docs = [await arrive(w), await arrive(w), await arrive(w)];
    const results = await Promise.allSettled([
      ...docs.map((id) => registerDocument(w.p, w.actor('clerkB'), id)),
      registerDocument(w.p, w.actor('clerkB'), docs[0]!),
    ]);
    const numbers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.incomingNumber] : []));
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('refuses a document with the reason (02) until it is completed', async () => {
    const id = await arrive(w);
    expect(await codeOf(rejectDocument(w.p, w.actor('clerkB'), id, { reason: '  ' }))).toBe(
      'EXCHANGE_DOCUMENT_INVALID',
    );
    const rejected = await rejectDocument(w.p, w.actor('clerkB'), id, { reason: 'Gửi nhầm cơ quan' });
    expect(rejected.state).toBe('rejected');
    expect(rejected.actions).toEqual([]);
    expect((await sentStatuses(id)).at(-1)).toEqual([
      '02',
      'Từ chối không tiếp nhận văn bản điện tử: Gửi nhầm cơ quan',
    ]);
    expect(await codeOf(registerDocument(w.p, w.actor('clerkB'), id))).toBe('EXCHANGE_DOCUMENT_STATE');
  });

  it('assigns to a department or a known person only', async () => {
    const id = await arrive(w);
    await registerDocument(w.p, w.actor('clerkB'), id);
    expect(await codeOf(assignDocument(w.p, w.actor('clerkB'), id, {}))).toBe('EXCHANGE_DOCUMENT_INVALID');
    expect(
      await codeOf(
        assignDocument(w.p, w.actor('clerkB'), id, { assigneeId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toBe('EXCHANGE_ASSIGNEE_NOT_FOUND');
    const byDepartment = await assignDocument(w.p, w.actor('clerkB'), id, { department: 'Vụ Pháp chế' });
    expect(byDepartment.assignee).toBeNull();
    // Assigned to a department: the clerk records the progress for it.
    expect(byDepartment.actions).toEqual(['assign', 'process', 'complete', 'reject']);
  });

  it('answers for nobody outside the office: other clerks and officials get not found', async () => {
    const id = await arrive(w);
    for (const who of ['clerkA', 'clerkC', 'outsider'] as const) {
      expect(await codeOf(getDocument(w.p.db, w.actor(who), id))).toBe('EXCHANGE_DOCUMENT_NOT_FOUND');
      expect(await codeOf(registerDocument(w.p, w.actor(who), id))).toBe('EXCHANGE_DOCUMENT_NOT_FOUND');
    }
    const [doc] = await w.p.db.select().from(exchangeDocuments).where(eq(exchangeDocuments.id, id));
    expect(doc!.state).toBe('arrived');
    expect((await sentStatuses(id)).map(([c]) => c)).toEqual(['01']);
  });

  it('agrees to a revocation: the target document is revoked and 15 goes back', async () => {
    const target = await arrive(w);
    await registerDocument(w.p, w.actor('clerkB'), target);
    const [t] = await w.p.db.select().from(exchangeDocuments).where(eq(exchangeDocuments.id, target));
    const revocation = await insertChange(t!, '1');
    const view = await getDocument(w.p.db, w.actor('clerkB'), revocation);
    expect(view.actions).toEqual(['agree', 'refuse']);
    expect(await codeOf(registerDocument(w.p, w.actor('clerkB'), revocation))).toBe(
      'EXCHANGE_DOCUMENT_STATE',
    );
    const agreed = await agreeToChange(w.p, w.actor('clerkB'), revocation);
    expect(agreed.state).toBe('completed');
    expect((await getDocument(w.p.db, w.actor('clerkB'), target)).state).toBe('revoked');
    expect((await sentStatuses(revocation)).map(([c]) => c)).toEqual(['15']);
  });

  it('agrees to an update without touching the target, refuses another change with 16', async () => {
    const target = await arrive(w);
    const [t] = await w.p.db.select().from(exchangeDocuments).where(eq(exchangeDocuments.id, target));
    const update = await insertChange(t!, '2');
    await agreeToChange(w.p, w.actor('clerkB'), update);
    expect((await getDocument(w.p.db, w.actor('clerkB'), target)).state).toBe('arrived');
    const replacement = await insertChange(t!, '3');
    const refused = await refuseChange(w.p, w.actor('clerkB'), replacement, { reason: 'Đã xử lý xong' });
    expect(refused.state).toBe('rejected');
    expect((await getDocument(w.p.db, w.actor('clerkB'), target)).state).toBe('arrived');
    expect((await sentStatuses(replacement)).at(-1)?.[0]).toBe('16');
    const events = await w.p.db
      .select()
      .from(exchangeStatusEvents)
      .where(eq(exchangeStatusEvents.documentId, replacement));
    expect(events.map((e) => e.statusCode)).toEqual(['16']);
  });

  it('counts in the statistics a document completed by the end of its due day as on time, later as late', async () => {
    const stats = async () =>
      (await exchangeStats(w.p.db, w.actor('clerkB'), { from: '2026-03-01', to: '2026-03-31' })).items.find(
        (i) => i.agencyCode === CODE.B,
      )!;
    const before = await stats();
    const finish = async (dueDate: string, at: string) => {
      const id = await arrive(w, { dueDate });
      const clerk = { ...w.actor('clerkB'), now: new Date(at) };
      await registerDocument(w.p, clerk, id);
      await assignDocument(w.p, clerk, id, { department: 'Vụ Tổng hợp' });
      await completeDocument(w.p, clerk, id);
    };
    await finish('2026-03-13', '2026-03-13T16:59:00Z'); // 23:59 in Hà Nội on the due day
    await finish('2026-03-13', '2026-03-13T17:01:00Z'); // 00:01 the day after
    const after = await stats();
    expect(after).toMatchObject({
      name: 'Bộ Tài chính',
      level: 'central',
      inbound: before.inbound + 2,
      outbound: before.outbound,
      completed: before.completed + 2,
      onTime: before.onTime + 1,
    });
    expect((await exchangeStats(w.p.db, w.actor('outsider'), {})).items).toEqual([]);
    expect((await exchangeStats(w.p.db, w.actor('clerkA'), {})).items.map((i) => i.agencyCode)).toEqual([
      CODE.A,
    ]);
  });

  /** An incoming revocation/update/replacement of `target`, as the receiver stores one. */
  async function insertChange(
    target: typeof exchangeDocuments.$inferSelect,
    docType: string,
  ): Promise<string> {
    const id = crypto.randomUUID();
    await w.p.db.insert(exchangeDocuments).values({
      ...target,
      id,
      hubMessageId: crypto.randomUUID(),
      businessDocType: docType,
      targetDocumentId: target.documentId,
      state: 'arrived',
      incomingNumber: null,
    });
    return id;
  }
});
