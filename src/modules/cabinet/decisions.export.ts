/**
 * Writes a closed decision's evidence bundle (decisions.bundle.ts, docs/signatures.md) from what the database
 * holds: the sealed roster, every signed vote or answer exactly as signed with its CMS, ratifications, sealed
 * "deemed" entries and close statement, receipts, the sealed checkpoint, the CA certificates the signatures
 * chain to, and a ballot's sealed result report. Nothing is re-signed or recomputed: what was stored is what
 * is written, so a changed row in the database shows up when the bundle is verified (`cpdt verify`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { X509Certificate } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import { sha256Hex, toPem, verifyDetached } from '../../platform/crypto/index.js';
import { CONTEXT, TAG, isContext, isTag, parseDer, readOid } from '../../platform/crypto/der.js';
import { isUuid, type Executor } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors/index.js';
import type { Platform } from '../../platform/platform.js';
import { certificatesByFingerprint, certificatesById } from '../identity/index.js';
import {
  BUNDLE_FORMAT,
  CA_FILE,
  CHECKPOINT_FILE,
  MANIFEST_FILE,
  RECEIPTS_DIR,
  RESULT_FILE,
  entryFile,
  receiptFile,
  signatureFile,
  type BundleEntry,
  type BundleManifest,
} from './decisions.bundle.js';
import { DecisionErrors } from './decisions.errors.js';
import { readLog, type LogRow } from './decisions.log.js';
import type { DecisionKind, Outcome } from './model.js';
import {
  agendaItems,
  ballotResponses,
  ballots,
  bodies,
  decisionCheckpoints,
  meetings,
  polls,
  ruleProfiles,
  votes,
} from './schema.js';

export interface ExportSummary {
  dir: string;
  kind: DecisionKind;
  id: string;
  title: string;
  entries: number;
  files: number;
  /** Stored evidence that could not be found (the bundle then fails verification, naming the file). */
  warnings: string[];
}

interface Signed {
  payload: string;
  signature: string;
}

/** The certificates carried in a CMS SignedData (DER), read without judging the signature. */
export function cmsCertificates(p7s: Buffer): Buffer[] {
  try {
    const ci = parseDer(p7s);
    const content = ci.children[1];
    if (readOid(ci.children[0]) !== '1.2.840.113549.1.7.2' || !isContext(content, 0)) return [];
    const sd = content.children[0]?.children ?? [];
    const certs = sd.find((n) => n.cls === CONTEXT && n.number === 0);
    return certs ? certs.children.filter((c) => isTag(c, TAG.SEQUENCE)).map((c) => Buffer.from(c.raw)) : [];
  } catch {
    return [];
  }
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

/** The close entry's sealed statement: in the log row's `ref` (polls.service.ts), or a checkpoint row of its size. */
function closeStatement(
  row: LogRow,
  checkpoints: readonly (typeof decisionCheckpoints.$inferSelect)[],
): Signed | null {
  if (row.ref) {
    try {
      const parsed = JSON.parse(row.ref) as { payload?: unknown; signature?: unknown };
      if (typeof parsed.payload === 'string' && typeof parsed.signature === 'string')
        return { payload: parsed.payload, signature: parsed.signature };
    } catch {
      /* not there */
    }
  }
  const found = checkpoints.find(
    (c) => c.size === row.seq && (JSON.parse(c.payload) as { type?: string }).type === 'cpdt.close',
  );
  return found ? { payload: found.payload, signature: found.signature } : null;
}

/** The latest sealed checkpoint (a `cpdt.checkpoint` statement). */
function latestCheckpoint(rows: readonly (typeof decisionCheckpoints.$inferSelect)[]): Signed | null {
  const found = [...rows]
    .sort((a, b) => b.size - a.size)
    .find((c) => {
      try {
        return (JSON.parse(c.payload) as { type?: string }).type === 'cpdt.checkpoint';
      } catch {
        return false;
      }
    });
  return found ? { payload: found.payload, signature: found.signature } : null;
}

/** Trust anchors that issued any of `certs` (directly or through another anchor, e.g. an intermediate). */
function anchorsFor(certs: readonly Buffer[], anchors: readonly Buffer[]): Buffer[] {
  const parse = (der: Buffer) => {
    try {
      return new X509Certificate(der);
    } catch {
      return null;
    }
  };
  const pending = certs.map(parse).filter((c): c is X509Certificate => c !== null);
  const candidates = anchors.map((der) => ({ der, cert: parse(der) }));
  const chosen = new Map<string, Buffer>();
  for (let i = 0; i < pending.length; i++) {
    const cert = pending[i]!;
    for (const a of candidates) {
      if (!a.cert) continue;
      const id = sha256Hex(a.der);
      if (chosen.has(id)) continue;
      if (cert.checkIssued(a.cert) && cert.verify(a.cert.publicKey)) {
        chosen.set(id, a.der);
        pending.push(a.cert);
      }
    }
  }
  return [...chosen.values()];
}

async function readStored(p: Platform, sha256: string): Promise<Buffer | null> {
  if (!(await p.files.has(sha256))) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await p.files.open(sha256)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Collected {
  manifest: Omit<BundleManifest, 'entries' | 'signers' | 'seal' | 'exportedAt' | 'checkpoint'>;
  log: LogRow[];
  /** Per seq: the stored signed statement. */
  statements: Map<number, Signed>;
  receipts: Map<number, Signed>;
  /** Per seq of a vote: the seq of its ratification. */
  ratifications: Map<number, number>;
  /** Certificate ids of the member signatures (votes, answers, ratifications: those of the vote). */
  certificateIds: string[];
  checkpoint: Signed | null;
  result: Buffer | null;
  warnings: string[];
}

async function collectPoll(tx: Executor, id: string): Promise<Collected> {
  const [poll] = await tx.select().from(polls).where(eq(polls.id, id));
  if (!poll) throw new AppError(DecisionErrors.CABINET_DECISION_NOT_FOUND, { kind: 'poll', id });
  if (poll.state !== 'closed')
    throw new AppError(DecisionErrors.CABINET_DECISION_NOT_CLOSED, { state: poll.state });
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, poll.meetingId));
  const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, poll.agendaItemId));
  const [body] = await tx.select().from(bodies).where(eq(bodies.id, meeting!.bodyId));
  const [profile] = await tx.select().from(ruleProfiles).where(eq(ruleProfiles.id, poll.ruleProfileId));
  const decision = { kind: 'poll' as const, id };
  const log = await readLog(tx, decision);
  const rows = await tx.select().from(votes).where(eq(votes.pollId, id));
  const checkpoints = await checkpointRows(tx, decision);
  const statements = new Map<number, Signed>();
  const receipts = new Map<number, Signed>();
  const ratifications = new Map<number, number>();
  const warnings: string[] = [];
  for (const e of log) {
    switch (e.type) {
      case 'roster':
        statements.set(e.seq, { payload: poll.rosterPayload, signature: poll.rosterSignature });
        break;
      case 'vote': {
        const v = rows.find((r) => r.logSeq === e.seq) ?? rows.find((r) => r.id === e.ref);
        if (!v) break;
        statements.set(e.seq, { payload: v.payload, signature: v.signature });
        receipts.set(e.seq, { payload: v.receiptPayload, signature: v.receiptSignature });
        break;
      }
      case 'ratification': {
        const v =
          rows.find((r) => r.id === e.ref) ??
          rows.find((r) => r.ratificationPayload && sha256Hex(r.ratificationPayload) === e.payloadSha256);
        if (!v?.ratificationPayload || !v.ratificationSignature) break;
        statements.set(e.seq, { payload: v.ratificationPayload, signature: v.ratificationSignature });
        ratifications.set(v.logSeq, e.seq);
        break;
      }
      case 'close': {
        const s = closeStatement(e, checkpoints);
        if (s) statements.set(e.seq, s);
        break;
      }
      case 'answer':
      case 'deemed':
        break; // not in a poll: reported below as missing
    }
    if (!statements.has(e.seq)) warnings.push(`${entryFile(e.seq)}: ${e.type}`);
  }
  return {
    manifest: {
      format: BUNDLE_FORMAT,
      kind: 'poll',
      id,
      title: poll.question,
      body: { id: body!.id, name: body!.nameVi },
      meeting: { id: meeting!.id, title: meeting!.title },
      agendaItem: { id: item!.id, title: item!.title },
      question: poll.question,
      pollKind: poll.kind,
      options: poll.options,
      ruleProfile: {
        id: profile!.id,
        code: profile!.code,
        name: profile!.nameVi,
        rules: profile!.rules,
        legalBasis: profile!.legalBasis,
      },
      presentCount: poll.presentCount,
      rosterHash: poll.rosterHash,
      outcome: poll.outcome as Outcome,
    },
    log,
    statements,
    receipts,
    ratifications,
    certificateIds: rows.map((r) => r.certificateId),
    checkpoint: latestCheckpoint(checkpoints),
    result: null,
    warnings,
  };
}

async function checkpointRows(tx: Executor, decision: { kind: DecisionKind; id: string }) {
  return tx
    .select()
    .from(decisionCheckpoints)
    .where(
      and(
        eq(decisionCheckpoints.decisionKind, decision.kind),
        eq(decisionCheckpoints.decisionId, decision.id),
      ),
    )
    .orderBy(asc(decisionCheckpoints.size));
}

async function collectBallot(tx: Executor, p: Platform, id: string): Promise<Collected> {
  const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, id));
  if (!ballot) throw new AppError(DecisionErrors.CABINET_DECISION_NOT_FOUND, { kind: 'ballot', id });
  if (ballot.state !== 'closed')
    throw new AppError(DecisionErrors.CABINET_DECISION_NOT_CLOSED, { state: ballot.state });
  const [body] = await tx.select().from(bodies).where(eq(bodies.id, ballot.bodyId));
  const [profile] = await tx.select().from(ruleProfiles).where(eq(ruleProfiles.id, ballot.ruleProfileId));
  const decision = { kind: 'ballot' as const, id };
  const log = await readLog(tx, decision);
  const rows = await tx.select().from(ballotResponses).where(eq(ballotResponses.ballotId, id));
  const checkpoints = await checkpointRows(tx, decision);
  const statements = new Map<number, Signed>();
  const receipts = new Map<number, Signed>();
  const warnings: string[] = [];
  for (const e of log) {
    switch (e.type) {
      case 'roster':
        if (ballot.rosterPayload && ballot.rosterSignature)
          statements.set(e.seq, { payload: ballot.rosterPayload, signature: ballot.rosterSignature });
        break;
      case 'answer':
      case 'deemed': {
        const r = rows.find((x) => x.logSeq === e.seq) ?? rows.find((x) => x.personId === e.ref);
        if (!r?.payload || !r.signature) break;
        statements.set(e.seq, { payload: r.payload, signature: r.signature });
        if (r.receiptPayload && r.receiptSignature)
          receipts.set(e.seq, { payload: r.receiptPayload, signature: r.receiptSignature });
        break;
      }
      case 'close': {
        const s = closeStatement(e, checkpoints);
        if (s) statements.set(e.seq, s);
        break;
      }
      case 'vote':
      case 'ratification':
        break; // not in a ballot: reported below as missing
    }
    if (!statements.has(e.seq)) warnings.push(`${entryFile(e.seq)}: ${e.type}`);
  }
  let result: Buffer | null = null;
  if (ballot.resultSha256) {
    result = await readStored(p, ballot.resultSha256);
    if (!result) warnings.push(`${RESULT_FILE}: ${ballot.resultSha256}`);
  }
  return {
    manifest: {
      format: BUNDLE_FORMAT,
      kind: 'ballot',
      id,
      title: ballot.title,
      body: { id: body!.id, name: body!.nameVi },
      reference: ballot.reference,
      questions: ballot.questions,
      deadline: ballot.deadline?.toISOString() ?? null,
      ruleProfile: {
        id: profile!.id,
        code: profile!.code,
        name: profile!.nameVi,
        rules: profile!.rules,
        legalBasis: profile!.legalBasis,
      },
      rosterHash: ballot.rosterHash ?? '',
      outcome: ballot.outcome ?? {},
      ...(ballot.resultSha256 ? { result: RESULT_FILE, resultSha256: ballot.resultSha256 } : {}),
    },
    log,
    statements,
    receipts,
    ratifications: new Map(),
    certificateIds: rows.flatMap((r) => (r.certificateId ? [r.certificateId] : [])),
    checkpoint: latestCheckpoint(checkpoints),
    result,
    warnings,
  };
}

async function emptyFolder(dir: string): Promise<void> {
  const existing = await fs.readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  if (existing.length) throw new AppError(DecisionErrors.CABINET_EXPORT_DIR_NOT_EMPTY, { dir });
  await fs.mkdir(dir, { recursive: true });
}

export interface Bundle {
  /** File name (relative, `/`-separated) → content. */
  files: Map<string, Buffer>;
  summary: Omit<ExportSummary, 'dir'>;
}

/**
 * The bundle of the closed poll or ballot `decision`, in memory, read in `tx` (the caller has checked that
 * the actor may read the decision, or is the operator at the command line).
 */
export async function buildBundle(
  tx: Executor,
  p: Platform,
  decision: { kind: DecisionKind; id: string },
): Promise<Bundle> {
  if (!isUuid(decision.id)) throw new AppError(DecisionErrors.CABINET_DECISION_NOT_FOUND, decision);
  const c =
    decision.kind === 'poll' ? await collectPoll(tx, decision.id) : await collectBallot(tx, p, decision.id);
  // Who the certificates in the members' signatures are registered to: those named on the stored rows, and
  // any other carried (a ratification's, whose certificate has no column of its own).
  const memberCms = c.log
    .filter((e) => e.type === 'vote' || e.type === 'ratification' || e.type === 'answer')
    .flatMap((e) => {
      const s = c.statements.get(e.seq);
      return s ? cmsCertificates(b64(s.signature)) : [];
    });
  const byId = await certificatesById(tx, c.certificateIds);
  const byFingerprint = await certificatesByFingerprint(
    tx,
    memberCms.map((der) => sha256Hex(der)),
  );
  const certs = new Map([...byId.values(), ...byFingerprint.values()].map((r) => [r.id, r]));
  const collected = { ...c, certs };

  const files = new Map<string, Buffer>();
  const entries: BundleEntry[] = [];
  const signers: Record<string, Set<string>> = {};
  for (const cert of collected.certs.values()) (signers[cert.personId] ??= new Set()).add(cert.fingerprint);
  const memberFingerprints = new Set([...collected.certs.values()].map((c) => c.fingerprint));
  const seal = new Set<string>();
  const carried: Buffer[] = [...collected.certs.values()].map((c) => new X509Certificate(c.pem).raw);

  /** Adds a signed file and its .p7s; notes the seal's certificate when the statement is the system's. */
  const add = (file: string, s: Signed, sealed: boolean) => {
    const content = Buffer.from(s.payload, 'utf8');
    const p7s = b64(s.signature);
    files.set(file, content);
    files.set(signatureFile(file), p7s);
    carried.push(...cmsCertificates(p7s));
    if (!sealed) return;
    try {
      const fp = sha256Hex(verifyDetached(p7s, content).signerCertificate);
      if (!memberFingerprints.has(fp)) seal.add(fp);
    } catch {
      /* a broken seal signature: verification will say so */
    }
  };

  for (const e of collected.log) {
    const file = entryFile(e.seq);
    const statement = collected.statements.get(e.seq);
    const sealed = e.type === 'roster' || e.type === 'deemed' || e.type === 'close';
    if (statement) add(file, statement, sealed);
    const entry: BundleEntry = {
      seq: e.seq,
      type: e.type,
      file,
      payloadSha256: e.payloadSha256,
      prevHash: e.prevHash,
      hash: e.hash,
    };
    const ratification = collected.ratifications.get(e.seq);
    if (ratification !== undefined) entry.ratification = entryFile(ratification);
    const receipt = collected.receipts.get(e.seq);
    if (receipt) {
      add(receiptFile(e.seq), receipt, true);
      entry.receipt = receiptFile(e.seq);
    }
    entries.push(entry);
  }
  if (collected.checkpoint) add(CHECKPOINT_FILE, collected.checkpoint, true);
  else collected.warnings.push(CHECKPOINT_FILE);
  if (collected.result) files.set(RESULT_FILE, collected.result);

  const anchors = anchorsFor(carried, await p.pki.trustAnchors());
  files.set(CA_FILE, Buffer.from(anchors.map((der) => toPem(der)).join(''), 'utf8'));

  const manifest: BundleManifest = {
    ...collected.manifest,
    signers: Object.fromEntries(
      Object.entries(signers)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, [...v].sort()]),
    ),
    seal: [...seal].sort(),
    entries,
    checkpoint: CHECKPOINT_FILE,
    exportedAt: p.clock.now().toISOString(),
  };
  files.set(MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));

  return {
    files,
    summary: {
      kind: decision.kind,
      id: decision.id,
      title: manifest.title,
      entries: entries.length,
      files: files.size,
      warnings: collected.warnings,
    },
  };
}

/** Writes the bundle of the closed poll or ballot `decision` into `dir` (new or empty). */
export async function exportDecision(
  p: Platform,
  decision: { kind: DecisionKind; id: string },
  dir: string,
): Promise<ExportSummary> {
  const bundle = await p.db.transaction((tx) => buildBundle(tx, p, decision));
  await emptyFolder(dir);
  await fs.mkdir(path.join(dir, RECEIPTS_DIR), { recursive: true });
  for (const [name, content] of bundle.files) await fs.writeFile(path.join(dir, name), content);
  return { dir, ...bundle.summary };
}

/** A ZIP archive (stored, no compression: the signatures do not compress) of the bundle's files. */
export function zipBundle(files: ReadonlyMap<string, Buffer>, at: Date): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const time = ((at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1)) & 0xffff;
  const date =
    (((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()) & 0xffff;
  for (const [name, content] of files) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(content);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(0, 8); // stored
    head.writeUInt16LE(time, 10);
    head.writeUInt16LE(date, 12);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(content.length, 18);
    head.writeUInt32LE(content.length, 22);
    head.writeUInt16LE(fileName.length, 26);
    local.push(head, fileName, content);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(0, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(date, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(content.length, 20);
    entry.writeUInt32LE(content.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, fileName);
    offset += head.length + fileName.length + content.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.size, 8);
  end.writeUInt16LE(files.size, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, ...central, end]);
}

export interface DecisionListing {
  id: string;
  title: string;
  state: string;
  /** Opened (poll) or sent / created (ballot). */
  date: Date;
  /** The meeting (poll) or the reference number (ballot). */
  context: string | null;
}

/** Polls or ballots, newest first, for `cpdt poll list` / `cpdt ballot list`. */
export async function listDecisions(
  p: Platform,
  kind: DecisionKind,
  limit = 200,
): Promise<DecisionListing[]> {
  if (kind === 'poll') {
    const rows = await p.db
      .select({
        id: polls.id,
        title: polls.question,
        state: polls.state,
        date: polls.openedAt,
        context: meetings.title,
      })
      .from(polls)
      .innerJoin(meetings, eq(meetings.id, polls.meetingId))
      .orderBy(desc(polls.openedAt))
      .limit(limit);
    return rows;
  }
  const rows = await p.db
    .select({
      id: ballots.id,
      title: ballots.title,
      state: ballots.state,
      sentAt: ballots.sentAt,
      createdAt: ballots.createdAt,
      context: ballots.reference,
    })
    .from(ballots)
    .orderBy(desc(ballots.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    state: r.state,
    date: r.sentAt ?? r.createdAt,
    context: r.context,
  }));
}
