// `npm run bench` (after the live room), or alone: node bin/run-ts.mjs bench/votes.ts
//
// Signed votes accepted per second through the polls service's cast path — everything the server does for a
// vote: parse and check the canonical payload, roster and duplicate checks, the member's certificate (identity,
// path to the trusted CA, validity, revocation), the signed attributes' digest, the ECDSA P-256 signature, the
// evidence-log append, the sealed receipt (the seal in a SoftHSM2 token, as in production), the audit record —
// through acceptVote, the route's path: votes verified in batches of up to 100 with no lock held (two reads per
// batch), then written by the poll's group commit (up to 200 verified votes per transaction, one audit record per
// batch) — beside raw ECDSA P-256 verifications per second (node:crypto) measured in
// the same process. Members prepare and sign their votes before the clock starts (that is the clients' work).
//
// Environment:
//   VOTES_SEATS        voting seats (default 200)     VOTES_POLLS   polls voted in turn (default 5)
//   VOTES_CONCURRENCY  votes in flight (default: all seats at once)
//   DATABASE_URL       run on this PostgreSQL server (a fresh database, dropped afterwards); else PGlite
//   VOTES_PROFILE      write a CPU profile of the timed casting only to this .cpuprofile file
// Results: bench/results/votes-<pglite|postgres>.json. Reports, does not assert timing: the exit code is
// non-zero only when a vote was refused or the stored votes do not add up.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import { testPlatform } from '../test/support/platform.js';
import {
  actorOf,
  closeTestPoll,
  openTestPoll,
  votingWorld,
} from '../src/modules/cabinet/decisions.test-helpers.js';
import { acceptVote, prepareVote, type SignedInput } from '../src/modules/cabinet/polls.service.js';
import { votes } from '../src/modules/cabinet/schema.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = path.join(ROOT, 'bench/results');
const SEATS = Number(process.env['VOTES_SEATS'] ?? 200);
const POLLS = Number(process.env['VOTES_POLLS'] ?? 5);
// Default: every seat at once, as when the chair opens the poll and the room votes.
const CONCURRENCY = Number(process.env['VOTES_CONCURRENCY'] ?? SEATS);
const AIM = 1000;
const PROFILE = process.env['VOTES_PROFILE'];

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((q / 100) * sorted.length))] ?? NaN;

/** Raw ECDSA P-256 / SHA-256 verifications per second over `seconds`, as the cast path does one per vote. */
function rawEcdsa(seconds: number): number {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const messages = Array.from({ length: 64 }, (_, i) => crypto.randomBytes(200 + i));
  const signatures = messages.map((m) => crypto.sign('sha256', m, privateKey));
  let n = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < 64; i++)
      if (!crypto.verify('sha256', messages[i]!, publicKey, signatures[i]!)) throw new Error('verify');
    n += 64;
  }
  return n / ((performance.now() - start) / 1000);
}

async function main(): Promise<number> {
  const started = Date.now();
  const p = await testPlatform({});
  const kind = p.database.kind;
  try {
    console.log(
      `votes (${kind}): ${SEATS} seats, ${POLLS} polls, ${CONCURRENCY} in flight — preparing members…`,
    );
    const w = await votingWorld(p, SEATS, 'bench');
    const latencies: number[] = [];
    let castMs = 0;
    let castCpuUs = 0;
    const perPoll: number[] = [];
    let refused = 0;
    const ecdsaBefore = rawEcdsa(2);
    const inspector = PROFILE ? new Session() : null;
    if (inspector) {
      inspector.connect();
      await inspector.post('Profiler.enable');
    }
    for (let poll = 0; poll < POLLS; poll++) {
      p.clock.set(new Date());
      const pollId = await openTestPoll(w, `Biểu quyết thử số ${poll + 1}?`);
      // The members' side, not timed: prepare (server) and sign (the member's device).
      const signed: { personId: string; input: SignedInput }[] = [];
      for (const [i, m] of w.members.entries()) {
        const prepared = await p.db.transaction((tx) =>
          prepareVote(tx, actorOf(w, m.personId), w.meetingId, pollId, {
            choice: i % 3 === 2 ? 'no' : 'yes',
            certificateId: m.signer.certificateId,
          }),
        );
        const signature = m.signer.sign(Buffer.from(prepared.toBeSigned, 'base64')).toString('base64');
        signed.push({
          personId: m.personId,
          input: {
            payload: prepared.payload,
            toBeSigned: prepared.toBeSigned,
            signature,
            certificateId: prepared.certificateId,
          },
        });
      }
      p.clock.set(new Date());
      let next = 0;
      if (inspector) await inspector.post('Profiler.start');
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (;;) {
            const v = signed[next++];
            if (!v) return;
            const s = performance.now();
            try {
              await acceptVote(p, actorOf(w, v.personId), w.meetingId, pollId, v.input);
            } catch (e) {
              refused++;
              if (refused <= 3) console.error(e);
            }
            latencies.push(performance.now() - s);
          }
        }),
      );
      const pollMs = performance.now() - t0;
      castMs += pollMs;
      perPoll.push(round(SEATS / (pollMs / 1000)));
      const cpu = process.cpuUsage(cpu0);
      castCpuUs += cpu.user + cpu.system;
      if (inspector) {
        const { profile } = await inspector.post('Profiler.stop');
        if (poll === POLLS - 1) fs.writeFileSync(PROFILE!, JSON.stringify(profile));
      }
      await closeTestPoll(w, pollId);
    }
    const ecdsaAfter = rawEcdsa(2);
    const stored = (await p.db.select({ id: votes.id }).from(votes)).length;
    const expected = SEATS * POLLS;
    const sorted = [...latencies].sort((a, b) => a - b);
    const votesPerSecond = (expected - refused) / (castMs / 1000);
    const ecdsa = (ecdsaBefore + ecdsaAfter) / 2;
    const result = {
      benchmark: 'votes',
      date: new Date().toISOString(),
      database: kind,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)),
      seats: SEATS,
      polls: POLLS,
      concurrency: CONCURRENCY,
      votes: expected,
      refused,
      stored,
      votesPerSecond: round(votesPerSecond),
      // Opening a poll checks its voters' certificates ahead of their votes (warmVoters, as the route does in the
      // background): the first poll differs from later ones only by the code's first runs (JIT).
      votesPerSecondByPoll: perPoll,
      aimVotesPerSecond: AIM,
      castLatencyMs: {
        p50: round(percentile(sorted, 50), 2),
        p99: round(percentile(sorted, 99), 2),
        max: round(sorted[sorted.length - 1] ?? NaN, 2),
      },
      // CPU time of this process (all its threads) while casting, per vote: tells waiting from working.
      cpuMsPerVote: round(castCpuUs / 1000 / (expected - refused), 3),
      wallMsPerVote: round(castMs / (expected - refused), 3),
      rawEcdsaP256VerifiesPerSecond: round(ecdsa),
      votesPerEcdsaVerify: round(votesPerSecond / ecdsa, 3),
      totalSeconds: round((Date.now() - started) / 1000),
      seal: (await p.pki.seal()).description,
      note:
        'In-process: the polls service cast path of POST …/votes (acceptVote: verification in batches of up to 100 with no lock, then ' +
        "the poll's group commit, up to 200 votes per transaction), the seal in a SoftHSM2 token, the database " +
        'as named. Per verification batch: one read of the poll and who of the batch has voted, one read of their certificates; each vote: payload checks, roster and duplicate checks, pki.validate ' +
        '(its path checked ahead when the poll opened, as the route does, untimed; a good answer is kept a minute), signed-attributes digest, one ECDSA P-256 verify; per batch: poll row share lock, log ' +
        'append (advisory lock per poll), duplicate check, sealed receipts (CMS by the token, one per vote), ' +
        "multi-row insert, one audit record. Preparing and signing the votes (the members' devices) is not timed. " +
        'Each vote resolves only after its batch committed.',
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `votes-${kind}.json`);
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `votes (${kind}): ${result.votesPerSecond} signed votes/s accepted (aim ≥ ${AIM}); raw ECDSA P-256 ` +
        `${result.rawEcdsaP256VerifiesPerSecond} verifies/s; cast p50 ${result.castLatencyMs.p50} ms, ` +
        `p99 ${result.castLatencyMs.p99} ms; CPU ${result.cpuMsPerVote} ms/vote; ${stored}/${expected} stored, ${refused} refused`,
    );
    console.log(`written to ${path.relative(ROOT, file)}`);
    if (votesPerSecond < AIM) console.warn(`WARNING: below the aim of ${AIM} votes/s`);
    return refused === 0 && stored === expected ? 0 : 1;
  } finally {
    await p.close();
  }
}

process.exitCode = await main();
