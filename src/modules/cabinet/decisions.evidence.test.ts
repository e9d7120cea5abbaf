import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors/index.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { testSigner } from '../../../test/support/signing.js';
import {
  as,
  ballotWorld,
  moveClock,
  sentBallot,
  vn,
  type BallotWorld,
  type Who,
} from './ballots.test-helpers.js';
import { exportDecision, listDecisions } from './decisions.export.js';
import type { BundleManifest } from './decisions.bundle.js';
import { verifyBundle, problemLine } from './decisions.verify.js';
import {
  actorOf,
  castTestVote,
  closeTestPoll,
  closedTestPoll,
  openTestPoll,
  votingWorld,
  type VotingWorld,
} from './decisions.test-helpers.js';
import { meetings, ruleProfiles, votes } from './schema.js';
import { castVote, prepareRatification, prepareVote, ratifyVote } from './polls.service.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { ensureBuiltinRoles, ensurePerson, Permissions } from '../identity/index.js';

const NOW = new Date('2026-03-10T02:00:00Z');

async function expectAppError(promise: Promise<unknown>, code: string): Promise<void> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isAppError(e) ? e.code : e).toBe(code);
}

/** `openssl cms -verify` exactly as docs/signatures.md tells an auditor to run it. */
function opensslVerify(dir: string, file: string): { status: number | null; stderr: string } {
  const r = spawnSync(
    'openssl',
    [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      `${file}.p7s`,
      '-content',
      file,
      '-CAfile',
      'ca.pem',
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  return { status: r.status, stderr: r.stderr };
}

const readManifest = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BundleManifest;

describe('evidence bundle of a poll: export, openssl, verify, tampering', () => {
  let p: TestPlatform;
  let w: VotingWorld;
  let pollId: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-evidence-'));
  const bundle = path.join(tmp, 'bundle');

  beforeAll(async () => {
    p = await testPlatform({}, NOW);
    w = await votingWorld(p, 4, 'ev');
    // Chair yes, two members yes, one against: passes (3 of 4 > 1/2).
    pollId = await closedTestPoll(w, ['yes', 'yes', 'no', 'yes']);
    await exportDecision(p, { kind: 'poll', id: pollId }, bundle);
  }, 120_000);
  afterAll(async () => {
    await p?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes the manifest, ca.pem, every entry with its .p7s, receipts and the checkpoint', () => {
    const m = readManifest(bundle);
    expect(m.format).toBe('cpdt-decision-bundle/1');
    expect(m.kind).toBe('poll');
    expect(m.id).toBe(pollId);
    expect(m.entries.map((e) => e.type)).toEqual(['roster', 'vote', 'vote', 'vote', 'vote', 'close']);
    expect(m.entries.map((e) => e.file)).toEqual([
      '0.json',
      '1.json',
      '2.json',
      '3.json',
      '4.json',
      '5.json',
    ]);
    expect((m.outcome as { result: string }).result).toBe('passed');
    expect(Object.keys(m.signers).sort()).toEqual(w.members.map((x) => x.personId).sort());
    expect(m.seal.length).toBe(1);
    for (const e of m.entries) {
      expect(fs.existsSync(path.join(bundle, e.file))).toBe(true);
      expect(fs.existsSync(path.join(bundle, `${e.file}.p7s`))).toBe(true);
      if (e.type === 'vote') expect(e.receipt).toBe(`receipts/${e.seq}.json`);
    }
    expect(fs.readFileSync(path.join(bundle, 'ca.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    const vote = JSON.parse(fs.readFileSync(path.join(bundle, '1.json'), 'utf8')) as Record<string, unknown>;
    expect(vote).toMatchObject({
      type: 'cpdt.vote',
      poll: pollId,
      member: w.members[0]!.personId,
      choice: 'yes',
    });
  });

  it('every signature verifies with openssl cms -verify against ca.pem', () => {
    const m = readManifest(bundle);
    const files = [
      ...m.entries.map((e) => e.file),
      ...m.entries.flatMap((e) => (e.receipt ? [e.receipt] : [])),
      'checkpoint.json',
    ];
    for (const file of files) {
      const r = opensslVerify(bundle, file);
      expect(r.stderr, file).toContain('Verification successful');
      expect(r.status, file).toBe(0);
    }
  });

  it('verifyBundle: valid, with every signature counted', async () => {
    const report = await verifyBundle(bundle);
    expect(report.problems.map(problemLine)).toEqual([]);
    expect(report.ok).toBe(true);
    // 6 entries + 4 receipts + the checkpoint.
    expect(report.signatures).toBe(11);
  });

  it('a stored vote changed in the database: the new export fails naming that vote', async () => {
    const [row] = await p.db
      .select()
      .from(votes)
      .where(and(eq(votes.pollId, pollId), eq(votes.personId, w.members[2]!.personId)));
    const forged = row!.payload
      .replace('"choice":"no"', '"choice":"yes"')
      .replace('"choiceLabel":"Không tán thành"', '"choiceLabel":"Tán thành"');
    expect(forged).not.toBe(row!.payload);
    await p.db.update(votes).set({ payload: forged, choice: 'yes' }).where(eq(votes.id, row!.id));
    try {
      const dir = path.join(tmp, 'tampered-db');
      await exportDecision(p, { kind: 'poll', id: pollId }, dir);
      const report = await verifyBundle(dir);
      expect(report.ok).toBe(false);
      const file = `${row!.logSeq}.json`;
      expect(report.problems).toContainEqual({ file, code: 'content' });
      expect(report.problems).toContainEqual({ file: `${file}.p7s`, code: 'digest' });
      expect(problemLine({ file, code: 'content' })).toBe(
        `${file}: nội dung không khớp nhật ký / content does not match the log`,
      );
      // Only that vote is named (the tally of the signed votes is what the manifest says).
      expect(new Set(report.problems.map((x) => x.file.replace(/\.p7s$/, '')))).toEqual(
        new Set([file, 'manifest.json']),
      );
      expect(opensslVerify(dir, file).status).not.toBe(0);
    } finally {
      await p.db
        .update(votes)
        .set({ payload: row!.payload, choice: row!.choice })
        .where(eq(votes.id, row!.id));
    }
  });

  it('a file edited in the bundle fails naming it', async () => {
    const dir = path.join(tmp, 'edited');
    fs.cpSync(bundle, dir, { recursive: true });
    const file = path.join(dir, '3.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"choice":"no"', '"choice":"abstain"'));
    const report = await verifyBundle(dir);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ file: '3.json', code: 'content' });
    expect(report.problems).toContainEqual({ file: '3.json.p7s', code: 'digest' });
  });

  it('an entry removed from the bundle breaks the chain', async () => {
    const dir = path.join(tmp, 'removed');
    fs.cpSync(bundle, dir, { recursive: true });
    const m = readManifest(dir);
    m.entries = m.entries.filter((e) => e.seq !== 2);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
    fs.rmSync(path.join(dir, '2.json'));
    fs.rmSync(path.join(dir, '2.json.p7s'));
    const report = await verifyBundle(dir);
    expect(report.ok).toBe(false);
    expect(report.problems.map((x) => x.code)).toContain('chain');
    expect(report.problems.map((x) => x.code)).toContain('checkpoint');
  });

  it('a changed outcome, a swapped signer and a foreign CA are each found', async () => {
    const outcome = path.join(tmp, 'outcome');
    fs.cpSync(bundle, outcome, { recursive: true });
    const m = readManifest(outcome);
    (m.outcome as { result: string }).result = 'rejected';
    fs.writeFileSync(path.join(outcome, 'manifest.json'), JSON.stringify(m));
    const r1 = await verifyBundle(outcome);
    expect(r1.problems.map((x) => x.code)).toEqual(expect.arrayContaining(['tally', 'close']));

    const signer = path.join(tmp, 'signer');
    fs.cpSync(bundle, signer, { recursive: true });
    const m2 = readManifest(signer);
    const [a, b] = [w.members[1]!.personId, w.members[2]!.personId];
    [m2.signers[a], m2.signers[b]] = [m2.signers[b]!, m2.signers[a]!];
    fs.writeFileSync(path.join(signer, 'manifest.json'), JSON.stringify(m2));
    const r2 = await verifyBundle(signer);
    expect(
      r2.problems
        .filter((x) => x.code === 'signer')
        .map((x) => x.file)
        .sort(),
    ).toEqual(['2.json.p7s', '3.json.p7s']);

    const foreign = path.join(tmp, 'foreign');
    fs.cpSync(bundle, foreign, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        '/dev/null',
      ].concat(['-subj', '/CN=Other CA', '-days', '2', '-out', path.join(foreign, 'ca.pem')]),
      { stdio: 'ignore' },
    );
    const r3 = await verifyBundle(foreign);
    expect(r3.ok).toBe(false);
    expect(r3.problems.filter((x) => x.code === 'untrusted').length).toBe(11);
  });

  it('refuses an open poll, an unknown id and a folder that is not empty', async () => {
    const open = await openTestPoll(w, 'Câu hỏi thứ hai?');
    await castTestVote(w, open, w.members[0]!, 'yes');
    await expectAppError(
      exportDecision(p, { kind: 'poll', id: open }, path.join(tmp, 'open')),
      'CABINET_DECISION_NOT_CLOSED',
    );
    await expectAppError(
      exportDecision(p, { kind: 'poll', id: '00000000-0000-4000-8000-000000000000' }, path.join(tmp, 'x')),
      'CABINET_DECISION_NOT_FOUND',
    );
    await expectAppError(
      exportDecision(p, { kind: 'ballot', id: pollId }, path.join(tmp, 'y')),
      'CABINET_DECISION_NOT_FOUND',
    );
    await expectAppError(
      exportDecision(p, { kind: 'poll', id: pollId }, bundle),
      'CABINET_EXPORT_DIR_NOT_EMPTY',
    );
    expect(fs.existsSync(path.join(tmp, 'open'))).toBe(false);
    const listed = await listDecisions(p, 'poll');
    expect(listed.map((r) => [r.id, r.state])).toEqual(
      expect.arrayContaining([
        [pollId, 'closed'],
        [open, 'open'],
      ]),
    );
  });
});

describe('evidence bundle of a ballot: deemed answers, sealed result PDF', () => {
  let w: BallotWorld;
  let id: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-evidence-ballot-'));
  const bundle = path.join(tmp, 'bundle');

  const answer = async (who: Who, choices: string[]) => {
    const url = `/api/cabinet/ballots/${id}`;
    const signer = await testSigner(w.p, w.ids[who]);
    const { questions } = (await as(w, who).get(url)).json<{
      questions: { id: string; options: { id: string }[] }[];
    }>();
    const answers = questions.map((q, i) =>
      choices[i] === 'other_option'
        ? { questionId: q.id, choice: 'other_option', optionId: q.options[0]!.id }
        : choices[i] === 'other_opinion'
          ? { questionId: q.id, choice: 'other_opinion', text: 'Cần đánh giá tác động kỹ hơn.' }
          : { questionId: q.id, choice: 'agree' },
    );
    const prepared = (await as(w, who).post(`${url}/prepare`, { answers })).json<{
      payload: string;
      toBeSigned: string;
      certificateId: string;
    }>();
    const res = await as(w, who).post(`${url}/answer`, {
      ...prepared,
      signature: signer.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64'),
    });
    expect(res.statusCode).toBe(201);
  };

  beforeAll(async () => {
    w = await ballotWorld();
    id = await sentBallot(w, { bodyId: w.deemedBodyId, reference: '31/PLYK-UBND' });
    await answer('chair', ['other_opinion', 'agree']);
    await answer('memberA', ['agree', 'other_option']);
    await moveClock(w, vn(12, 17, 30));
    const url = `/api/cabinet/ballots/${id}`;
    const { revision } = (await as(w, 'office').get(url)).json<{ revision: number }>();
    expect((await as(w, 'office').post(`${url}/close`, { revision })).statusCode).toBe(200);
    await exportDecision(w.p, { kind: 'ballot', id }, bundle);
  }, 180_000);
  afterAll(async () => {
    await w?.app.close();
    await w?.p.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('exports answers, the sealed deemed entry, close, checkpoint and result.pdf; openssl, pdfsig, verify pass', async () => {
    const m = readManifest(bundle);
    expect(m.kind).toBe('ballot');
    expect(m.reference).toBe('31/PLYK-UBND');
    expect(m.entries.map((e) => e.type)).toEqual(['roster', 'answer', 'answer', 'deemed', 'close']);
    expect(m.result).toBe('result.pdf');
    const deemed = JSON.parse(fs.readFileSync(path.join(bundle, '3.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(deemed).toMatchObject({ type: 'cpdt.ballot-deemed', ballot: id, member: w.ids.memberB });
    for (const file of [
      ...m.entries.map((e) => e.file),
      ...m.entries.flatMap((e) => (e.receipt ? [e.receipt] : [])),
      'checkpoint.json',
    ])
      expect(opensslVerify(bundle, file).status, file).toBe(0);
    expect(execFileSync('pdfsig', [path.join(bundle, 'result.pdf')], { encoding: 'utf8' })).toContain(
      'Signature is Valid',
    );
    const report = await verifyBundle(bundle);
    expect(report.problems.map(problemLine)).toEqual([]);
    expect(report.ok).toBe(true);
    // 5 entries + 2 receipts + checkpoint + the PDF's signature.
    expect(report.signatures).toBe(9);
  });

  it('members download the bundle as a ZIP that unzips to the same, valid bundle; strangers get 404', async () => {
    const url = `/api/cabinet/ballots/${id}/evidence`;
    const res = await as(w, 'memberB').get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('.zip');
    const zip = path.join(tmp, 'bundle.zip');
    fs.writeFileSync(zip, res.rawPayload);
    const dir = path.join(tmp, 'unzipped');
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    for (const f of fs.readdirSync(bundle, { recursive: true }) as string[]) {
      if (fs.statSync(path.join(bundle, f)).isDirectory() || f === 'manifest.json') continue;
      expect(fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(bundle, f))), f).toBe(true);
    }
    expect((await verifyBundle(dir)).ok).toBe(true);
    expect((await as(w, 'outsider').get(url)).statusCode).toBe(404);
    expect((await as(w, 'officeB').get(url)).statusCode).toBe(404);
  });

  it('a deemed entry removed, or the result PDF altered, is found', async () => {
    const removed = path.join(tmp, 'no-deemed');
    fs.cpSync(bundle, removed, { recursive: true });
    const m = readManifest(removed);
    m.entries = m.entries.filter((e) => e.type !== 'deemed');
    fs.writeFileSync(path.join(removed, 'manifest.json'), JSON.stringify(m));
    const r1 = await verifyBundle(removed);
    expect(r1.problems.map((x) => x.code)).toEqual(expect.arrayContaining(['chain', 'checkpoint']));

    const pdf = path.join(tmp, 'pdf');
    fs.cpSync(bundle, pdf, { recursive: true });
    const bytes = fs.readFileSync(path.join(pdf, 'result.pdf'));
    const at = bytes.indexOf('BT');
    bytes[at + 1] = 'X'.charCodeAt(0);
    fs.writeFileSync(path.join(pdf, 'result.pdf'), bytes);
    const r2 = await verifyBundle(pdf);
    expect(r2.problems).toEqual(
      expect.arrayContaining([
        { file: 'result.pdf', code: 'content' },
        { file: 'result.pdf', code: 'digest' },
      ]),
    );
  });
});

describe('evidence bundle of a poll with a vote recorded on behalf, then ratified', () => {
  let p: TestPlatform;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-evidence-proxy-'));

  beforeAll(async () => {
    p = await testPlatform({}, NOW);
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('names the recorder as signer of the vote and the member as signer of the ratification', async () => {
    const w = await votingWorld(p, 3, 'px');
    const [meeting] = await p.db.select().from(meetings).where(eq(meetings.id, w.meetingId));
    const [profile] = await p.db
      .select()
      .from(ruleProfiles)
      .where(eq(ruleProfiles.id, meeting!.ruleProfileId));
    await p.db
      .update(ruleProfiles)
      .set({ rules: { ...profile!.rules, proxyCapture: 'with_ratification' } })
      .where(eq(ruleProfiles.id, profile!.id));
    const officeId = await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      return ensurePerson(tx, SYSTEM_CONTEXT, {
        username: 'px-office',
        displayName: 'Văn phòng px',
        agencyId: w.agencyId,
        roles: ['meeting_office'],
      });
    });
    const recorder = await testSigner(p, officeId);
    const office = { ...actorOf(w, officeId), permissions: new Set([Permissions.manageMeetings]) };
    const pollId = await openTestPoll(w);
    await castTestVote(w, pollId, w.members[0]!, 'yes');
    await castTestVote(w, pollId, w.members[1]!, 'yes');
    // Member 3 is away: the office records their "no" with evidence, signed by the recorder.
    const member = w.members[2]!;
    const prepared = await p.db.transaction((tx) =>
      prepareVote(tx, office, w.meetingId, pollId, {
        choice: 'no',
        memberId: member.personId,
        evidence: 'Ý kiến bằng văn bản gửi qua thư ký lúc 9 giờ 40',
        certificateId: recorder.certificateId,
      }),
    );
    await p.db.transaction((tx) =>
      castVote(tx, p, office, w.meetingId, pollId, {
        payload: prepared.payload,
        toBeSigned: prepared.toBeSigned,
        signature: recorder.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64'),
        certificateId: prepared.certificateId,
      }),
    );
    const ratify = await p.db.transaction((tx) =>
      prepareRatification(tx, actorOf(w, member.personId), w.meetingId, pollId, {
        certificateId: member.signer.certificateId,
      }),
    );
    await p.db.transaction((tx) =>
      ratifyVote(tx, p, actorOf(w, member.personId), w.meetingId, pollId, {
        payload: ratify.payload,
        toBeSigned: ratify.toBeSigned,
        signature: member.signer.sign(Buffer.from(ratify.toBeSigned, 'base64')).toString('base64'),
        certificateId: ratify.certificateId,
      }),
    );
    await closeTestPoll(w, pollId);

    const dir = path.join(tmp, 'proxy');
    await exportDecision(p, { kind: 'poll', id: pollId }, dir);
    const m = readManifest(dir);
    expect(m.entries.map((e) => e.type)).toEqual(['roster', 'vote', 'vote', 'vote', 'ratification', 'close']);
    expect(m.entries[3]!.ratification).toBe('4.json');
    expect(m.signers[officeId]).toHaveLength(1);
    const report = await verifyBundle(dir);
    expect(report.problems.map(problemLine)).toEqual([]);
    expect((m.outcome as { unratified: number }).unratified).toBe(0);
    for (const e of m.entries) expect(opensslVerify(dir, e.file).status, e.file).toBe(0);

    // Claiming the member signed the recorded vote themself is found.
    const forged = path.join(tmp, 'forged');
    fs.cpSync(dir, forged, { recursive: true });
    const m2 = readManifest(forged);
    delete m2.signers[officeId];
    fs.writeFileSync(path.join(forged, 'manifest.json'), JSON.stringify(m2));
    expect((await verifyBundle(forged)).problems).toContainEqual({ file: '3.json.p7s', code: 'signer' });
  }, 120_000);
});
