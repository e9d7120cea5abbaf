/**
 * `cpdt verify <dir>`: checks an exported evidence bundle (decisions.bundle.ts) offline — no database, no
 * network, nothing but the folder. Every signature's mathematics and its certificate's chain to a CA in
 * `ca.pem` (valid at the signing time); every file against the hash the log committed to; the log's hash chain;
 * the sealed checkpoint against the log's head; the roster named by every vote or answer, voters on the
 * roster, one vote each, each signed by the member's own certificate (or the recorder's, for a vote recorded
 * on behalf); receipts; the result PDF's signature; and the tally recomputed from the signed votes under the
 * rule profile. Returns one problem per finding, each naming the file it is about.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  canonicalJson,
  certificateBlocks,
  CmsError,
  sha256Hex,
  verifyDetached,
} from '../../platform/crypto/index.js';
import {
  BUNDLE_FORMAT,
  CA_FILE,
  CHECKPOINT_FILE,
  MANIFEST_FILE,
  RESULT_FILE,
  signatureFile,
  type BundleEntry,
  type BundleManifest,
  type CheckpointStatement,
} from './decisions.bundle.js';
import { checkChain } from './decisions.log.js';
import { evaluateOutcome, type CountedVote } from './decisions.outcome.js';
import { YES_NO_ABSTAIN, type Outcome, type RosterEntry, type RosterStatement } from './model.js';

export const PROBLEMS = {
  manifest: {
    vi: 'bản kê khai không đọc được hoặc sai định dạng',
    en: 'the manifest is unreadable or malformed',
  },
  missing: { vi: 'thiếu tệp', en: 'file missing' },
  content: { vi: 'nội dung không khớp nhật ký', en: 'content does not match the log' },
  signature: { vi: 'chữ ký không hợp lệ', en: 'the signature is not valid' },
  digest: { vi: 'chữ ký không khớp nội dung', en: 'the signature does not match the content' },
  malformed: { vi: 'tệp chữ ký hỏng', en: 'the signature file is malformed' },
  untrusted: {
    vi: 'chứng thư của người ký không chuỗi tới CA nào trong ca.pem',
    en: "the signer's certificate does not chain to a CA in ca.pem",
  },
  validity: {
    vi: 'chứng thư không còn hoặc chưa có hiệu lực tại thời điểm ký',
    en: 'a certificate was not valid at the signing time',
  },
  noCa: { vi: 'không có chứng thư CA nào', en: 'no CA certificate' },
  signer: {
    vi: 'người ký không phải thành viên có tên trong phiếu',
    en: 'the signer is not the member the vote names',
  },
  seal: { vi: 'không được ký bằng con dấu của hệ thống', en: "not signed with the system's seal" },
  chain: { vi: 'chuỗi nhật ký bị đứt', en: 'the log chain is broken' },
  checkpoint: {
    vi: 'điểm chốt không khớp nhật ký (số mục hoặc mã băm cuối)',
    en: 'the checkpoint does not match the log (size or head hash)',
  },
  payload: { vi: 'nội dung ký không đúng quyết định này', en: 'the signed content is not for this decision' },
  roster: {
    vi: 'không nêu đúng danh sách thành viên đã niêm phong',
    en: 'does not name the sealed roster',
  },
  notOnRoster: { vi: 'người biểu quyết không có trong danh sách', en: 'the voter is not on the roster' },
  duplicate: { vi: 'thành viên đã biểu quyết trước đó', en: 'the member had already voted' },
  choice: { vi: 'lựa chọn không hợp lệ', en: 'the choice is not valid' },
  receipt: { vi: 'biên nhận không khớp mục nhật ký', en: 'the receipt does not match the log entry' },
  ratification: {
    vi: 'xác nhận không khớp phiếu được ghi thay',
    en: 'the ratification does not match a vote recorded on behalf',
  },
  deemed: {
    vi: 'mục "coi như đồng ý" không đúng quy chế hoặc thành viên đã trả lời',
    en: 'a "deemed to agree" entry the rules do not allow, or for a member who answered',
  },
  close: { vi: 'biên bản kết thúc không khớp kết quả', en: 'the close statement does not match the outcome' },
  tally: { vi: 'kiểm phiếu lại cho kết quả khác', en: 'recounting the votes gives a different outcome' },
  pdf: { vi: 'chữ ký của tệp PDF kết quả không hợp lệ', en: 'the result PDF signature is not valid' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface BundleProblem {
  /** The file the problem is about, relative to the bundle folder. */
  file: string;
  code: ProblemCode;
  detail?: string;
}

export interface VerifyReport {
  ok: boolean;
  problems: BundleProblem[];
  /** What was checked (for the summary line). */
  kind: string | null;
  id: string | null;
  title: string | null;
  entries: number;
  signatures: number;
  outcome: Outcome | Record<string, Outcome> | null;
}

/** `3.json: nội dung không khớp nhật ký / content does not match the log`. */
export function problemLine(p: BundleProblem): string {
  const m = PROBLEMS[p.code];
  return `${p.file}: ${m.vi} / ${m.en}${p.detail ? ` (${p.detail})` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Certificates: a small path check to the CAs in ca.pem (signature, CA flag, validity at the signing time)

interface Anchors {
  certs: X509Certificate[];
  fingerprints: Set<string>;
}

/** SHA-256 (hex) of a DER certificate, as the manifest lists them. */
export const fingerprintOf = (der: Buffer): string => sha256Hex(der);

function validAt(cert: X509Certificate, at: Date): boolean {
  return Date.parse(cert.validFrom) <= at.getTime() && at.getTime() <= Date.parse(cert.validTo);
}

/** null when `leaf` chains to an anchor through `extra` (the signature's certificates), each valid at `at`. */
export function chainProblem(
  leafDer: Buffer,
  extra: readonly Buffer[],
  anchors: Anchors,
  at: Date,
): 'untrusted' | 'validity' | null {
  let current: X509Certificate;
  try {
    current = new X509Certificate(leafDer);
  } catch {
    return 'untrusted';
  }
  const pool = [
    ...anchors.certs,
    ...extra.flatMap((der) => {
      try {
        return [new X509Certificate(der)];
      } catch {
        return [];
      }
    }),
  ];
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(current, at)) return 'validity';
    if (anchors.fingerprints.has(fingerprintOf(current.raw))) return null;
    const issuer = pool.find(
      (c) => c.ca && current.checkIssued(c) && current.verify(c.publicKey) && !c.raw.equals(current.raw),
    );
    if (!issuer) return 'untrusted';
    current = issuer;
  }
  return 'untrusted';
}

// ---------------------------------------------------------------------------------------------------------

interface Signed {
  /** SHA-256 (hex) of the signer's certificate. */
  signer: string;
}

class Checker {
  readonly problems: BundleProblem[] = [];
  signatures = 0;
  constructor(
    private readonly dir: string,
    private readonly anchors: Anchors,
    private readonly fallbackTime: Date,
  ) {}

  problem(file: string, code: ProblemCode, detail?: string): void {
    this.problems.push({ file, code, ...(detail ? { detail } : {}) });
  }

  async read(file: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(path.join(this.dir, file));
    } catch {
      this.problem(file, 'missing');
      return null;
    }
  }

  /** Verifies `<file>.p7s` over `content`: the mathematics, then the chain at the signing time. */
  async signature(file: string, content: Buffer): Promise<Signed | null> {
    const sigFile = signatureFile(file);
    const p7s = await this.read(sigFile);
    if (!p7s) return null;
    return this.cms(sigFile, p7s, content);
  }

  cms(sigFile: string, p7s: Buffer, content: Buffer): Signed | null {
    let verified;
    try {
      verified = verifyDetached(p7s, content);
    } catch (e) {
      if (e instanceof CmsError) {
        this.problem(
          sigFile,
          e.reason === 'digest' ? 'digest' : e.reason === 'malformed' ? 'malformed' : 'signature',
        );
        return null;
      }
      throw e;
    }
    this.signatures++;
    const extra = verified.certificates.filter((c) => !c.equals(verified.signerCertificate));
    const chain = chainProblem(
      verified.signerCertificate,
      extra,
      this.anchors,
      verified.signingTime ?? this.fallbackTime,
    );
    if (chain) {
      this.problem(sigFile, chain);
      return null;
    }
    return { signer: fingerprintOf(verified.signerCertificate) };
  }
}

function parseJson(content: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function sameDecision(v: unknown, kind: string, id: string): boolean {
  const d = v as { kind?: unknown; id?: unknown } | null;
  return Boolean(d && typeof d === 'object' && d.kind === kind && d.id === id);
}

/** The parts of an outcome a recount must reproduce (the trace is commentary). */
function outcomeKey(o: Outcome | undefined | null): string {
  if (!o) return 'null';
  return canonicalJson({
    result: o.result,
    final: o.final,
    base: o.base,
    needed: o.needed,
    counts: o.counts,
    deemed: o.deemed,
    unratified: o.unratified,
    missing: o.missing,
  });
}

function outcomesKey(o: unknown): string {
  if (!o || typeof o !== 'object') return 'null';
  if ('result' in o) return outcomeKey(o as Outcome);
  const per = o as Record<string, Outcome>;
  return canonicalJson(Object.fromEntries(Object.keys(per).map((k) => [k, outcomeKey(per[k])])));
}

function validManifest(m: Record<string, unknown> | null): m is Record<string, unknown> & BundleManifest {
  return Boolean(
    m &&
    m['format'] === BUNDLE_FORMAT &&
    (m['kind'] === 'poll' || m['kind'] === 'ballot') &&
    typeof m['id'] === 'string' &&
    Array.isArray(m['entries']) &&
    m['ruleProfile'] &&
    typeof m['ruleProfile'] === 'object' &&
    m['signers'] &&
    typeof m['signers'] === 'object' &&
    Array.isArray(m['seal']),
  );
}

/** A PDF's last signature: the bytes its /ByteRange covers and the CMS in /Contents. */
export function pdfSignature(pdf: Buffer): { content: Buffer; p7s: Buffer } | null {
  const text = pdf.toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = matches[matches.length - 1];
  if (!last) return null;
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || a + b > c || c + d > pdf.length) return null;
  const hex = text.slice(a + b, c).replace(/[<>\s]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
  let p7s = Buffer.from(hex, 'hex');
  // The placeholder is padded with zeros after the DER: cut it at the outer SEQUENCE's length.
  if (p7s[0] === 0x30 && p7s.length > 2) {
    const first = p7s[1]!;
    let length = first;
    let header = 2;
    if (first & 0x80) {
      const n = first & 0x7f;
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + p7s[2 + i]!;
      header = 2 + n;
    }
    p7s = p7s.subarray(0, Math.min(p7s.length, header + length));
  }
  return { content: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]), p7s };
}

interface VoteSeen {
  seq: number;
  file: string;
  member: string;
  choice: string;
  recordedBy: string | null;
  payloadSha256: string;
  ratified: boolean;
}

interface AnswerSeen {
  member: string;
  answers: { question: string; choice: string; option?: string }[];
}

/** Checks the bundle in `dir`; never throws for a bad bundle (only for an unreadable folder). */
export async function verifyBundle(dir: string): Promise<VerifyReport> {
  const report: VerifyReport = {
    ok: false,
    problems: [],
    kind: null,
    id: null,
    title: null,
    entries: 0,
    signatures: 0,
    outcome: null,
  };
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) {
    report.problems.push({ file: dir, code: 'missing' });
    return report;
  }
  let manifestRaw: Buffer;
  try {
    manifestRaw = await fs.readFile(path.join(dir, MANIFEST_FILE));
  } catch {
    report.problems.push({ file: MANIFEST_FILE, code: 'missing' });
    return report;
  }
  const parsed = parseJson(manifestRaw);
  if (!validManifest(parsed)) {
    report.problems.push({ file: MANIFEST_FILE, code: 'manifest' });
    return report;
  }
  const m = parsed;
  report.kind = m.kind;
  report.id = m.id;
  report.title = typeof m.title === 'string' ? m.title : null;
  report.entries = m.entries.length;
  report.outcome = m.outcome ?? null;

  let caPem: Buffer | null = null;
  try {
    caPem = await fs.readFile(path.join(dir, CA_FILE));
  } catch {
    report.problems.push({ file: CA_FILE, code: 'missing' });
  }
  const anchorCerts: X509Certificate[] = [];
  if (caPem)
    for (const der of (() => {
      try {
        return certificateBlocks(caPem);
      } catch {
        return [];
      }
    })()) {
      try {
        anchorCerts.push(new X509Certificate(der));
      } catch {
        /* not a certificate: ignored */
      }
    }
  if (caPem && !anchorCerts.length) report.problems.push({ file: CA_FILE, code: 'noCa' });
  const anchors: Anchors = {
    certs: anchorCerts,
    fingerprints: new Set(anchorCerts.map((c) => fingerprintOf(c.raw))),
  };
  const exportedAt = typeof m.exportedAt === 'string' ? new Date(m.exportedAt) : new Date();
  const check = new Checker(dir, anchors, Number.isNaN(exportedAt.getTime()) ? new Date() : exportedAt);
  const seal = new Set(m.seal);
  const signersOf = (personId: string) => new Set(m.signers[personId] ?? []);
  const decision = { kind: m.kind, id: m.id };

  // 1. The log's chain over what the manifest lists.
  const entries: BundleEntry[] = m.entries;
  const broken = checkChain(decision, entries);
  if (broken)
    check.problem(
      entries.find((e) => e.seq === broken.seq)?.file ?? MANIFEST_FILE,
      'chain',
      `mục / entry ${broken.seq}: ${broken.problem}`,
    );

  // 2. Each entry: the file against the log, its signature, what it says.
  let roster: RosterEntry[] | null = null;
  const onRoster = new Set<string>();
  const votes = new Map<string, VoteSeen>();
  const votesBySha = new Map<string, VoteSeen>();
  const answers = new Map<string, AnswerSeen>();
  const deemed = new Set<string>();
  let closeSeq = -1;

  for (const entry of entries) {
    const file = entry.file;
    const content = await check.read(file);
    if (!content) continue;
    if (sha256Hex(content) !== entry.payloadSha256) check.problem(file, 'content');
    const signed = await check.signature(file, content);
    const payload = parseJson(content);
    if (!payload) {
      check.problem(file, 'payload');
      continue;
    }
    const sealed = () => {
      if (signed && !seal.has(signed.signer)) check.problem(signatureFile(file), 'seal');
    };
    const member = str(payload['member']);
    const rosterOk = () => {
      if (payload['rosterHash'] !== m.rosterHash) check.problem(file, 'roster');
      if (member === null || !onRoster.has(member)) {
        check.problem(file, 'notOnRoster', member ?? undefined);
        return false;
      }
      return true;
    };
    switch (entry.type) {
      case 'roster': {
        sealed();
        const statement = payload as unknown as RosterStatement;
        if (
          entry.seq !== 0 ||
          statement.type !== 'cpdt.roster' ||
          !sameDecision(statement.decision, m.kind, m.id) ||
          !Array.isArray(statement.members)
        ) {
          check.problem(file, 'payload');
          break;
        }
        if (sha256Hex(content) !== m.rosterHash) check.problem(file, 'roster');
        roster = statement.members;
        for (const r of roster) onRoster.add(r.personId);
        break;
      }
      case 'vote': {
        if (m.kind !== 'poll' || payload['type'] !== 'cpdt.vote' || payload['poll'] !== m.id) {
          check.problem(file, 'payload');
          break;
        }
        const choice = str(payload['choice']) ?? '';
        const recordedBy = str(payload['recordedBy']);
        const allowed = m.pollKind === 'options' ? (m.options ?? []).map((o) => o.id) : [...YES_NO_ABSTAIN];
        if (!allowed.includes(choice)) check.problem(file, 'choice', choice);
        if (signed && !signersOf(recordedBy ?? member ?? '').has(signed.signer))
          check.problem(signatureFile(file), 'signer');
        if (!rosterOk()) break;
        if (votes.has(member!)) {
          check.problem(file, 'duplicate', member!);
          break;
        }
        const seen: VoteSeen = {
          seq: entry.seq,
          file,
          member: member!,
          choice,
          recordedBy,
          payloadSha256: sha256Hex(content),
          ratified: recordedBy === null,
        };
        votes.set(member!, seen);
        votesBySha.set(seen.payloadSha256, seen);
        break;
      }
      case 'ratification': {
        const vote = votesBySha.get(str(payload['votePayloadSha256']) ?? '');
        if (
          payload['type'] !== 'cpdt.ratification' ||
          payload['poll'] !== m.id ||
          !vote ||
          vote.member !== member ||
          vote.recordedBy === null
        ) {
          check.problem(file, 'ratification');
          break;
        }
        if (signed && !signersOf(member).has(signed.signer)) check.problem(signatureFile(file), 'signer');
        else vote.ratified = true;
        break;
      }
      case 'answer': {
        if (m.kind !== 'ballot' || payload['type'] !== 'cpdt.ballot-answer' || payload['ballot'] !== m.id) {
          check.problem(file, 'payload');
          break;
        }
        if (signed && !signersOf(member ?? '').has(signed.signer))
          check.problem(signatureFile(file), 'signer');
        if (!rosterOk()) break;
        if (answers.has(member!) || deemed.has(member!)) {
          check.problem(file, 'duplicate', member!);
          break;
        }
        const given = Array.isArray(payload['answers'])
          ? (payload['answers'] as { question: string; choice: string; option?: string }[])
          : [];
        for (const q of m.questions ?? []) {
          const a = given.find((g) => g.question === q.id);
          const ok =
            a &&
            (a.choice === 'agree' ||
              a.choice === 'other_opinion' ||
              (a.choice === 'other_option' && q.options.some((o) => o.id === a.option)));
          if (!ok) check.problem(file, 'choice', q.id);
        }
        answers.set(member!, { member: member!, answers: given });
        break;
      }
      case 'deemed': {
        sealed();
        if (m.kind !== 'ballot' || payload['type'] !== 'cpdt.ballot-deemed' || payload['ballot'] !== m.id) {
          check.problem(file, 'payload');
          break;
        }
        if (!rosterOk()) break;
        if (
          m.ruleProfile.rules.ballotNonResponse !== 'deemed_agree' ||
          answers.has(member!) ||
          deemed.has(member!)
        )
          check.problem(file, 'deemed', member!);
        deemed.add(member!);
        break;
      }
      case 'close': {
        sealed();
        if (payload['type'] !== 'cpdt.close' || !sameDecision(payload['decision'], m.kind, m.id)) {
          check.problem(file, 'payload');
          break;
        }
        closeSeq = entry.seq;
        if (outcomesKey(payload['outcome']) !== outcomesKey(m.outcome)) check.problem(file, 'close');
        break;
      }
    }

    // The server's receipt for a vote or an answer.
    if (entry.receipt) {
      const receipt = await check.read(entry.receipt);
      if (receipt) {
        const r = await check.signature(entry.receipt, receipt);
        if (r && !seal.has(r.signer)) check.problem(signatureFile(entry.receipt), 'seal');
        const body = parseJson(receipt);
        if (
          !body ||
          body['payloadSha256'] !== entry.payloadSha256 ||
          body['logSeq'] !== entry.seq ||
          (body['logHash'] !== undefined && body['logHash'] !== entry.hash) ||
          (body['member'] !== undefined && body['member'] !== member)
        )
          check.problem(entry.receipt, 'receipt');
      }
    }
  }
  if (!roster) check.problem(entries[0]?.file ?? MANIFEST_FILE, 'roster');
  if (closeSeq !== -1 && closeSeq !== entries.length - 1) check.problem(MANIFEST_FILE, 'chain', 'close');

  // 3. The sealed checkpoint pins the whole log.
  const cpRaw = await check.read(CHECKPOINT_FILE);
  if (cpRaw) {
    const signed = await check.signature(CHECKPOINT_FILE, cpRaw);
    if (signed && !seal.has(signed.signer)) check.problem(signatureFile(CHECKPOINT_FILE), 'seal');
    const cp = parseJson(cpRaw) as Partial<CheckpointStatement> | null;
    const last = entries[entries.length - 1];
    if (!cp || cp.type !== 'cpdt.checkpoint' || !sameDecision(cp.decision, m.kind, m.id))
      check.problem(CHECKPOINT_FILE, 'payload');
    else {
      if (cp.size !== entries.length || cp.head !== last?.hash)
        check.problem(CHECKPOINT_FILE, 'checkpoint', `${cp.size ?? '?'} / ${entries.length}`);
      if (outcomesKey(cp.outcome) !== outcomesKey(m.outcome)) check.problem(CHECKPOINT_FILE, 'close');
    }
  }

  // 4. Recount from the signed votes or answers under the rule profile.
  if (roster) {
    const rules = m.ruleProfile.rules;
    if (m.kind === 'poll') {
      const counted: CountedVote[] = [...votes.values()].map((v) => ({
        personId: v.member,
        choice: v.choice,
        ratified: v.ratified,
      }));
      const recount = recountPoll(m, rules, roster, counted);
      if (outcomesKey(recount) !== outcomesKey(m.outcome))
        check.problem(MANIFEST_FILE, 'tally', `${recount.result} ≠ ${(m.outcome as Outcome).result}`);
    } else {
      const recount = recountBallot(m, rules, roster, [...answers.values()]);
      if (outcomesKey(recount) !== outcomesKey(m.outcome)) check.problem(MANIFEST_FILE, 'tally');
      if (rules.ballotNonResponse === 'deemed_agree' && closeSeq !== -1) {
        const silent = roster.filter((r) => !answers.has(r.personId) && !deemed.has(r.personId));
        for (const r of silent) check.problem(MANIFEST_FILE, 'deemed', r.personId);
      }
    }
  }

  // 5. The sealed result report.
  if (m.result) {
    const pdf = await check.read(RESULT_FILE);
    if (pdf) {
      if (m.resultSha256 && sha256Hex(pdf) !== m.resultSha256) check.problem(RESULT_FILE, 'content');
      const sig = pdfSignature(pdf);
      if (!sig) check.problem(RESULT_FILE, 'pdf');
      else {
        const signed = check.cms(RESULT_FILE, sig.p7s, sig.content);
        if (signed && !seal.has(signed.signer)) check.problem(RESULT_FILE, 'seal');
      }
    }
  }

  report.problems = check.problems;
  report.signatures = check.signatures;
  report.ok = check.problems.length === 0;
  return report;
}

/**
 * The poll's outcome from its votes, as the polls service counts it (polls.service.ts tallyPoll): yes against
 * no; an options poll weighs the leading option (ties in the options' order) against the others.
 */
export function recountPoll(
  m: Pick<BundleManifest, 'pollKind' | 'options' | 'presentCount'>,
  rules: BundleManifest['ruleProfile']['rules'],
  roster: readonly RosterEntry[],
  votes: readonly CountedVote[],
): Outcome {
  let favour = 'yes';
  let against = ['no'];
  if (m.pollKind === 'options') {
    const counts = new Map<string, number>();
    for (const v of votes) counts.set(v.choice, (counts.get(v.choice) ?? 0) + 1);
    const ranked = (m.options ?? [])
      .map((o) => o.id)
      .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
    favour = ranked[0] ?? '';
    against = ranked.slice(1);
  }
  return evaluateOutcome({
    rules,
    roster,
    votes,
    favour,
    against,
    present: m.presentCount ?? null,
    final: true,
    ballot: false,
  });
}

/** A ballot's outcome per question: favour 'agree', against another opinion or option; silence per the rules. */
export function recountBallot(
  m: Pick<BundleManifest, 'questions'>,
  rules: BundleManifest['ruleProfile']['rules'],
  roster: readonly RosterEntry[],
  answers: readonly AnswerSeen[],
): Record<string, Outcome> {
  const out: Record<string, Outcome> = {};
  for (const q of m.questions ?? []) {
    const votes: CountedVote[] = [];
    for (const a of answers) {
      const given = a.answers.find((x) => x.question === q.id);
      if (given) votes.push({ personId: a.member, choice: given.choice, ratified: true });
    }
    out[q.id] = evaluateOutcome({
      rules,
      roster,
      votes,
      favour: 'agree',
      against: ['other_opinion', 'other_option'],
      present: null,
      final: true,
      ballot: true,
    });
  }
  return out;
}
