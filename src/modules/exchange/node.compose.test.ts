import crypto from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEdxmlSync, validateEdxml, type Edoc } from './edxml/index.js';
import { composeOutbound, recallOutbound } from './node.compose.js';
import { seedExchangeDemo } from './node.demo.js';
import { persons } from '../identity/schema.js';
import { actingAgencies } from './node.policy.js';
import { getDocument, listDocuments } from './node.documents.js';
import { receiveEnvelope } from './node.receive.js';
import { CODE, deliver, nodeWorld, onePagePdf, outboundInput, type NodeWorld } from './node.test-helpers.js';
import { agreeToChange, registerDocument } from './node.workflow.js';
import { exchangeDocuments, exchangeOutbox } from './schema.js';

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'no error';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

async function read(w: NodeWorld, sha: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await w.p.files.open(sha)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('outgoing documents', () => {
  let w: NodeWorld;
  let pdf: Buffer;

  beforeAll(async () => {
    w = await nodeWorld();
    pdf = await onePagePdf();
  }, 60_000);
  afterAll(async () => {
    await w.p.close();
  });

  async function queuedEdoc(documentId: string): Promise<{ edoc: Edoc; toCodes: string[]; xml: Buffer }> {
    const [q] = await w.p.db
      .select()
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.documentId, documentId), eq(exchangeOutbox.kind, 'edoc')));
    const xml = await read(w, q!.envelopeSha256);
    const parsed = parseEdxmlSync(xml);
    if (parsed.message?.kind !== 'edoc') throw new Error('not an edoc');
    return { edoc: parsed.message.edoc, toCodes: q!.toCodes, xml };
  }

  it('composes a document: stored, addressed, and its edXML envelope queued for the hub', async () => {
    const input = outboundInput({
      codeNumber: '7816',
      recipients: [CODE.B, CODE.C],
      content: 'Đề nghị các cơ quan phối hợp.',
      signerCompetence: 'KT. BỘ TRƯỞNG',
    });
    const doc = await composeOutbound(w.p, w.actor('clerkA'), input, pdf, { fileName: 'cong-van.pdf' });
    expect(doc).toMatchObject({
      direction: 'outbound',
      state: 'sending',
      agencyCode: CODE.A,
      fromCode: CODE.A,
      fromName: 'Văn phòng Chính phủ',
      documentId: `${CODE.A},2026/03/10,7816/VPCP-TTĐT`,
      promulgationDate: '2026-03-10',
      dueDate: '2026-03-20',
      priority: 1,
      actions: ['recall'],
    });
    expect(doc.recipients.map((r) => [r.code, r.name])).toEqual([
      [CODE.B, 'Bộ Tài chính'],
      [CODE.C, 'Ủy ban nhân dân tỉnh Nghệ An'],
    ]);
    expect(doc.attachments).toEqual([
      { position: 0, name: 'cong-van.pdf', size: pdf.length, mediaType: 'application/pdf' },
    ]);

    const { edoc, toCodes } = await queuedEdoc(doc.id);
    expect(toCodes).toEqual([CODE.B, CODE.C]);
    expect(validateEdxml({ kind: 'edoc', edoc }).filter((i) => i.severity === 'error')).toEqual([]);
    expect(edoc.from.organId).toBe(CODE.A);
    expect(edoc.to.map((t) => t.organId)).toEqual([CODE.B, CODE.C]);
    expect(edoc.documentId).toBe(doc.documentId);
    expect(edoc.code).toMatchObject({ number: '7816', notation: 'VPCP-TTĐT' });
    expect(edoc.promulgation).toMatchObject({ place: 'Hà Nội', date: '2026/03/10' });
    expect(edoc.dueDate).toBe('2026/03/20');
    expect(edoc.signer).toMatchObject({ competence: 'KT. BỘ TRƯỞNG', fullName: 'Nguyễn Văn Ký' });
    expect(edoc.traces).toHaveLength(1);
    expect(edoc.traces[0]).toMatchObject({ organId: CODE.A, timestamp: '2026/03/10 10:00:00' });
    expect(edoc.business).toMatchObject({ docType: '0' });
    expect(edoc.otherInfo?.priority).toBe('1');
    expect(edoc.attachments.map((a) => a.name)).toEqual(['cong-van.pdf']);
  });

  it('arrives at the recipient with its file, and the recipient’s statuses come back to the sender', async () => {
    const sent = await composeOutbound(w.p, w.actor('clerkA'), outboundInput(), pdf);
    const inbound = await deliver(w, sent.id, 'B');
    const received = await getDocument(w.p.db, w.actor('clerkB'), inbound);
    expect(received).toMatchObject({
      direction: 'inbound',
      state: 'arrived',
      documentId: sent.documentId,
      subject: sent.subject,
      promulgationDate: '2026-03-10',
    });
    expect(received.attachments).toHaveLength(1);
    expect(received.attachments[0]!.size).toBe(pdf.length);
    // Envelopes are not sealed in these tests (EXCHANGE_SIGN off), and the test PDF carries no signature.
    expect(received.verification).toMatchObject({
      envelope: 'absent',
      files: [{ name: received.attachments[0]!.name, signed: false, valid: false }],
    });

    await registerDocument(w.p, w.actor('clerkB'), inbound);
    // The hub carries B's statuses (01, 03) back to A.
    const statuses = await w.p.db
      .select()
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.documentId, inbound), eq(exchangeOutbox.kind, 'status')));
    for (const s of statuses)
      await receiveEnvelope(w.p, {
        agencyCode: CODE.A,
        hubMessageId: crypto.randomUUID(),
        envelope: await read(w, s.envelopeSha256),
      });
    const back = await getDocument(w.p.db, w.actor('clerkA'), sent.id);
    expect(back.timeline.map((e) => [e.agencyCode, e.statusCode])).toEqual([
      [CODE.B, '01'],
      [CODE.B, '03'],
    ]);
    expect(back.recipients[0]).toMatchObject({ code: CODE.B, statusCode: '03' });
  });

  it('finds documents ignoring diacritics, by subject, number/notation and sender', async () => {
    await composeOutbound(
      w.p,
      w.actor('clerkA'),
      outboundInput({ codeNumber: '4242', subject: 'Công văn về kế hoạch chuyển đổi số năm 2026' }),
      pdf,
    );
    const find = async (q: string) =>
      (await listDocuments(w.p.db, w.actor('clerkA'), { direction: 'outbound', q })).items.map(
        (d) => d.codeNumber,
      );
    expect(await find('cong van ve ke hoach chuyen doi')).toEqual(['4242']);
    expect(await find('CHUYỂN ĐỔI SỐ')).toEqual(['4242']);
    expect(await find('4242/vpcp-ttdt')).toEqual(['4242']);
    expect(await find('khong co van ban nay')).toEqual([]);
    expect((await find('van phong chinh phu')).length).toBeGreaterThan(1);
    // Another office's clerk does not see A's outgoing documents.
    expect((await listDocuments(w.p.db, w.actor('clerkB'), { direction: 'outbound' })).total).toBe(0);
  });

  it('refuses bad input with coded errors and writes nothing', async () => {
    const before = await counts();
    const cases: [string, () => Promise<unknown>][] = [
      ['EXCHANGE_RECIPIENT_INVALID', () => compose({ recipients: [] })],
      ['EXCHANGE_RECIPIENT_INVALID', () => compose({ recipients: ['not a code'] })],
      ['EXCHANGE_RECIPIENT_INVALID', () => compose({ recipients: [CODE.B, CODE.B.toLowerCase()] })],
      ['EXCHANGE_RECIPIENT_INVALID', () => compose({ recipients: [CODE.A] })],
      ['EXCHANGE_DOCUMENT_INVALID', () => compose({ promulgationDate: '2026-02-30' })],
      ['EXCHANGE_DOCUMENT_INVALID', () => compose({ dueDate: '2026-03-01' })],
      ['EXCHANGE_DOCUMENT_INVALID', () => compose({ priority: 5 })],
      ['EXCHANGE_DOCUMENT_INVALID', () => compose({ codeNumber: 'abc' })],
      ['EXCHANGE_DOCUMENT_INVALID', () => compose({ subject: '   ' })],
      ['EXCHANGE_DOCUMENT_FILE_NOT_PDF', () => compose({}, Buffer.from('<html>not a pdf</html>'))],
      ['EXCHANGE_NODE_AGENCY_NOT_FOUND', () => compose({ fromCode: CODE.B })],
      ['FORBIDDEN', () => composeOutbound(w.p, w.actor('outsider'), outboundInput(), pdf)],
    ];
    for (const [expected, attempt] of cases)
      expect([expected, await codeOf(attempt())]).toEqual([expected, expected]);
    expect(await counts()).toEqual(before);

    // A node without a hub (none configured, its own turned off) cannot send: refused, nothing kept.
    const config = w.p.config as { EXCHANGE_HUB: string };
    config.EXCHANGE_HUB = 'off';
    try {
      expect(await codeOf(compose({ codeNumber: '4243' }))).toBe('EXCHANGE_NODE_OFF');
    } finally {
      config.EXCHANGE_HUB = 'on';
    }
    // A file whose envelope (base64, a third larger) the hub would not read is refused before anything is queued.
    const limits = w.p.config as { EXCHANGE_MAX_ENVELOPE_BYTES: number };
    const hubLimit = limits.EXCHANGE_MAX_ENVELOPE_BYTES;
    limits.EXCHANGE_MAX_ENVELOPE_BYTES = Math.ceil(pdf.length * 1.2); // the PDF fits, its envelope does not
    try {
      await expect(compose({ codeNumber: '4244' })).rejects.toMatchObject({
        code: 'EXCHANGE_DOCUMENT_INVALID',
        details: { field: 'file', reason: 'envelope too large' },
      });
    } finally {
      limits.EXCHANGE_MAX_ENVELOPE_BYTES = hubLimit;
    }
    expect(await counts()).toEqual(before);

    const input = outboundInput();
    await composeOutbound(w.p, w.actor('clerkA'), input, pdf);
    expect(await codeOf(composeOutbound(w.p, w.actor('clerkA'), input, pdf))).toBe(
      'EXCHANGE_DOCUMENT_DUPLICATE',
    );
  });

  it('takes optional fields left blank in the form as absent', async () => {
    const doc = await composeOutbound(
      w.p,
      w.actor('clerkA'),
      { ...outboundInput(), dueDate: '', content: ' ', signerCompetence: '' },
      pdf,
    );
    expect(doc.dueDate).toBeNull();
    const { edoc } = await queuedEdoc(doc.id);
    expect([edoc.dueDate, edoc.content, edoc.signer?.competence]).toEqual([undefined, undefined, undefined]);
  });

  it('recalls a sent document once: a revocation to the recipients, who agree', async () => {
    const sent = await composeOutbound(w.p, w.actor('clerkA'), outboundInput(), pdf);
    const inbound = await deliver(w, sent.id, 'B');
    expect(await codeOf(recallOutbound(w.p, w.actor('clerkB'), sent.id, { reason: 'x' }))).toBe(
      'EXCHANGE_DOCUMENT_NOT_FOUND',
    );
    expect(await codeOf(recallOutbound(w.p, w.actor('clerkA'), sent.id, { reason: ' ' }))).toBe(
      'EXCHANGE_DOCUMENT_INVALID',
    );
    const recalled = await recallOutbound(w.p, w.actor('clerkA'), sent.id, { reason: 'Sai số liệu phụ lục' });
    expect(recalled.actions).toEqual([]);
    expect(recalled.timeline.at(-1)).toMatchObject({
      agencyCode: CODE.A,
      statusCode: '13',
      description: 'Yêu cầu thu hồi văn bản điện tử: Sai số liệu phụ lục',
    });
    expect(await codeOf(recallOutbound(w.p, w.actor('clerkA'), sent.id, { reason: 'again' }))).toBe(
      'EXCHANGE_DOCUMENT_STATE',
    );

    const [recallRow] = await w.p.db
      .select()
      .from(exchangeDocuments)
      .where(
        and(
          eq(exchangeDocuments.targetDocumentId, sent.documentId),
          eq(exchangeDocuments.direction, 'outbound'),
        ),
      );
    const { edoc, toCodes } = await queuedEdoc(recallRow!.id);
    expect(toCodes).toEqual([CODE.B]);
    expect(edoc.business).toMatchObject({
      docType: '1',
      documentId: sent.documentId,
      reason: 'Sai số liệu phụ lục',
    });

    // At B: the revocation arrives, the clerk agrees, the document is revoked and A hears 15.
    const revocation = await deliver(w, recallRow!.id, 'B');
    const atB = await getDocument(w.p.db, w.actor('clerkB'), revocation);
    expect(atB).toMatchObject({
      businessDocType: '1',
      targetDocumentId: sent.documentId,
      changeReason: 'Sai số liệu phụ lục',
      actions: ['agree', 'refuse'],
    });
    // Until its recipients agree, the recall is a request: the original is not revoked at the sender.
    expect((await getDocument(w.p.db, w.actor('clerkA'), sent.id)).state).not.toBe('revoked');
    await agreeToChange(w.p, w.actor('clerkB'), revocation);
    expect((await getDocument(w.p.db, w.actor('clerkB'), inbound)).state).toBe('revoked');
    const [answer] = await w.p.db
      .select()
      .from(exchangeOutbox)
      .where(and(eq(exchangeOutbox.documentId, revocation), eq(exchangeOutbox.kind, 'status')))
      .orderBy(exchangeOutbox.id)
      .offset(1);
    await receiveEnvelope(w.p, {
      agencyCode: CODE.A,
      hubMessageId: crypto.randomUUID(),
      envelope: await read(w, answer!.envelopeSha256),
    });
    const atA = await getDocument(w.p.db, w.actor('clerkA'), sent.id);
    expect(atA.timeline.map((e) => e.statusCode)).toContain('15');
    // Its only recipient agreed: the original is revoked at the sender too.
    expect(atA.state).toBe('revoked');
  });

  it('seeds the demo once: two clerks, two letters from the Government Office to the Ministry of Finance', async () => {
    const lines = await seedExchangeDemo(w.p);
    expect(lines.join('\n')).toMatch(/vanthu\.vpcp.*Demo@2026/);
    expect(lines.join('\n')).toMatch(/vanthu\.btc/);
    await seedExchangeDemo(w.p);
    const letters = await w.p.db
      .select()
      .from(exchangeDocuments)
      .where(
        and(eq(exchangeDocuments.codeNotation, 'VPCP-KTTH'), eq(exchangeDocuments.direction, 'outbound')),
      );
    expect(letters).toHaveLength(2);
    expect(letters.every((l) => l.agencyCode === CODE.A && l.state === 'sending')).toBe(true);
    const [btc] = await w.p.db.select().from(persons).where(eq(persons.username, 'vanthu.btc'));
    const actor = { ...w.actor('clerkB'), personId: btc!.id, agencyId: btc!.agencyId };
    expect((await actingAgencies(w.p.db, actor)).map((a) => a.code)).toEqual([CODE.B]);
    // The letters reach the Ministry's register.
    const inbound = await deliver(w, letters[0]!.id, 'B');
    const seen = await getDocument(w.p.db, actor, inbound);
    expect(seen.attachments[0]!.mediaType).toBe('application/pdf');
  });

  function compose(overrides: Parameters<typeof outboundInput>[0], file: Buffer = pdf) {
    return composeOutbound(w.p, w.actor('clerkA'), outboundInput(overrides), file);
  }

  async function counts() {
    const [d] = await w.p.db.select({ n: count() }).from(exchangeDocuments);
    const [o] = await w.p.db.select({ n: count() }).from(exchangeOutbox);
    return [Number(d!.n), Number(o!.n)];
  }
});

describe('outgoing documents with the seal', () => {
  let w: NodeWorld;
  beforeAll(async () => {
    w = await nodeWorld({ EXCHANGE_SIGN: 'on' });
  }, 60_000);
  afterAll(async () => {
    await w.p.close();
  });

  it('seals the envelope, and the recipient finds the seal valid', async () => {
    const sent = await composeOutbound(w.p, w.actor('clerkA'), outboundInput(), await onePagePdf());
    const inbound = await deliver(w, sent.id, 'B');
    const received = await getDocument(w.p.db, w.actor('clerkB'), inbound);
    expect(received.verification?.envelope).toBe('valid');
  });
});
