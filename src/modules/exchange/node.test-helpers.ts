/**
 * Fixtures for the agency node tests: three registry agencies that are all agencies of this node — the
 * Government Office (A), the Ministry of Finance (B) and a province (C, nobody's scope but its own clerk) —
 * a clerk for each, an official of B to assign documents to, an outsider; a one-page PDF; and an incoming
 * document made the way the hub makes one (A composes, the envelope is received by B).
 */
import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createHttpApp } from '../../platform/http/index.js';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { signedIn, TEST_PASSWORD } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { ensureBuiltinRoles, ensurePerson, identityModule, sessionActorResolver } from '../identity/index.js';
import { agencies } from '../identity/schema.js';
import { composeOutbound, type OutboundInput } from './node.compose.js';
import { addNodeAgency } from './node.agencies.js';
import type { NodeActor } from './node.policy.js';
import { receiveEnvelope } from './node.receive.js';
import { nodeRoutes } from './node.routes.js';
import { exchangeDocuments } from './schema.js';

export const CODE = { A: '000.00.00.G22', B: '000.00.00.G12', C: '000.00.00.H41' } as const;
export type Office = keyof typeof CODE;

const PEOPLE = {
  clerkA: { name: 'Lê Thị Văn Thư', agency: 'A', roles: ['documents_clerk'] },
  clerkB: { name: 'Trần Văn Tiếp Nhận', agency: 'B', roles: ['documents_clerk'] },
  clerkC: { name: 'Phạm Thị Nghệ An', agency: 'C', roles: ['documents_clerk'] },
  officer: { name: 'Nguyễn Văn Chuyên Viên', agency: 'B', roles: ['official'] },
  outsider: { name: 'Đỗ Văn Người Ngoài', agency: 'B', roles: ['official'] },
} as const;
export type Who = keyof typeof PEOPLE;

export interface NodeWorld {
  p: TestPlatform;
  agencyIds: Record<Office, string>;
  ids: Record<Who, string>;
  actor(who: Who): NodeActor;
}

/** 10:00 in Hà Nội on Tuesday 10 March 2026. */
export const START = new Date('2026-03-10T03:00:00Z');

export async function nodeWorld(env: Record<string, string> = {}): Promise<NodeWorld> {
  const p = await testPlatform({ EXCHANGE_SIGN: 'off', SIGN_IN_RATE_LIMIT_MAX: '100000', ...env }, START);
  const inserted = await p.db
    .insert(agencies)
    .values([
      { code: CODE.A, nameVi: 'Văn phòng Chính phủ', level: 'central' },
      { code: CODE.B, nameVi: 'Bộ Tài chính', level: 'central' },
      { code: CODE.C, nameVi: 'Ủy ban nhân dân tỉnh Nghệ An', level: 'province' },
    ])
    .returning({ id: agencies.id });
  const agencyIds = { A: inserted[0]!.id, B: inserted[1]!.id, C: inserted[2]!.id };
  for (const code of Object.values(CODE)) await addNodeAgency(p.db, code);
  const ids = {} as Record<Who, string>;
  for (const [who, d] of Object.entries(PEOPLE) as [Who, (typeof PEOPLE)[Who]][]) {
    ids[who] = await p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      return ensurePerson(tx, SYSTEM_CONTEXT, {
        username: `node-${who.toLowerCase()}`,
        displayName: d.name,
        password: TEST_PASSWORD,
        agencyId: agencyIds[d.agency],
        roles: [...d.roles],
      });
    });
  }
  const actor = (who: Who): NodeActor => ({
    personId: ids[who],
    displayName: PEOPLE[who].name,
    agencyId: agencyIds[PEOPLE[who].agency],
    permissions: new Set(
      PEOPLE[who].roles.includes('documents_clerk' as never) ? ['exchange.documents.manage'] : [],
    ),
    audit: { actorId: ids[who], agencyId: agencyIds[PEOPLE[who].agency], ip: null, requestId: null },
    now: p.clock.now(),
  });
  return { p, agencyIds, ids, actor };
}

/** The HTTP app with identity (sign-in) and the node routes, whether or not index.ts wires the module yet. */
export async function nodeApp(p: TestPlatform): Promise<FastifyInstance> {
  const app = await createHttpApp({ config: p.config, resolveActor: sessionActorResolver(p), logger: false });
  await identityModule.routes!(app, p);
  await nodeRoutes(app, p);
  await app.ready();
  return app;
}

export const signIn = (app: FastifyInstance, p: TestPlatform, who: Who): Promise<string> =>
  signedIn(app, p, `node-${who.toLowerCase()}`, []);

/** A one-page PDF (unsigned: the node does not require the signature, the recipient checks it). */
export async function onePagePdf(text = 'Công văn thử nghiệm'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText(text.normalize('NFD').replace(/\p{M}/gu, ''), { x: 72, y: 760, font });
  return Buffer.from(await doc.save());
}

let serial = 100;

/** A valid outgoing header from A to B (a fresh number each call). */
export function outboundInput(overrides: Partial<OutboundInput> = {}): OutboundInput {
  serial += 1;
  return {
    fromCode: CODE.A,
    codeNumber: String(serial),
    codeNotation: 'VPCP-TTĐT',
    typeName: 'Công văn',
    subject: 'Về việc triển khai Trục liên thông văn bản quốc gia',
    signerName: 'Nguyễn Văn Ký',
    signerPosition: 'Phó Chủ nhiệm',
    promulgationPlace: 'Hà Nội',
    promulgationDate: '2026-03-10',
    priority: 1,
    dueDate: '2026-03-20',
    recipients: [CODE.B],
    ...overrides,
  };
}

/**
 * An incoming document at `to`, as the hub would deliver it: A's clerk composes it, `to` receives its
 * envelope. Returns the inbound document's id.
 */
export async function arrive(
  w: NodeWorld,
  overrides: Partial<OutboundInput> = {},
  to: Office = 'B',
): Promise<string> {
  const input = outboundInput({ recipients: [CODE[to]], ...overrides });
  const sent = await composeOutbound(w.p, w.actor('clerkA'), input, await onePagePdf());
  return deliver(w, sent.id, to);
}

/** Delivers the envelope of A's outgoing document `outboundId` to office `to`; the inbound document's id. */
export async function deliver(w: NodeWorld, outboundId: string, to: Office): Promise<string> {
  const [row] = await w.p.db
    .select({ sha: exchangeDocuments.envelopeSha256 })
    .from(exchangeDocuments)
    .where(eq(exchangeDocuments.id, outboundId));
  const envelope = await streamToBuffer(await w.p.files.open(row!.sha));
  const got = await receiveEnvelope(w.p, {
    agencyCode: CODE[to],
    hubMessageId: crypto.randomUUID(),
    envelope,
  });
  if (!got.documentId) throw new Error(`not received: ${got.refused ?? '?'}`);
  return got.documentId;
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(parts);
}
