/**
 * The demo's decisions, so that `cpdt poll export` / `cpdt ballot export` and `cpdt verify` work on a fresh
 * install and a newcomer sees signed decisions at once:
 *  - last month's concluded session: a closed poll on its third item with a signed vote from each member;
 *  - a written opinion ballot sent, answered and signed by every member, and closed (sealed result PDF);
 *  - a ballot sent this week and still open, to try the answering flow.
 * The members' keys are made here and thrown away; their certificates come from the deployment's demo CA
 * (initialised if absent) and are registered on them. Every signature is made at seeding time (the seal's
 * certificate is no older than that); the poll's own times are those of last month's session. Idempotent.
 * FOR DEMONSTRATIONS ONLY: signatures under the demo CA have no legal value (docs/signatures.md).
 */
import crypto from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import {
  canonicalJson,
  DemoCa,
  demoCaDir,
  demoCaExists,
  demoCaPassphrase,
  initDemoCa,
  sha256Hex,
  signDetached,
  type Signer,
} from '../../platform/crypto/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { Platform } from '../../platform/platform.js';
import { Permissions, personBriefs, personIdByUsername, registerCertificate } from '../identity/index.js';
import { approveBallot, createBallot, sendBallot, submitBallot } from './ballots.workflow.js';
import { prepareAnswer, signAnswer } from './ballots.answers.js';
import { closeBallot } from './ballots.tally.js';
import type { BallotActor, DraftAnswer } from './ballots.view.js';
import { appendToLog } from './decisions.log.js';
import { sealStatement } from './decisions.seal.js';
import type { RosterStatement } from './model.js';
import { rosterOf } from './polls.roster.js';
import { countedOf, tallyPoll } from './polls.service.js';
import {
  agendaItems,
  ballots,
  decisionCheckpoints,
  meetings,
  polls,
  ruleProfiles,
  votes,
  type bodies,
} from './schema.js';

type Body = typeof bodies.$inferSelect;
const MEMBERS = ['thutuong', 'phothutuong', 'botruong.tuphap'];
const CLOSED_BALLOT = 'Dự thảo Nghị định sửa đổi, bổ sung Nghị định về công tác văn thư';
const OPEN_BALLOT = 'Đề án chuyển đổi số trong hoạt động chỉ đạo, điều hành của Chính phủ giai đoạn tới';

/** A member's demo key (kept in memory only) with its certificate registered on them. */
interface DemoKey {
  personId: string;
  certificateId: string;
  signer: Signer;
  sign(data: Buffer): Buffer;
}

async function demoKeys(tx: Executor, p: Platform, personIds: string[], now: Date): Promise<DemoKey[]> {
  const dir = demoCaDir(p.config.dataDir);
  const { passphrase } = demoCaPassphrase(p.config.CPDT_CA_PASSPHRASE, p.secrets);
  if (!demoCaExists(dir)) await initDemoCa(dir, { passphrase, now });
  const ca = await DemoCa.load(dir, passphrase);
  const names = await personBriefs(tx, personIds);
  const keys: DemoKey[] = [];
  for (const personId of personIds) {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issued = await ca.issueCertificate({
      publicKey: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      subject: {
        commonName: names.get(personId)?.displayName ?? personId,
        uid: names.get(personId)?.username,
      },
      days: 365,
      now,
    });
    const view = await registerCertificate(tx, SYSTEM_CONTEXT, personId, issued.pem, 'ca', {
      label: 'CA thử nghiệm — dữ liệu mẫu / Demo CA — demo data',
      at: now,
    });
    const der = Buffer.from(issued.certificate.der);
    keys.push({
      personId,
      certificateId: view.id,
      sign: (data) => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
      signer: {
        certificate: der,
        chain: [],
        keyAlgorithm: 'EC',
        description: 'demo key (discarded after seeding)',
        sign: async (data) => crypto.sign('sha256', data, privateKey),
      },
    });
  }
  return keys;
}

/** Last month's session: a closed poll with each member's signed vote, its receipts, close and checkpoint. */
async function seedPastPoll(
  tx: Executor,
  p: Platform,
  body: Body,
  keys: DemoKey[],
  now: Date,
): Promise<boolean> {
  const [meeting] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, body.id), eq(meetings.status, 'concluded')))
    .orderBy(desc(meetings.plannedStart))
    .limit(1);
  if (!meeting || meeting.plannedStart > now) return false;
  const [already] = await tx
    .select({ id: polls.id })
    .from(polls)
    .where(eq(polls.meetingId, meeting.id))
    .limit(1);
  if (already) return false;
  const [item] = await tx
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meeting.id))
    .orderBy(desc(agendaItems.position))
    .limit(1);
  if (!item) return false;
  const [profile] = await tx.select().from(ruleProfiles).where(eq(ruleProfiles.id, meeting.ruleProfileId));
  const roster = (await rosterOf(tx, body.id, now)).filter((r) =>
    keys.some((k) => k.personId === r.personId),
  );
  if (!roster.length) return false;

  const id = crypto.randomUUID();
  const decision = { kind: 'poll' as const, id };
  const ended = item.endedAt ?? meeting.actualEnd ?? meeting.plannedEnd;
  const openedAt = new Date(ended.getTime() - 6 * 60_000);
  const closedAt = new Date(ended.getTime() - 60_000);
  const question = `Thông qua ${item.title}?`;
  const statement: RosterStatement = {
    type: 'cpdt.roster',
    decision,
    bodyId: body.id,
    takenAt: openedAt.toISOString(),
    members: roster,
  };
  const rosterPayload = canonicalJson(statement);
  const rosterHash = sha256Hex(rosterPayload);
  await appendToLog(tx, decision, { type: 'roster', payloadSha256: rosterHash, ref: id }, openedAt);
  const chairId = meeting.chairId;
  const poll = {
    id,
    meetingId: meeting.id,
    agendaItemId: item.id,
    question,
    kind: 'yes_no_abstain' as const,
    options: [],
    state: 'open' as const,
    ruleProfileId: meeting.ruleProfileId,
    roster,
    rosterHash,
    rosterPayload,
    rosterSignature: await sealStatement(p, rosterPayload, now),
    presentCount: roster.length,
    paperHashes: [],
    openedBy: chairId,
    openedAt,
  };
  await tx.insert(polls).values(poll);

  for (const [i, member] of roster.entries()) {
    const key = keys.find((k) => k.personId === member.personId)!;
    const castAt = new Date(openedAt.getTime() + (i + 1) * 40_000);
    const payload = canonicalJson({
      type: 'cpdt.vote',
      poll: id,
      question,
      member: member.personId,
      memberName: member.fullName,
      choice: 'yes',
      choiceLabel: 'Tán thành',
      rosterHash,
      papers: [],
      castAt: castAt.toISOString(),
      nonce: crypto.randomBytes(16).toString('hex'),
    });
    const payloadSha256 = sha256Hex(payload);
    const voteId = crypto.randomUUID();
    const entry = await appendToLog(tx, decision, { type: 'vote', payloadSha256, ref: voteId }, castAt);
    const receiptPayload = canonicalJson({
      type: 'cpdt.receipt',
      poll: id,
      member: member.personId,
      payloadSha256,
      logSeq: entry.seq,
      logHash: entry.hash,
      receivedAt: castAt.toISOString(),
    });
    await tx.insert(votes).values({
      id: voteId,
      pollId: id,
      personId: member.personId,
      choice: 'yes',
      payload,
      payloadSha256,
      signature: (await signDetached(Buffer.from(payload, 'utf8'), key.signer, now)).toString('base64'),
      certificateId: key.certificateId,
      receiptPayload,
      receiptSignature: await sealStatement(p, receiptPayload, now),
      logSeq: entry.seq,
      castAt,
    });
  }

  const rows = await tx.select().from(votes).where(eq(votes.pollId, id));
  const outcome = tallyPoll(poll, profile!.rules, countedOf(rows), true);
  const closePayload = canonicalJson({
    type: 'cpdt.close',
    decision,
    closedAt: closedAt.toISOString(),
    closedBy: chairId,
    outcome,
  });
  const close = await appendToLog(
    tx,
    decision,
    {
      type: 'close',
      payloadSha256: sha256Hex(closePayload),
      ref: JSON.stringify({ payload: closePayload, signature: await sealStatement(p, closePayload, now) }),
    },
    closedAt,
  );
  const checkpoint = canonicalJson({
    type: 'cpdt.checkpoint',
    decision,
    size: close.seq + 1,
    head: close.hash,
    at: closedAt.toISOString(),
    outcome,
  });
  await tx.insert(decisionCheckpoints).values({
    decisionKind: 'poll',
    decisionId: id,
    size: close.seq + 1,
    headHash: close.hash,
    payload: checkpoint,
    signature: await sealStatement(p, checkpoint, now),
    createdAt: closedAt,
  });
  await tx
    .update(polls)
    .set({ state: 'closed', closedBy: chairId, closedAt, outcome })
    .where(eq(polls.id, id));
  return true;
}

async function revisionOf(tx: Executor, id: string): Promise<number> {
  const [row] = await tx.select({ revision: ballots.revision }).from(ballots).where(eq(ballots.id, id));
  return row!.revision;
}

/** Drafted by the office specialist, approved by the office leader, sent: the ballot's id. */
async function sentBallot(
  tx: Executor,
  p: Platform,
  office: { drafter: BallotActor; leader: BallotActor },
  body: Body,
  input: {
    title: string;
    summary: string;
    reference: string;
    questions: { text: string; options: string[] }[];
  },
): Promise<string> {
  const created = await createBallot(tx, p, office.drafter, {
    bodyId: body.id,
    title: input.title,
    summary: input.summary,
    questions: input.questions.map((q) => ({ text: q.text, options: q.options.map((label) => ({ label })) })),
    answerDays: 3,
  });
  const id = created.id;
  await submitBallot(tx, office.drafter, id, await revisionOf(tx, id));
  await approveBallot(tx, office.leader, id, await revisionOf(tx, id));
  await sendBallot(tx, p, office.drafter, id, {
    reference: input.reference,
    revision: await revisionOf(tx, id),
  });
  return id;
}

async function ballotExists(tx: Executor, bodyId: string, title: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: ballots.id })
    .from(ballots)
    .where(and(eq(ballots.bodyId, bodyId), eq(ballots.title, title)))
    .limit(1);
  return Boolean(row);
}

/**
 * Adds the demo's poll and ballots (each once); returns the lines worth printing. Runs in the cabinet demo's
 * transaction, after last month's session exists.
 */
export async function seedDecisionsDemo(
  tx: Executor,
  p: Platform,
  body: Body,
  office: { agencyId: string; leaderId: string },
): Promise<string[]> {
  const now = p.clock.now();
  const memberIds = (await Promise.all(MEMBERS.map((u) => personIdByUsername(tx, u)))).filter(
    (id): id is string => Boolean(id),
  );
  const drafterId = await personIdByUsername(tx, 'canbo');
  const needPoll = !(await hasPastPoll(tx, body.id));
  const needClosed = !(await ballotExists(tx, body.id, CLOSED_BALLOT));
  const needOpen = !(await ballotExists(tx, body.id, OPEN_BALLOT));
  if (!memberIds.length || !drafterId || (!needPoll && !needClosed && !needOpen)) return [];

  const keys = needPoll || needClosed ? await demoKeys(tx, p, memberIds, now) : [];
  const lines: string[] = [];
  if (needPoll && (await seedPastPoll(tx, p, body, keys, now)))
    lines.push('e-Cabinet: biểu quyết có chữ ký số tại phiên họp tháng trước / a signed poll last month');

  const actor = (personId: string, permissions: string[]): BallotActor => ({
    personId,
    agencyId: office.agencyId,
    permissions: new Set(permissions),
    audit: SYSTEM_CONTEXT,
    now,
  });
  const officeActors = {
    drafter: actor(drafterId, [Permissions.prepareBallots]),
    leader: actor(office.leaderId, [Permissions.prepareBallots, Permissions.approveBallots]),
  };
  if (needClosed) {
    const id = await sentBallot(tx, p, officeActors, body, {
      title: CLOSED_BALLOT,
      summary:
        'Bộ Nội vụ trình dự thảo Nghị định; còn ý kiến khác nhau về thời hạn lưu trữ văn bản điện tử và việc ký số văn bản nội bộ.',
      reference: '12/PLYK-VPCP',
      questions: [
        { text: 'Thành viên Chính phủ có đồng ý thông qua dự thảo Nghị định?', options: [] },
        {
          text: 'Về thời hạn lưu trữ văn bản điện tử có giá trị vĩnh viễn',
          options: [
            'Phương án 1: lưu trữ tại cơ quan 10 năm rồi nộp lưu',
            'Phương án 2: nộp lưu ngay sau 5 năm',
          ],
        },
      ],
    });
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, id));
    const [q1, q2] = ballot!.questions;
    for (const [i, key] of keys.entries()) {
      const member = actor(key.personId, []);
      member.agencyId = null;
      const answers: DraftAnswer[] = [
        i === 2
          ? {
              questionId: q1!.id,
              choice: 'other_opinion',
              text: 'Đề nghị bổ sung quy định chuyển tiếp cho hồ sơ giấy.',
            }
          : { questionId: q1!.id, choice: 'agree' },
        i === 1
          ? { questionId: q2!.id, choice: 'other_option', optionId: q2!.options[1]!.id }
          : { questionId: q2!.id, choice: 'agree' },
      ];
      const prepared = await prepareAnswer(tx, member, id, { answers, certificateId: key.certificateId });
      await signAnswer(tx, p, member, id, {
        payload: prepared.payload,
        toBeSigned: prepared.toBeSigned,
        signature: key.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64'),
        certificateId: prepared.certificateId,
      });
    }
    await closeBallot(tx, p, officeActors.drafter, id, await revisionOf(tx, id));
    lines.push(
      'e-Cabinet: phiếu lấy ý kiến đã ký và kết thúc, báo cáo kết quả PDF / a signed, closed ballot',
    );
  }
  if (needOpen) {
    await sentBallot(tx, p, officeActors, body, {
      title: OPEN_BALLOT,
      summary:
        'Văn phòng Chính phủ xin ý kiến Thành viên Chính phủ về Đề án trước khi trình Thủ tướng Chính phủ.',
      reference: '13/PLYK-VPCP',
      questions: [{ text: 'Thành viên Chính phủ có đồng ý với Đề án?', options: [] }],
    });
    lines.push('e-Cabinet: phiếu lấy ý kiến đang chờ trả lời / an open ballot to answer');
  }
  return lines;
}

async function hasPastPoll(tx: Executor, bodyId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: polls.id })
    .from(polls)
    .innerJoin(meetings, eq(meetings.id, polls.meetingId))
    .where(and(eq(meetings.bodyId, bodyId), eq(meetings.status, 'concluded')))
    .limit(1);
  return Boolean(row);
}
