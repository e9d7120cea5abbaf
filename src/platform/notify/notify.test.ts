import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { ensureBuiltinRoles, ensurePerson } from '../../modules/identity/index.js';
import { SYSTEM_CONTEXT } from '../audit/index.js';
import { jobs } from '../jobs/index.js';
import type { PlatformEvent } from '../events/index.js';
import { DELIVER_QUEUE, MAX_ATTEMPTS } from './delivery.js';
import type { SendInput } from './notify.service.js';
import { notifications } from './schema.js';
import { PlatformTemplates } from './templates.js';
import {
  startSmppServer,
  startSmtpServer,
  type SmppTestServer,
  type SmtpTestServer,
} from '../../../test/support/message-servers.js';

// Asymmetric matchers are typed `any`; typed as unknown they satisfy the type-aware lint.
const anyString: unknown = expect.any(String);
const matching = (re: RegExp): unknown => expect.stringMatching(re);
const containing = (s: string): unknown => expect.stringContaining(s);

const VI_SUBJECT = 'Giấy mời họp Chính phủ thường kỳ tháng 5 — Phòng họp số 1';
const VI_TEXT =
  'Kính gửi đồng chí Trần Thị Lan,\n\nVăn phòng Chính phủ trân trọng kính mời đồng chí dự phiên họp.';
const ICS =
  'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Họp Chính phủ\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

function helpers(p: TestPlatform) {
  return {
    send: <P>(input: SendInput<P>) => p.db.transaction((tx) => p.notify.send(tx, input)),
    row: async (id: string) => (await p.db.select().from(notifications).where(eq(notifications.id, id)))[0]!,
    jobFor: async (id: string) =>
      (
        await p.db
          .select()
          .from(jobs)
          .where(and(eq(jobs.queue, DELIVER_QUEUE), sql`${jobs.payload}->>'id' = ${id}`))
      )[0],
    count: async () => (await p.db.select({ id: notifications.id }).from(notifications)).length,
  };
}

async function person(p: TestPlatform, username: string, extra: { email?: string; phone?: string } = {}) {
  return p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    return ensurePerson(tx, SYSTEM_CONTEXT, { username, displayName: 'Trần Thị Lan', ...extra });
  });
}

describe('notifications through a real SMTP server and a real SMSC', () => {
  let smtp: SmtpTestServer;
  let smsc: SmppTestServer;
  let p: TestPlatform;
  let h: ReturnType<typeof helpers>;
  let lan: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    smsc = await startSmppServer();
    p = await testPlatform({
      SMTP_URL: smtp.url,
      SMPP_URL: smsc.url,
      MAIL_FROM: 'CPĐT <no-reply@cpdt.gov.vn>',
      SMPP_SOURCE_ADDR: 'CPDT',
    });
    h = helpers(p);
    lan = await person(p, 'lan', { email: 'lan@example.vn', phone: '0912 345 678' });
  });
  afterAll(async () => {
    await p.notify.close();
    await p.close();
    await smtp.close();
    await smsc.close();
  });

  it('e-mails a person in Vietnamese, with a calendar file, and records it sent', async () => {
    const [m] = await h.send({
      to: { personId: lan },
      channels: ['email'],
      template: PlatformTemplates.generic,
      params: { subject: VI_SUBJECT, text: VI_TEXT },
      attachments: [
        {
          filename: 'hop-chinh-phu.ics',
          contentType: 'text/calendar; method=REQUEST; charset=UTF-8',
          content: Buffer.from(ICS),
        },
      ],
    });
    expect(m).toMatchObject({ channel: 'email', state: 'queued', duplicate: false });
    expect(smtp.messages).toHaveLength(0); // stored and queued; the job delivers

    await p.jobs.drain();
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.to).toEqual(['lan@example.vn']);
    expect(mail.from).toBe('no-reply@cpdt.gov.vn');
    expect(mail.subject).toBe(VI_SUBJECT);
    expect(mail.text).toBe(VI_TEXT);
    expect(mail.html).toContain('Kính gửi đồng chí Trần Thị Lan,');
    expect(mail.headers['message-id']).toBe(`<${m!.id}@cpdt.gov.vn>`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'hop-chinh-phu.ics',
      contentType: 'text/calendar',
    });
    expect(mail.attachments[0]!.content.toString('utf8')).toBe(ICS);

    const row = await h.row(m!.id);
    expect(row).toMatchObject({
      state: 'sent',
      attempts: 1,
      lastError: null,
      address: 'lan@example.vn',
      locale: 'vi',
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.providerMessageId).toBe(`<${m!.id}@cpdt.gov.vn>`);
  });

  it('texts a person in Vietnamese as UCS-2 and records it sent', async () => {
    smsc.submits.length = 0;
    const [m] = await h.send({
      to: { personId: lan },
      channels: ['sms'],
      template: 'platform.test',
      params: {},
    });
    await p.jobs.drain();
    expect(smsc.submits).toHaveLength(1);
    const s = smsc.submits[0]!;
    expect(s).toMatchObject({
      systemId: 'cpdt',
      sourceAddr: 'CPDT',
      destinationAddr: '84912345678',
      dataCoding: 8,
      concat: null,
      text: 'CPĐT: tin nhắn kiểm tra. Kênh gửi đang hoạt động.',
    });
    const row = await h.row(m!.id);
    expect(row).toMatchObject({
      state: 'sent',
      attempts: 1,
      address: '+84912345678',
      providerMessageId: matching(/^M\d+$/),
    });
  });

  it('splits a long Vietnamese SMS into concatenated UCS-2 parts that join back exactly', async () => {
    smsc.submits.length = 0;
    const text =
      'Thông báo: Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành gửi báo cáo tổng kết năm trước ngày 15/12. '
        .repeat(3)
        .trim();
    expect(text.length).toBeGreaterThan(134);
    const [m] = await h.send({
      to: { phone: '+84 912 000 111' },
      channels: ['sms'],
      template: PlatformTemplates.generic,
      params: { subject: 'Báo cáo', text },
    });
    await p.jobs.drain();
    const parts = smsc.submits;
    expect(parts).toHaveLength(Math.ceil(text.length / 67));
    for (const part of parts) {
      expect(part).toMatchObject({ dataCoding: 8, destinationAddr: '84912000111', viaPayload: false });
      expect(part.esmClass & 0x40).toBe(0x40);
      expect(part.concat).toMatchObject({ total: parts.length, ref: parts[0]!.concat!.ref });
      expect(part.text.length).toBeLessThanOrEqual(67);
    }
    expect(smsc.texts()).toEqual([text]);
    expect((await h.row(m!.id)).providerMessageId!.split(',')).toHaveLength(parts.length);
  });

  it('sends plain ASCII text in the default alphabet', async () => {
    smsc.submits.length = 0;
    await h.send({
      to: { phone: '0912000222' },
      channels: ['sms'],
      template: PlatformTemplates.generic,
      params: { subject: 's', text: 'Ma OTP: 123456. Het han sau 5 phut.' },
    });
    await p.jobs.drain();
    expect(smsc.submits[0]).toMatchObject({ dataCoding: 0, text: 'Ma OTP: 123456. Het han sau 5 phut.' });
  });

  it('does not send again when a delivered job runs a second time (crash after sending)', async () => {
    const before = smtp.messages.length;
    const [m] = await h.send({
      to: { email: 'nam@example.vn' },
      channels: ['email'],
      template: 'platform.test',
    });
    await p.jobs.drain();
    expect(smtp.messages.length).toBe(before + 1);
    // The runner died after the message was recorded sent but before the job was marked done.
    await p.db
      .update(jobs)
      .set({ state: 'queued', runAt: p.clock.now(), finishedAt: null, lockedBy: null })
      .where(sql`${jobs.payload}->>'id' = ${m!.id}`);
    expect(await p.jobs.drain()).toBe(1);
    expect(smtp.messages.length).toBe(before + 1);
    expect(await h.row(m!.id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('marks a message the relay refuses for good failed at once, without retrying', async () => {
    const [m] = await h.send({
      to: { email: 'reject-me@example.vn' },
      channels: ['email'],
      template: 'platform.test',
    });
    await p.jobs.drain();
    const row = await h.row(m!.id);
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/550/);
    expect((await h.jobFor(m!.id))?.state).toBe('done');
  });

  it('retries SMSC throttling, and fails a destination the SMSC refuses', async () => {
    smsc.failNextWith(0x58); // ESME_RTHROTTLED
    const [a] = await h.send({ to: { phone: '0912000333' }, channels: ['sms'], template: 'platform.test' });
    await p.jobs.drain();
    expect(await h.row(a!.id)).toMatchObject({ state: 'queued', attempts: 1, lastError: matching(/0x58/) });
    p.clock.advance(60 * 60_000);
    await p.jobs.drain();
    expect(await h.row(a!.id)).toMatchObject({ state: 'sent', attempts: 2, lastError: null });

    smsc.failNextWith(0x0b); // ESME_RINVDSTADR
    const [b] = await h.send({ to: { phone: '0912000444' }, channels: ['sms'], template: 'platform.test' });
    await p.jobs.drain();
    expect(await h.row(b!.id)).toMatchObject({ state: 'failed', attempts: 1, lastError: matching(/0x0b/) });
  });

  it('binds again after the SMSC dropped the session', async () => {
    const binds = smsc.binds;
    smsc.dropSessions();
    await new Promise((r) => setTimeout(r, 50));
    const [m] = await h.send({ to: { phone: '0912000555' }, channels: ['sms'], template: 'platform.test' });
    await p.jobs.drain();
    expect(await h.row(m!.id)).toMatchObject({ state: 'sent' });
    expect(smsc.binds).toBe(binds + 1);
  });

  it('sends a message with a dedupe key once, per channel', async () => {
    const before = smtp.messages.length;
    const input = {
      to: { personId: lan },
      channels: ['email', 'inapp'] as const,
      template: 'platform.test',
      dedupeKey: `reminder:meeting-1:${lan}:24h`,
    };
    const first = await h.send({ ...input, channels: [...input.channels] });
    const second = await h.send({ ...input, channels: [...input.channels] });
    expect(first.map((m) => m.duplicate)).toEqual([false, false]);
    expect(second.map((m) => m.duplicate)).toEqual([true, true]);
    expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id));
    await p.jobs.drain();
    expect(smtp.messages.length).toBe(before + 1);
  });

  it('records a channel the person has no address for as failed and still sends the others', async () => {
    const noPhone = await person(p, 'khong-so', { email: 'khongso@example.vn' });
    const sent = await h.send({
      to: { personId: noPhone },
      channels: ['email', 'sms'],
      template: 'platform.test',
    });
    expect(sent.map((m) => [m.channel, m.state])).toEqual([
      ['email', 'queued'],
      ['sms', 'failed'],
    ]);
    expect(await h.row(sent[1]!.id)).toMatchObject({ address: null, lastError: 'NOTIFY_NO_ADDRESS' });
    await p.jobs.drain();
    expect(await h.row(sent[0]!.id)).toMatchObject({ state: 'sent' });
  });

  it('stores an in-app message, then marks it sent and pushes it to the person', async () => {
    const events: PlatformEvent[] = [];
    const off = p.events.subscribe(lan, (e) => events.push(e));
    const [m] = await h.send({
      to: { personId: lan },
      channels: ['inapp'],
      template: PlatformTemplates.generic,
      params: { subject: 'Có văn bản mới', text: 'Đồng chí có 1 văn bản đến cần xử lý.' },
    });
    expect(events).toHaveLength(0); // nothing is pushed before the transaction committed and the job ran
    expect((await p.notify.inbox(lan)).items.map((i) => i.id)).toContain(m!.id);
    await p.jobs.drain();
    off();
    expect(events).toEqual([
      {
        type: 'notify.inapp',
        audience: lan,
        data: {
          id: m!.id,
          subject: 'Có văn bản mới',
          body: 'Đồng chí có 1 văn bản đến cần xử lý.',
          createdAt: anyString,
        },
      },
    ]);
    expect(await h.row(m!.id)).toMatchObject({ state: 'sent', address: lan });
  });

  it('renders in English for an English reader', async () => {
    const [m] = await h.send({
      to: { email: 'guest@example.com', locale: 'en' },
      channels: ['email'],
      template: 'platform.test',
    });
    expect(await h.row(m!.id)).toMatchObject({ locale: 'en', subject: 'Test message' });
  });

  it('refuses bad input with a code and stores nothing', async () => {
    const before = await h.count();
    const base = { to: { personId: lan }, channels: ['email' as const], template: 'platform.test' };
    const cases: [SendInput<unknown>, string][] = [
      [{ ...base, template: 'no.such.template' }, 'NOTIFY_UNKNOWN_TEMPLATE'],
      [{ ...base, template: 'platform.generic', params: { subject: '' } }, 'NOTIFY_TEMPLATE_PARAMS_INVALID'],
      [{ ...base, channels: [] }, 'NOTIFY_NO_CHANNEL'],
      [{ ...base, to: {} }, 'NOTIFY_NO_RECIPIENT'],
      [{ ...base, to: { personId: '00000000-0000-4000-8000-000000000000' } }, 'NOTIFY_RECIPIENT_NOT_FOUND'],
      [{ ...base, to: { email: 'a@b.vn' }, channels: ['email', 'inapp'] }, 'NOTIFY_INAPP_NEEDS_PERSON'],
      [{ ...base, to: { email: 'not an address' } }, 'NOTIFY_BAD_ADDRESS'],
      [{ ...base, to: { phone: '12' }, channels: ['sms'] }, 'NOTIFY_BAD_ADDRESS'],
      [
        { ...base, attachments: [{ filename: '../x.ics', contentType: 'text/calendar', content: 'QQ==' }] },
        'NOTIFY_BAD_ATTACHMENT',
      ],
      [
        {
          ...base,
          attachments: [{ filename: 'x.ics', contentType: 'text/calendar', content: 'not base64!' }],
        },
        'NOTIFY_BAD_ATTACHMENT',
      ],
    ];
    for (const [input, code] of cases) await expect(h.send(input), code).rejects.toMatchObject({ code });
    expect(await h.count()).toBe(before);
  });
});

describe('without transports: the outbox', () => {
  let p: TestPlatform;
  let h: ReturnType<typeof helpers>;
  beforeAll(async () => {
    p = await testPlatform();
    h = helpers(p);
  });
  afterAll(() => p.close());

  it('keeps e-mail and SMS in the outbox, not retried, and still delivers in-app', async () => {
    const lan = await person(p, 'lan', { email: 'lan@example.vn', phone: '0912345678' });
    const sent = await h.send({
      to: { personId: lan },
      channels: ['email', 'sms', 'inapp'],
      template: 'platform.test',
    });
    expect(sent.map((m) => [m.channel, m.state])).toEqual([
      ['email', 'outbox'],
      ['sms', 'outbox'],
      ['inapp', 'queued'],
    ]);
    expect(await h.jobFor(sent[0]!.id)).toBeUndefined();
    expect(await h.jobFor(sent[1]!.id)).toBeUndefined();
    expect(await p.jobs.drain()).toBe(1);
    expect(await h.row(sent[0]!.id)).toMatchObject({
      state: 'outbox',
      attempts: 0,
      body: containing('thư kiểm tra'),
    });
    expect(await h.row(sent[2]!.id)).toMatchObject({ state: 'sent' });
    const listed = await p.notify.outbox({ state: 'outbox' });
    expect(listed.map((m) => m.id).sort()).toEqual([sent[0]!.id, sent[1]!.id].sort());
  });
});

describe('when the SMTP relay is down', () => {
  let p: TestPlatform;
  let h: ReturnType<typeof helpers>;
  beforeAll(async () => {
    const gone = await startSmtpServer();
    await gone.close(); // a port nobody listens on any more
    p = await testPlatform({ SMTP_URL: gone.url });
    h = helpers(p);
  });
  afterAll(() => p.close());

  it('retries with back-off, then records the failure with the last error', async () => {
    const [m] = await h.send({
      to: { email: 'lan@example.vn' },
      channels: ['email'],
      template: 'platform.test',
    });
    await p.jobs.drain();
    let row = await h.row(m!.id);
    expect(row).toMatchObject({ state: 'queued', attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(await p.jobs.drain()).toBe(0); // not due yet: the runner backs off

    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      p.clock.advance(2 * 60 * 60_000);
      await p.jobs.drain();
    }
    row = await h.row(m!.id);
    expect(row).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect((await h.jobFor(m!.id))?.state).toBe('dead');
  });
});
