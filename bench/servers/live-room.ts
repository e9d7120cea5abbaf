// The real CPĐT server for bench/live-room.ts, in its own process: PGlite in a temporary data folder, or
// PostgreSQL when DATABASE_URL is set. It seeds one meeting of a 30-seat body (chair and 29 members, the
// size of the Government) in progress with two agenda items, joined by 170 invited guests (the Government's
// online conferences with the provinces and ministries), and LIVE_SESSIONS signed-in sessions spread over
// its participants (about five devices each: the room allows ten per person), plus the office's screens. Rows are
// inserted directly: sign-in is argon2-bound by design and would measure password hashing, not the room.
// The parent reads the meeting, the items and the session tokens with the `stats` command.
import { insertRuleProfile } from '../../test/support/cabinet.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, createCpdtPlatform } from '../../src/app.js';
import { agendaItems, bodies, meetings, participants } from '../../src/modules/cabinet/schema.js';
import { ensureBuiltinRoles, ensurePerson } from '../../src/modules/identity/index.js';
import { agencies, sessions } from '../../src/modules/identity/schema.js';
import { SYSTEM_CONTEXT } from '../../src/platform/audit/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { sha256Hex } from '../../src/platform/crypto/index.js';
import { serveBenchChild } from './child.js';

const SEATS = 30;
const GUESTS = 170;
const SESSIONS = Number(process.env['LIVE_SESSIONS'] ?? 1000);
/** Screens of the office (the chair/office view of the room), besides the session that acts; the room takes
 * at most ten sockets per person. */
const OFFICE_SESSIONS = 9;

const env = { ...process.env };
let tempDir: string | undefined;
if (!env['CPDT_DATA_DIR']) {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpdt-bench-live-'));
  env['CPDT_DATA_DIR'] = tempDir;
}
const config = loadConfig({
  ...env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_MAX: env['RATE_LIMIT_MAX'] ?? '1000000000',
});
const p = await createCpdtPlatform(config);
const app = await createApp(p, { serveWeb: false, logger: false });
await app.listen({ port: 0, host: config.HOST });

const seeded = await p.db.transaction(async (tx) => {
  await ensureBuiltinRoles(tx);
  const [agency] = await tx
    .insert(agencies)
    .values({ code: '000.00.00.B99', nameVi: 'Văn phòng (đo tải)', level: 'central' })
    .returning({ id: agencies.id });
  const person = (username: string, roles: string[]) =>
    ensurePerson(tx, SYSTEM_CONTEXT, { username, displayName: username, agencyId: agency!.id, roles });
  const office = await person('bench.vanphong', ['meeting_office']);
  const seats: string[] = [];
  for (let i = 0; i < SEATS; i++) seats.push(await person(`bench.uyvien${i}`, ['official']));
  const guests: string[] = [];
  for (let i = 0; i < GUESTS; i++) guests.push(await person(`bench.khach${i}`, ['official']));
  const everyone = [...seats, ...guests];
  const profileId = await insertRuleProfile(tx, 'BENCH');
  const [body] = await tx
    .insert(bodies)
    .values({
      code: 'BENCH',
      nameVi: 'Cơ quan đo tải',
      kind: 'other',
      agencyId: agency!.id,
      ruleProfileCode: 'BENCH',
    })
    .returning({ id: bodies.id });
  const now = p.clock.now();
  const [meeting] = await tx
    .insert(meetings)
    .values({
      bodyId: body!.id,
      ruleProfileId: profileId,
      title: 'Phiên họp đo tải phòng họp trực tiếp',
      kind: 'regular',
      status: 'in_progress',
      actualStart: now,
      plannedStart: now,
      plannedEnd: new Date(now.getTime() + 4 * 3_600_000),
      chairId: seats[0]!,
      papersDueOn: '2020-01-01',
      createdBy: office,
    })
    .returning({ id: meetings.id });
  await tx.insert(participants).values(
    everyone.map((personId, i) => ({
      meetingId: meeting!.id,
      personId,
      role: i === 0 ? ('chair' as const) : i < SEATS ? ('member' as const) : ('guest' as const),
      voting: i < SEATS,
      attendance: 'checked_in' as const,
      checkedInAt: now,
      remote: i % 3 === 0,
    })),
  );
  const items = await tx
    .insert(agendaItems)
    .values([
      { meetingId: meeting!.id, position: 1, title: 'Dự thảo Nghị định về Chính phủ số', plannedMinutes: 45 },
      { meetingId: meeting!.id, position: 2, title: 'Báo cáo kinh tế - xã hội tháng 6', plannedMinutes: 30 },
    ])
    .returning({ id: agendaItems.id });
  const tokens: { token: string; view: 'chair' | 'participant' }[] = [];
  const rows = [];
  for (let i = 0; i < SESSIONS + 1; i++) {
    const token = crypto.randomBytes(32).toString('base64url');
    // The first session is the office's that acts; then OFFICE_SESSIONS more office screens.
    const personId = i <= OFFICE_SESSIONS ? office : everyone[i % everyone.length]!;
    tokens.push({ token, view: i <= OFFICE_SESSIONS ? 'chair' : 'participant' });
    rows.push({
      tokenHash: sha256Hex(token),
      personId,
      agencyId: agency!.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 12 * 3_600_000),
      methods: ['pwd', 'otp'],
    });
  }
  for (let i = 0; i < rows.length; i += 200) await tx.insert(sessions).values(rows.slice(i, i + 200));
  return {
    meetingId: meeting!.id,
    items: items.map((r) => r.id),
    actor: tokens[0]!.token,
    clients: tokens.slice(1),
  };
});

serveBenchChild(app.server.address(), {
  stats: async () => ({ database: p.database.kind, seats: SEATS, guests: GUESTS, ...seeded }),
  stop: async () => {
    await app.close();
    await p.database.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  },
});
