import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRuleProfile } from '../../../test/support/cabinet.js';
import { errorCodeOf } from '../../../test/support/errors.js';
import { signedIn, TEST_PASSWORD } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { auditLog, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { createHttpApp } from '../../platform/http/index.js';
import { cabinetModule } from '../cabinet/index.js';
import { bodies, bodyMembers, conclusions, meetings, participants } from '../cabinet/schema.js';
import {
  ensureBuiltinRoles,
  ensurePerson,
  identityModule,
  Permissions,
  sessionActorResolver,
} from '../identity/index.js';
import { agencies, roles } from '../identity/schema.js';
import { dispatchRoutes } from './dispatch.routes.js';
import { parseEdxmlSync } from './edxml/index.js';
import { createSystem, hostAgencies } from './hub.systems.js';
import { addNodeAgency } from './node.agencies.js';
import { getDocument } from './node.documents.js';
import type { NodeActor } from './node.policy.js';
import { syncRound } from './node.sync.js';
import { LOCAL_SYSTEM_ID, LocalHubClient } from './node.transport.js';
import {
  exchangeAttachments,
  exchangeDocuments,
  exchangeOutbox,
  exchangeRecipients,
  exchangeStatusEvents,
} from './schema.js';

/**
 * Sending e-Cabinet objects through the axis: the Government Office (A, G22) and the Ministry of Finance (B,
 * G12) are this node's agencies, a province (C, H41) is in the registry but not on this node. The body of A
 * met and its notice is issued; A's ballot is closed with its sealed result. The envelopes are sealed
 * (EXCHANGE_SIGN on) and travel through this deployment's own hub to B.
 */

const CODE = { A: '000.00.00.G22', B: '000.00.00.G12', C: '000.00.00.H41' } as const;
type Office = keyof typeof CODE;

/** Tuesday 10 March 2026, 10:00 in Hà Nội: the meeting ended this morning, the ballot goes out. */
const START = new Date('2026-03-10T03:00:00Z');
/** Monday 16 March 2026, 10:00 in Hà Nội: the ballot's deadline (Friday 13, 17:00) has passed. */
const LATER = new Date('2026-03-16T03:00:00Z');

const PEOPLE = {
  // The Government Office's meeting office who is also its documents clerk: dispatches.
  officeA: { name: 'Lê Thị Văn Phòng', agency: 'A', roles: ['meeting_office', 'documents_clerk'] },
  leaderA: { name: 'Phạm Văn Lãnh Đạo', agency: 'A', roles: ['test_dispatch_leader'] },
  // The clerk alone cannot read the meeting; the office alone may not send documents.
  clerkA: { name: 'Đinh Thị Văn Thư', agency: 'A', roles: ['documents_clerk'] },
  officeOnlyA: { name: 'Trịnh Văn Chuẩn Bị', agency: 'A', roles: ['meeting_office'] },
  chair: { name: 'Nguyễn Đức Chủ Trì', agency: 'A', roles: ['official'] },
  member: { name: 'Trần Quốc Thành Viên', agency: 'A', roles: ['official'] },
  // Another agency's office and clerk: A's objects do not exist for them.
  officeB: { name: 'Đỗ Văn Bộ Tài Chính', agency: 'B', roles: ['meeting_office', 'documents_clerk'] },
  clerkB: { name: 'Trần Văn Tiếp Nhận', agency: 'B', roles: ['documents_clerk'] },
  // A province this node does not host.
  officeC: { name: 'Phạm Thị Nghệ An', agency: 'C', roles: ['meeting_office', 'documents_clerk'] },
  // Every agency's clerk and office (identity.scope.all): may act for B, which does not issue A's notice.
  national: { name: 'Vũ Văn Toàn Quốc', agency: 'A', roles: ['test_dispatch_national'] },
} as const;
type Who = keyof typeof PEOPLE;
const username = (who: Who) => `dp-${who.toLowerCase()}`;

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Detail {
  id: string;
  direction: string;
  state: string;
  agencyCode: string;
  documentId: string;
  codeNumber: string;
  codeNotation: string;
  typeName: string;
  subject: string;
  promulgationDate: string;
  signerName: string;
  signerPosition: string;
  recipients: { code: string; name: string | null }[];
  attachments: { position: number; name: string; size: number; mediaType: string }[];
  verification: { envelope: string; files: { signed: boolean; valid: boolean }[] } | null;
}
interface Result {
  created: boolean;
  document: Detail;
}

describe('dispatching e-Cabinet objects through the exchange axis', () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  const ids = {} as Record<Who, string>;
  const agencyIds = {} as Record<Office, string>;
  const cookies = {} as Record<Who, string>;
  let conclusionId: string;
  let draftConclusionId: string;
  let conclusionC: string;
  let closedBallot: string;
  let openBallot: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-dispatch-'));

  const signInAll = async () => {
    for (const who of Object.keys(PEOPLE) as Who[])
      cookies[who] = await signedIn(app, p, username(who), [...PEOPLE[who].roles]);
  };
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload ? { payload } : {}) });
  const ok = async <T>(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await call(who, method, url, payload);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const actor = (who: Who): NodeActor => ({
    personId: ids[who],
    displayName: PEOPLE[who].name,
    agencyId: agencyIds[PEOPLE[who].agency],
    permissions: new Set([Permissions.manageDocuments]),
    audit: { actorId: ids[who], agencyId: agencyIds[PEOPLE[who].agency], ip: null, requestId: null },
    now: p.clock.now(),
  });

  /** An ended meeting of a body of `office` chaired by `chair`, with the chair and a member taking part. */
  async function meetingOf(office: Office, code: string, profileCode: string): Promise<string> {
    const [body] = await p.db
      .insert(bodies)
      .values({
        code,
        nameVi: code === 'CP-DP' ? 'Chính phủ' : `Cơ quan họp ${code}`,
        kind: code === 'CP-DP' ? 'government' : 'province_pc',
        agencyId: agencyIds[office],
        ruleProfileCode: profileCode,
      })
      .returning({ id: bodies.id });
    const seat = (personId: string, role: 'chair' | 'member', rank: number, titleVi: string) => ({
      bodyId: body!.id,
      personId,
      role,
      titleVi,
      voting: true,
      rank,
      validFrom: '2020-01-01',
    });
    await p.db
      .insert(bodyMembers)
      .values([
        seat(ids.chair, 'chair', 1, 'Thủ tướng Chính phủ'),
        seat(ids.member, 'member', 2, 'Phó Thủ tướng Chính phủ'),
      ]);
    const [profile] = await p.db.select().from(bodies).where(eq(bodies.id, body!.id));
    const [m] = await p.db
      .insert(meetings)
      .values({
        bodyId: body!.id,
        ruleProfileId: (await profileId(profileCode))!,
        title: `Phiên họp Chính phủ thường kỳ tháng 3 năm 2026 (${profile!.code})`,
        kind: 'regular',
        status: 'ended',
        plannedStart: new Date('2026-03-10T01:00:00Z'),
        plannedEnd: new Date('2026-03-10T02:30:00Z'),
        actualStart: new Date('2026-03-10T01:00:00Z'),
        actualEnd: new Date('2026-03-10T02:30:00Z'),
        location: 'Phòng họp Chính phủ',
        chairId: ids.chair,
        papersDueOn: '2026-03-05',
        createdBy: ids.chair,
      })
      .returning({ id: meetings.id });
    await p.db.insert(participants).values([
      { meetingId: m!.id, personId: ids.chair, role: 'chair', voting: true, attendance: 'checked_in' },
      { meetingId: m!.id, personId: ids.member, role: 'member', voting: true, attendance: 'checked_in' },
    ]);
    return m!.id;
  }
  const profiles = new Map<string, string>();
  const profileId = async (code: string) => {
    if (!profiles.has(code)) profiles.set(code, await insertRuleProfile(p.db, code));
    return profiles.get(code);
  };

  /** Drafts the meeting's notice as `who` and, unless `draft`, issues it under `reference`. */
  async function notice(who: Who, meetingId: string, reference: string | null): Promise<string> {
    const url = `/api/cabinet/meetings/${meetingId}/conclusion`;
    const c = await ok<{ id: string; revision: number }>(who, 'PUT', url, {
      title: 'Kết luận của Thủ tướng Chính phủ tại Phiên họp Chính phủ thường kỳ tháng 3 năm 2026',
      body: 'Thủ tướng Chính phủ kết luận:\n\n1. Các bộ, ngành khẩn trương hoàn thiện hồ sơ.\n2. Bộ Tài chính chủ trì.',
    });
    if (reference) await ok(who, 'POST', `${url}/issue`, { reference, revision: c.revision });
    return c.id;
  }

  /** A ballot of the body drafted by officeA, approved by the leader and sent now. */
  async function ballot(bodyCode: string, reference: string): Promise<string> {
    const [body] = await p.db.select().from(bodies).where(eq(bodies.code, bodyCode));
    const created = await ok<{ id: string }>('officeA', 'POST', '/api/cabinet/ballots', {
      bodyId: body!.id,
      title: 'Xin ý kiến Thành viên Chính phủ về dự thảo Nghị định về chuyển đổi số',
      summary: 'Còn ý kiến khác nhau về lộ trình.',
      questions: [{ text: 'Thông qua dự thảo Nghị định?', options: [] }],
      answerDays: 3,
      followUpBy: null,
    });
    const step = async (who: Who, name: string, extra: object = {}) => {
      const cur = await ok<{ revision: number }>(who, 'GET', `/api/cabinet/ballots/${created.id}`);
      await ok(who, 'POST', `/api/cabinet/ballots/${created.id}/${name}`, {
        revision: cur.revision,
        ...extra,
      });
    };
    await step('officeA', 'submit');
    await step('leaderA', 'approve');
    await step('officeA', 'send', { reference });
    return created.id;
  }

  beforeAll(async () => {
    p = await testPlatform({ EXCHANGE_SIGN: 'on', SIGN_IN_RATE_LIMIT_MAX: '100000' }, START);
    app = await createHttpApp({ config: p.config, resolveActor: sessionActorResolver(p), logger: false });
    await identityModule.routes!(app, p);
    await cabinetModule.routes!(app, p);
    await dispatchRoutes(app, p);
    await app.ready();

    const inserted = await p.db
      .insert(agencies)
      .values([
        { code: CODE.A, nameVi: 'Văn phòng Chính phủ', level: 'central' },
        { code: CODE.B, nameVi: 'Bộ Tài chính', level: 'central' },
        { code: CODE.C, nameVi: 'Ủy ban nhân dân tỉnh Nghệ An', level: 'province' },
      ])
      .returning({ id: agencies.id });
    Object.assign(agencyIds, { A: inserted[0]!.id, B: inserted[1]!.id, C: inserted[2]!.id });
    await addNodeAgency(p.db, CODE.A);
    await addNodeAgency(p.db, CODE.B);
    // This deployment is its own hub: the node's agencies are hosted by the `local` system.
    await p.db.transaction(async (tx) => {
      await createSystem(tx, p, { id: LOCAL_SYSTEM_ID, name: 'Điểm kết nối nội bộ', agencyCodes: [] });
      await hostAgencies(tx, LOCAL_SYSTEM_ID, [CODE.A, CODE.B]);
    });
    await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      await tx.insert(roles).values([
        {
          code: 'test_dispatch_leader',
          nameVi: 'Lãnh đạo Văn phòng (thử)',
          nameEn: 'Office leader (test)',
          permissions: [Permissions.prepareBallots, Permissions.approveBallots, Permissions.manageMeetings],
        },
        {
          code: 'test_dispatch_national',
          nameVi: 'Văn thư toàn quốc (thử)',
          nameEn: 'National clerk (test)',
          permissions: [Permissions.manageDocuments, Permissions.manageMeetings, Permissions.allAgencies],
        },
      ]);
    });
    for (const [who, d] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][])
      ids[who] = await p.db.transaction((tx) =>
        ensurePerson(tx, SYSTEM_CONTEXT, {
          username: username(who),
          displayName: d.name,
          password: TEST_PASSWORD,
          agencyId: agencyIds[d.agency],
          roles: [...d.roles],
        }),
      );
    await signInAll();

    const meetingA = await meetingOf('A', 'CP-DP', 'DP-PROFILE');
    const meetingA2 = await meetingOf('A', 'CP-DP2', 'DP-PROFILE');
    const meetingC = await meetingOf('C', 'NA-DP', 'DP-PROFILE');
    closedBallot = await ballot('CP-DP', '12/PLYK-VPCP');
    openBallot = await ballot('CP-DP2', '13/PLYK-VPCP');

    // Monday: the notice is issued, the first ballot closed (nobody answered: the rules do not count silence).
    p.clock.set(LATER);
    await signInAll();
    conclusionId = await notice('officeA', meetingA, '45/TB-VPCP');
    draftConclusionId = await notice('officeA', meetingA2, null);
    conclusionC = await notice('officeC', meetingC, '7/TB-UBND');
    const cur = await ok<{ revision: number }>('officeA', 'GET', `/api/cabinet/ballots/${closedBallot}`);
    await ok('officeA', 'POST', `/api/cabinet/ballots/${closedBallot}/close`, { revision: cur.revision });
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await p.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const conclusionUrl = (id: string) => `/api/exchange/dispatch/conclusions/${id}`;
  const ballotUrl = (id: string) => `/api/exchange/dispatch/ballots/${id}`;

  async function counts() {
    const n = async (table: typeof exchangeDocuments | typeof exchangeOutbox | typeof exchangeRecipients) =>
      Number((await p.db.select({ n: count() }).from(table))[0]!.n);
    const a = Number((await p.db.select({ n: count() }).from(exchangeAttachments))[0]!.n);
    return [await n(exchangeDocuments), await n(exchangeOutbox), await n(exchangeRecipients), a];
  }

  async function readFile(sha: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of await p.files.open(sha)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  it('shows what would be sent: the fields taken from the notice, the offices that may send it', async () => {
    const preview = await ok<{
      final: boolean;
      header: Record<string, unknown> | null;
      agencies: { code: string }[];
      dispatches: unknown[];
    }>('officeA', 'GET', conclusionUrl(conclusionId));
    expect(preview).toMatchObject({
      final: true,
      header: {
        codeNumber: '45',
        codeNotation: 'TB-VPCP',
        typeName: 'Thông báo',
        subject: 'Kết luận của Thủ tướng Chính phủ tại Phiên họp Chính phủ thường kỳ tháng 3 năm 2026',
        promulgationDate: '2026-03-16',
        signerName: PEOPLE.officeA.name,
        signerPosition: null,
      },
      dispatches: [],
    });
    expect(preview.agencies.map((a) => a.code)).toEqual([CODE.A]);
    const draft = await ok<{ final: boolean; header: unknown }>(
      'officeA',
      'GET',
      conclusionUrl(draftConclusionId),
    );
    expect(draft).toMatchObject({ final: false, header: null });
  });

  it('sends an issued notice: a signed envelope with the sealed PDF reaches the recipient through the hub', async () => {
    const res = await call('officeA', 'POST', conclusionUrl(conclusionId), {
      from: CODE.A,
      recipients: [CODE.B.toLowerCase()],
      signerPosition: 'Phó Chủ nhiệm',
      priority: 1,
    });
    expect(res.statusCode).toBe(201);
    const { created, document: sent } = res.json<Result>();
    expect(created).toBe(true);
    expect(sent).toMatchObject({
      direction: 'outbound',
      state: 'sending',
      agencyCode: CODE.A,
      documentId: `${CODE.A},2026/03/16,45/TB-VPCP`,
      codeNumber: '45',
      codeNotation: 'TB-VPCP',
      typeName: 'Thông báo',
      promulgationDate: '2026-03-16',
      signerName: PEOPLE.officeA.name,
      signerPosition: 'Phó Chủ nhiệm',
      recipients: [{ code: CODE.B, name: 'Bộ Tài chính' }],
    });
    expect(sent.attachments).toHaveLength(1);
    expect(sent.attachments[0]).toMatchObject({
      name: 'thong-bao-ket-luan_45_TB-VPCP.pdf',
      mediaType: 'application/pdf',
    });

    // The queued envelope names the notice.
    const [queued] = await p.db.select().from(exchangeOutbox).where(eq(exchangeOutbox.documentId, sent.id));
    const parsed = parseEdxmlSync(await readFile(queued!.envelopeSha256));
    if (parsed.message?.kind !== 'edoc') throw new Error('not an edoc');
    expect(parsed.message.edoc).toMatchObject({
      documentType: { typeName: 'Thông báo' },
      code: { number: '45', notation: 'TB-VPCP' },
      subject: sent.subject,
      signer: { fullName: PEOPLE.officeA.name, position: 'Phó Chủ nhiệm' },
    });

    // The PDF: the notice, sealed.
    const [file] = await p.db
      .select()
      .from(exchangeAttachments)
      .where(eq(exchangeAttachments.documentId, sent.id));
    const pdf = await readFile(file!.sha256);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (hasPoppler) {
      const at = path.join(tmp, 'notice.pdf');
      fs.writeFileSync(at, pdf);
      const text = execFileSync('pdftotext', ['-layout', at, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('THÔNG BÁO');
      expect(text).toContain('Số: 45/TB-VPCP');
      expect(text).toContain('Hà Nội, ngày 16 tháng 03 năm 2026');
      expect(text).toContain('Bộ Tài chính chủ trì.');
      expect(execFileSync('pdfsig', [at], { encoding: 'utf8' })).toContain('Signature is Valid');
    }

    // Through this deployment's hub to the Ministry of Finance's register.
    const round = await syncRound(p, new LocalHubClient(p));
    expect(round).toMatchObject({ failed: 0, interrupted: null });
    expect(round!.sent).toBeGreaterThanOrEqual(1);
    expect(round!.received).toBeGreaterThanOrEqual(1);
    const [inbound] = await p.db
      .select()
      .from(exchangeDocuments)
      .where(
        and(
          eq(exchangeDocuments.agencyCode, CODE.B),
          eq(exchangeDocuments.direction, 'inbound'),
          eq(exchangeDocuments.documentId, sent.documentId),
        ),
      );
    expect(inbound).toBeDefined();
    const received = await getDocument(p.db, actor('clerkB'), inbound!.id);
    expect(received).toMatchObject({
      state: 'arrived',
      typeName: 'Thông báo',
      subject: sent.subject,
      fromCode: CODE.A,
    });
    expect(received.verification?.envelope).toBe('valid');
    expect(received.verification?.files).toEqual([expect.objectContaining({ signed: true, valid: true })]);
    expect(received.attachments[0]!.size).toBe(pdf.length);
    // The hub took it: the sender's copy is sent, and B's "received" (01) came back.
    await syncRound(p, new LocalHubClient(p));
    const [back] = await p.db.select().from(exchangeDocuments).where(eq(exchangeDocuments.id, sent.id));
    expect(back!.state).toBe('sent');
    const statuses = await p.db
      .select()
      .from(exchangeStatusEvents)
      .where(eq(exchangeStatusEvents.documentId, sent.id));
    expect(statuses.map((s) => [s.agencyCode, s.statusCode])).toContainEqual([CODE.B, '01']);

    // The link, both ways, in the audit log.
    const links = await p.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'exchange.dispatch.conclusion'), eq(auditLog.outcome, 'success')));
    expect(links.map((l) => [l.objectType, l.objectId, l.detail])).toEqual([
      ['cabinet_conclusion', conclusionId, `exchange_document:${sent.id}`],
      ['exchange_document', sent.id, `cabinet_conclusion:${conclusionId}`],
    ]);
  }, 60_000);

  it('answers a second dispatch to the same recipients with the document already sent, and refuses others', async () => {
    const before = await counts();
    const again = await call('officeA', 'POST', conclusionUrl(conclusionId), {
      from: CODE.A,
      recipients: [CODE.B],
      signerPosition: 'Phó Chủ nhiệm',
    });
    expect(again.statusCode).toBe(200);
    const first = await ok<{ dispatches: { id: string; recipients: string[] }[] }>(
      'officeA',
      'GET',
      conclusionUrl(conclusionId),
    );
    expect(first.dispatches).toHaveLength(1);
    expect(again.json<Result>()).toMatchObject({ created: false, document: { id: first.dispatches[0]!.id } });
    expect(first.dispatches[0]!.recipients).toEqual([CODE.B]);

    const more = await call('officeA', 'POST', conclusionUrl(conclusionId), {
      from: CODE.A,
      recipients: [CODE.B, CODE.C],
      signerPosition: 'Phó Chủ nhiệm',
    });
    expect(more.statusCode).toBe(409);
    expect(more.json<{ error: { code: string; details: Record<string, unknown> } }>().error).toMatchObject({
      code: 'EXCHANGE_DISPATCH_ALREADY_SENT',
      details: { document: first.dispatches[0]!.id, missing: [CODE.C] },
    });
    expect(await counts()).toEqual(before);
  });

  it('sends a closed ballot’s sealed result report as it was sealed', async () => {
    const before = (await counts())[0]!;
    const res = await call('officeA', 'POST', ballotUrl(closedBallot), {
      from: CODE.A,
      recipients: [CODE.B],
      signerPosition: 'Chủ nhiệm Văn phòng Chính phủ',
    });
    expect(res.statusCode).toBe(201);
    const { document: sent } = res.json<Result>();
    expect(sent).toMatchObject({
      typeName: 'Báo cáo',
      codeNumber: '12',
      codeNotation: 'PLYK-VPCP',
      promulgationDate: '2026-03-16',
      subject: 'Kết quả lấy ý kiến: Xin ý kiến Thành viên Chính phủ về dự thảo Nghị định về chuyển đổi số',
      signerName: PEOPLE.officeA.name,
      documentId: `${CODE.A},2026/03/16,12/PLYK-VPCP`,
    });
    const result = await call('officeA', 'GET', `/api/cabinet/ballots/${closedBallot}/result`);
    const [file] = await p.db
      .select()
      .from(exchangeAttachments)
      .where(eq(exchangeAttachments.documentId, sent.id));
    expect(file).toMatchObject({
      name: 'ket-qua-lay-y-kien_12_PLYK-VPCP.pdf',
      size: result.rawPayload.length,
    });
    expect((await readFile(file!.sha256)).equals(result.rawPayload)).toBe(true);
    expect((await counts())[0]).toBe(before + 1);
  });

  it('refuses, changing nothing: not issued, not closed, no permission, another agency, not hosted, not the issuer', async () => {
    const before = await counts();
    const body = { from: CODE.A, recipients: [CODE.B], signerPosition: 'Phó Chủ nhiệm' };
    const cases: [string, number, Who, string, object][] = [
      ['EXCHANGE_DISPATCH_NOT_ISSUED', 409, 'officeA', conclusionUrl(draftConclusionId), body],
      ['EXCHANGE_DISPATCH_NOT_CLOSED', 409, 'officeA', ballotUrl(openBallot), body],
      // The meeting office without the clerk's permission; the clerk who may not read the meeting.
      ['FORBIDDEN', 403, 'officeOnlyA', conclusionUrl(conclusionId), body],
      ['FORBIDDEN', 403, 'officeOnlyA', ballotUrl(closedBallot), body],
      ['CABINET_CONCLUSION_NOT_FOUND', 404, 'clerkA', conclusionUrl(conclusionId), body],
      // Another agency's office and clerk: A's notice and ballot do not exist for them (before validation).
      ['CABINET_CONCLUSION_NOT_FOUND', 404, 'officeB', conclusionUrl(conclusionId), { from: CODE.B }],
      ['CABINET_BALLOT_NOT_FOUND', 404, 'officeB', ballotUrl(closedBallot), body],
      ['CABINET_CONCLUSION_NOT_FOUND', 404, 'officeB', conclusionUrl(draftConclusionId), body],
      ['CABINET_CONCLUSION_NOT_FOUND', 404, 'officeA', conclusionUrl('not-a-uuid'), body],
      // The province's notice: this node does not serve the province.
      [
        'EXCHANGE_DISPATCH_AGENCY_NOT_HOSTED',
        409,
        'officeC',
        conclusionUrl(conclusionC),
        { ...body, from: CODE.C },
      ],
      // A's notice from B: a node agency the national clerk acts for, but not its issuer.
      [
        'EXCHANGE_DISPATCH_NOT_ISSUER',
        409,
        'national',
        conclusionUrl(conclusionId),
        { ...body, from: CODE.B },
      ],
      // A's office sending as B: outside their scope.
      ['EXCHANGE_NODE_AGENCY_NOT_FOUND', 404, 'officeA', ballotUrl(closedBallot), { ...body, from: CODE.B }],
      [
        'EXCHANGE_RECIPIENT_INVALID',
        400,
        'officeA',
        ballotUrl(closedBallot),
        { ...body, recipients: ['not a code'] },
      ],
      [
        'EXCHANGE_RECIPIENT_INVALID',
        400,
        'officeA',
        ballotUrl(closedBallot),
        { ...body, recipients: [CODE.A] },
      ],
      // The issuer holds no seat in the body: the signer's position must be given.
      [
        'EXCHANGE_DOCUMENT_INVALID',
        400,
        'officeA',
        ballotUrl(closedBallot),
        { from: CODE.A, recipients: [CODE.C] },
      ],
    ];
    for (const [code, status, who, url, payload] of cases) {
      const res = await call(who, 'POST', url, payload);
      expect([url, who, errorCodeOf(res), res.statusCode]).toEqual([url, who, code, status]);
    }
    expect(errorCodeOf(await call('officeB', 'GET', conclusionUrl(conclusionId)))).toBe(
      'CABINET_CONCLUSION_NOT_FOUND',
    );
    expect(errorCodeOf(await call('officeOnlyA', 'GET', ballotUrl(closedBallot)))).toBe('FORBIDDEN');
    const anonymous = await app.inject({ method: 'POST', url: conclusionUrl(conclusionId), payload: body });
    expect(anonymous.statusCode).toBe(401);
    expect(await counts()).toEqual(before);
    // The notice itself is untouched.
    const [c] = await p.db.select().from(conclusions).where(eq(conclusions.id, draftConclusionId));
    expect(c!.state).toBe('draft');
  });
});
