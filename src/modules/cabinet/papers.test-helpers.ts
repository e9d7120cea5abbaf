/**
 * Test fixtures for the agenda and papers tests: two agencies, each with a body and a meeting, the office of
 * each, two members invited to A's meeting and an official of A who is not. Rows are inserted directly so the
 * tests depend on nothing but the schema and the policy.
 */
import { insertRuleProfile } from '../../../test/support/cabinet.js';
import { deflateRawSync, crc32 } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { signedIn, TEST_PASSWORD, testApp } from '../../../test/support/http.js';
import { testPlatform, type TestPlatform } from '../../../test/support/platform.js';
import { ensureBuiltinRoles, ensurePerson } from '../identity/index.js';
import { agencies } from '../identity/schema.js';
import { bodies, meetings, participants } from './schema.js';

/** Monday 2 March 2026, 09:00 in Hà Nội. */
export const NOW = new Date('2026-03-02T02:00:00Z');
/** The last day papers arrive on time for meeting A (a Thursday); the meeting is a week later. */
export const PAPERS_DUE_ON = '2026-03-05';

export interface PapersWorld {
  p: TestPlatform;
  app: FastifyInstance;
  meetingA: string;
  meetingB: string;
  member1: string;
  member2: string;
  /** Session cookies. */
  cookies: { officeA: string; officeB: string; member1: string; member2: string; outsider: string };
}

export async function papersWorld(env: Record<string, string> = {}): Promise<PapersWorld> {
  const p = await testPlatform({ SIGN_IN_RATE_LIMIT_MAX: '100000', ...env }, NOW);
  const app = await testApp(p);
  const [a, b] = await p.db
    .insert(agencies)
    .values([
      { code: '000.00.00.H41', nameVi: 'Ủy ban nhân dân tỉnh Nghệ An', level: 'province' },
      { code: '000.00.00.H24', nameVi: 'Ủy ban nhân dân thành phố Hà Nội', level: 'province' },
    ])
    .returning({ id: agencies.id });
  const person = (username: string, agencyId: string, roles: string[]) =>
    p.db.transaction(async (tx) => {
      await ensureBuiltinRoles(tx);
      return ensurePerson(tx, SYSTEM_CONTEXT, {
        username,
        displayName: username,
        password: TEST_PASSWORD,
        agencyId,
        roles,
      });
    });
  const people = {
    officeA: await person('vanphong-a', a!.id, ['meeting_office']),
    officeB: await person('vanphong-b', b!.id, ['meeting_office']),
    member1: await person('uyvien-mot', a!.id, ['official']),
    member2: await person('uyvien-hai', a!.id, ['official']),
    outsider: await person('canbo-ngoai', a!.id, ['official']),
  };
  const profileId = await insertRuleProfile(p.db, 'TEST-PROFILE');
  const meeting = async (agencyId: string, code: string, chairId: string) => {
    const [body] = await p.db
      .insert(bodies)
      .values({
        code,
        nameVi: `UBND ${code}`,
        kind: 'province_pc',
        agencyId,
        ruleProfileCode: 'TEST-PROFILE',
      })
      .returning({ id: bodies.id });
    const [m] = await p.db
      .insert(meetings)
      .values({
        bodyId: body!.id,
        ruleProfileId: profileId,
        title: `Phiên họp thường kỳ tháng 3 (${code})`,
        kind: 'regular',
        status: 'invited',
        plannedStart: new Date('2026-03-10T01:00:00Z'),
        plannedEnd: new Date('2026-03-10T09:00:00Z'),
        chairId,
        papersDueOn: PAPERS_DUE_ON,
        createdBy: chairId,
      })
      .returning({ id: meetings.id });
    return m!.id;
  };
  const meetingA = await meeting(a!.id, 'UBND-NA', people.member1);
  const meetingB = await meeting(b!.id, 'UBND-HN', people.officeB);
  await p.db.insert(participants).values([
    { meetingId: meetingA, personId: people.member1, role: 'chair', voting: true, attendance: 'invited' },
    { meetingId: meetingA, personId: people.member2, role: 'member', voting: true, attendance: 'invited' },
  ]);
  const cookies = await signInAll(app, p);
  return { p, app, meetingA, meetingB, member1: people.member1, member2: people.member2, cookies };
}

async function signInAll(app: FastifyInstance, p: TestPlatform): Promise<PapersWorld['cookies']> {
  return {
    officeA: await signedIn(app, p, 'vanphong-a', ['meeting_office']),
    officeB: await signedIn(app, p, 'vanphong-b', ['meeting_office']),
    member1: await signedIn(app, p, 'uyvien-mot', ['official']),
    member2: await signedIn(app, p, 'uyvien-hai', ['official']),
    outsider: await signedIn(app, p, 'canbo-ngoai', ['official']),
  };
}

/** Moves the clock and signs everyone in again (sessions time out after 15 idle minutes). */
export async function moveClock(w: PapersWorld, to: Date): Promise<void> {
  w.p.clock.set(to);
  w.cookies = await signInAll(w.app, w.p);
}

/** A small but real PDF (one empty page). */
export function minimalPdf(text = 'To trinh'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>`,
  ];
  const stream = `BT /F1 12 Tf 72 770 Td (${text}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A minimal Office Open XML word document: a zip with the content types, the relationships and one paragraph. */
export function minimalDocx(text = 'Dự thảo Nghị định'): Buffer {
  const files: [string, string][] = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ],
    [
      'word/document.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ],
  ];
  return zip(files.map(([name, content]) => [name, Buffer.from(content, 'utf8')]));
}

/** A tiny zip writer (deflate), enough for an OOXML package. */
function zip(entries: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time and date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A multipart/form-data body with one file, as a browser sends it. */
export function multipart(
  content: Buffer,
  filename: string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----cpdt-test-boundary-7d1f';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
