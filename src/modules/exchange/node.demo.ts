/**
 * Demo content of the agency node: the Government Office (G22) and the Ministry of Finance (G12) as the
 * node's agencies, a documents clerk for each and an official of the Ministry to assign to (password
 * Demo@2026), and two official letters from the Government Office to the Ministry, sent through the hub (the
 * in-process one on a laptop) so that the Ministry's clerk finds them in the incoming register. Idempotent:
 * a second run adds nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { PDFDocument, rgb } from 'pdf-lib';
import { SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import { dayInVietnam } from '../../platform/calendar/index.js';
import type { Executor } from '../../platform/db/index.js';
import { embedVietnameseFont, wrapText } from '../../platform/pdf/index.js';
import type { Platform } from '../../platform/platform.js';
import { ensureBuiltinRoles, ensurePerson, Permissions, resolveAgencyCode } from '../identity/index.js';
import { addNodeAgency } from './node.agencies.js';
import { composeOutbound, type OutboundInput } from './node.compose.js';
import type { NodeActor } from './node.policy.js';
import { exchangeDocuments } from './schema.js';

const PASSWORD = 'Demo@2026';
const OFFICE = '000.00.00.G22';
const FINANCE = '000.00.00.G12';

const CLERKS = [
  { username: 'vanthu.vpcp', displayName: 'Hoàng Thị Văn Thư', agency: OFFICE, name: 'Văn phòng Chính phủ' },
  { username: 'vanthu.btc', displayName: 'Vũ Văn Tiếp Nhận', agency: FINANCE, name: 'Bộ Tài chính' },
] as const;

/** An official of the Ministry the clerk assigns incoming letters to (found by name or post). */
const OFFICIALS = [
  {
    username: 'chuyenvien.btc',
    displayName: 'Đặng Thị Ngân',
    agency: FINANCE,
    name: 'Bộ Tài chính',
    position: 'Chuyên viên Vụ Ngân sách nhà nước',
  },
] as const;

interface DemoLetter {
  codeNumber: string;
  subject: string;
  body: string[];
  priority: number;
  dueInDays?: number;
}

const NOTATION = 'VPCP-KTTH';
const LETTERS: DemoLetter[] = [
  {
    codeNumber: '1205',
    subject: 'Về việc báo cáo tình hình giải ngân vốn đầu tư công quý I',
    body: [
      'Thực hiện chỉ đạo của Thủ tướng Chính phủ, Văn phòng Chính phủ đề nghị Bộ Tài chính tổng hợp, báo cáo ' +
        'tình hình giải ngân vốn đầu tư công quý I của các bộ, cơ quan và địa phương.',
      'Báo cáo gửi Văn phòng Chính phủ qua Trục liên thông văn bản quốc gia trước thời hạn nêu trên.',
    ],
    priority: 1,
    dueInDays: 10,
  },
  {
    codeNumber: '1206',
    subject: 'Về việc tham gia ý kiến dự thảo Nghị định sửa đổi quy định về hóa đơn, chứng từ',
    body: [
      'Văn phòng Chính phủ đề nghị Bộ Tài chính nghiên cứu, tham gia ý kiến đối với dự thảo Nghị định gửi kèm.',
    ],
    priority: 0,
  },
];

/** Adds the demo agencies, clerks and letters; returns the accounts to print. */
export async function seedExchangeDemo(p: Platform): Promise<string[]> {
  const now = p.clock.now();
  const ids = new Map<string, string>();
  await p.db.transaction(async (tx) => {
    await ensureBuiltinRoles(tx);
    for (const c of CLERKS) {
      await addNodeAgency(tx, c.agency, c.name);
      const agencyId = await registryId(tx, c.agency);
      const id = await ensurePerson(tx, SYSTEM_CONTEXT, {
        username: c.username,
        displayName: c.displayName,
        password: PASSWORD,
        email: `${c.username}@cpdt.local`,
        agencyId,
        position: 'Văn thư',
        roles: ['documents_clerk'],
      });
      ids.set(c.username, id);
    }
    for (const o of OFFICIALS)
      await ensurePerson(tx, SYSTEM_CONTEXT, {
        username: o.username,
        displayName: o.displayName,
        password: PASSWORD,
        email: `${o.username}@cpdt.local`,
        agencyId: await registryId(tx, o.agency),
        position: o.position,
        roles: ['official'],
      });
  });

  const existing = await p.db
    .select({ number: exchangeDocuments.codeNumber })
    .from(exchangeDocuments)
    .where(
      and(
        eq(exchangeDocuments.agencyCode, OFFICE),
        eq(exchangeDocuments.direction, 'outbound'),
        eq(exchangeDocuments.codeNotation, NOTATION),
        inArray(
          exchangeDocuments.codeNumber,
          LETTERS.map((l) => l.codeNumber),
        ),
      ),
    );
  const sent = new Set(existing.map((e) => e.number));
  const clerk = CLERKS[0];
  // The seed acts as the Government Office's clerk; the scope is lifted in case the registry lacks G22.
  const actor: NodeActor = {
    personId: ids.get(clerk.username)!,
    displayName: clerk.displayName,
    agencyId: null,
    permissions: new Set([Permissions.manageDocuments, Permissions.allAgencies]),
    audit: SYSTEM_CONTEXT,
    now,
  };
  const today = dayInVietnam(now);
  for (const letter of LETTERS) {
    if (sent.has(letter.codeNumber)) continue;
    // Each letter at its own instant, so that the registers list them in the order they were sent.
    actor.now = p.clock.now();
    const input: OutboundInput = {
      fromCode: OFFICE,
      codeNumber: letter.codeNumber,
      codeNotation: NOTATION,
      typeName: 'Công văn',
      subject: letter.subject,
      signerName: 'Trần Văn Minh',
      signerPosition: 'Phó Chủ nhiệm',
      signerCompetence: 'KT. BỘ TRƯỞNG, CHỦ NHIỆM',
      promulgationPlace: 'Hà Nội',
      promulgationDate: today,
      priority: letter.priority,
      recipients: [FINANCE],
    };
    if (letter.dueInDays)
      input.dueDate = dayInVietnam(new Date(now.getTime() + letter.dueInDays * 86_400_000));
    await composeOutbound(p, actor, input, await letterPdf(letter, today, now), {
      fileName: `${letter.codeNumber}-${NOTATION}.pdf`,
    });
  }
  return [
    ...CLERKS.map((c) => `${c.username.padEnd(16)} / ${PASSWORD}  (${c.displayName}, Văn thư — ${c.name})`),
    ...OFFICIALS.map(
      (o) => `${o.username.padEnd(16)} / ${PASSWORD}  (${o.displayName}, ${o.position} — ${o.name})`,
    ),
  ];
}

async function registryId(tx: Executor, code: string): Promise<string | undefined> {
  try {
    const r = await resolveAgencyCode(tx, code);
    return r.current[0]?.id ?? r.requested.id;
  } catch {
    return undefined; // the registry does not know it: the clerk has no post
  }
}

/** A one-page letter after the official format (NĐ 30/2020): header, number, subject, body, signer. */
async function letterPdf(letter: DemoLetter, day: string, at: Date): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Công văn ${letter.codeNumber}/${NOTATION}`);
  doc.setAuthor('Văn phòng Chính phủ');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const regular = await embedVietnameseFont(doc, 'regular');
  const bold = await embedVietnameseFont(doc, 'bold');
  const page = doc.addPage([595.28, 841.89]);
  const ink = rgb(0, 0, 0);
  let y = 780;
  const write = (text: string, font = regular, size = 12, x = 70) => {
    page.drawText(text, { x, y, size, font, color: ink });
    y -= size + 6;
  };
  write('VĂN PHÒNG CHÍNH PHỦ', bold, 12, 60);
  write(`Số: ${letter.codeNumber}/${NOTATION}`, regular, 12, 70);
  y = 780;
  write('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 11, 300);
  write('Độc lập - Tự do - Hạnh phúc', bold, 12, 340);
  const [yyyy, mm, dd] = day.split('-');
  write(`Hà Nội, ngày ${dd} tháng ${mm} năm ${yyyy}`, regular, 11, 330);
  y -= 30;
  for (const line of wrapText(`V/v ${letter.subject.replace(/^Về việc /, '')}`, regular, 11, 220))
    write(line, regular, 11, 60);
  y -= 16;
  write('Kính gửi: Bộ Tài chính.', regular, 13, 200);
  y -= 10;
  for (const paragraph of letter.body) {
    for (const line of wrapText(paragraph, regular, 13, 455)) write(line, regular, 13, 70);
    y -= 6;
  }
  y -= 30;
  write('KT. BỘ TRƯỞNG, CHỦ NHIỆM', bold, 12, 340);
  write('PHÓ CHỦ NHIỆM', bold, 12, 370);
  y -= 50;
  write('Trần Văn Minh', bold, 12, 365);
  return Buffer.from(await doc.save());
}
