/**
 * The issued conclusion notice (thông báo kết luận) as an A4 PDF, for its electronic copy sent through the
 * document exchange axis: the issuing agency and the national motto, the number and the place and date of
 * issue, "THÔNG BÁO" and the subject, the meeting, the text, the tasks it assigns, the issuer, and
 * "Trang i/n" at the foot of every page. The same issued notice always gives the same bytes before sealing
 * (fixed dates); the caller seals it with the system seal (PAdES, visible stamp on the last page).
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { dayInVietnam } from '../../platform/calendar/index.js';
import { signPdf } from '../../platform/crypto/pdf-sign.js';
import { A4, officialPdf, numberPages, SEAL_STAMP_SPACE, wrapText } from '../../platform/pdf/index.js';
import type { Platform } from '../../platform/platform.js';

const MARGIN = 56;
const SIZE = 11;
const LEADING = 15;

export interface ConclusionTaskLine {
  title: string;
  agencyName: string;
  /** YYYY-MM-DD */
  dueOn: string;
}

export interface ConclusionDocument {
  /** The issuing agency (the body's agency), e.g. "Văn phòng Chính phủ". */
  agencyName: string;
  bodyName: string;
  meetingTitle: string;
  /** Số, ký hiệu, e.g. "45/TB-VPCP". */
  reference: string;
  title: string;
  body: string;
  tasks: ConclusionTaskLine[];
  issuedAt: Date;
  issuerName: string;
  /** Địa danh, e.g. "Hà Nội". */
  place: string;
}

/** "ngày 10 tháng 3 năm 2026" (the day in Hà Nội), as NĐ 30/2020/NĐ-CP writes dates of issue. */
export function issueDateText(at: Date): string {
  const [y, m, d] = dayInVietnam(at).split('-').map(Number) as [number, number, number];
  return `ngày ${String(d).padStart(2, '0')} tháng ${String(m).padStart(2, '0')} năm ${y}`;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export async function renderConclusionPdf(d: ConclusionDocument): Promise<Buffer> {
  const { doc, regular, bold } = await officialPdf({
    title: `Thông báo ${d.reference}`,
    subject: d.title,
    at: d.issuedAt,
  });
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;

  const newPageIfNeeded = (needed: number) => {
    if (y - needed >= MARGIN + 20) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const paragraph = (
    text: string,
    font: PDFFont = regular,
    size = SIZE,
    align: 'left' | 'center' | 'right' = 'left',
    indent = 0,
  ) => {
    for (const line of wrapText(text, font, size, width - indent)) {
      newPageIfNeeded(LEADING);
      const w = font.widthOfTextAtSize(line, size);
      const x =
        align === 'center' ? (A4[0] - w) / 2 : align === 'right' ? A4[0] - MARGIN - w : MARGIN + indent;
      page.drawText(line, { x, y: y - size, size, font, color: rgb(0, 0, 0) });
      y -= size + (LEADING - SIZE);
    }
  };
  const gap = (n = 0.5) => {
    y -= LEADING * n;
  };

  paragraph(d.agencyName.toUpperCase(), bold, SIZE, 'center');
  paragraph('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, SIZE, 'center');
  paragraph('Độc lập - Tự do - Hạnh phúc', bold, SIZE, 'center');
  gap();
  paragraph(`Số: ${d.reference}`, regular, SIZE, 'left');
  paragraph(`${d.place}, ${issueDateText(d.issuedAt)}`, regular, SIZE, 'right');
  gap();
  paragraph('THÔNG BÁO', bold, 15, 'center');
  paragraph(d.title, bold, 12, 'center');
  paragraph(`${d.bodyName} — ${d.meetingTitle}`, regular, SIZE, 'center');
  gap();
  for (const text of d.body.split('\n')) {
    if (!text.trim()) gap(0.5);
    else paragraph(text);
  }
  if (d.tasks.length) {
    gap();
    newPageIfNeeded(3 * LEADING);
    paragraph('NHIỆM VỤ ĐƯỢC GIAO', bold, 12);
    gap(0.2);
    d.tasks.forEach((task, i) => {
      paragraph(`${i + 1}. ${task.title}`, regular, SIZE, 'left', 0);
      paragraph(
        `Cơ quan thực hiện: ${task.agencyName}; hạn hoàn thành: ${dmy(task.dueOn)}.`,
        regular,
        10,
        'left',
        16,
      );
    });
  }
  gap();
  paragraph(`Người ban hành: ${d.issuerName}`, regular, 10);
  // Room at the foot of the last page for the seal's visible stamp.
  newPageIfNeeded(SEAL_STAMP_SPACE);

  numberPages(doc, regular, MARGIN / 2);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * Seals the electronic copy with the system seal (PAdES, visible stamp, RFC 3161 timestamp when the deployment
 * has a time-stamping authority), so the recipient's check of the file's signature succeeds. Call outside
 * transactions: the seal may sit on a token.
 */
export async function sealConclusionPdf(
  p: Platform,
  pdf: Buffer,
  info: { reference: string; agencyName: string; at: Date },
): Promise<Buffer> {
  return signPdf(pdf, await p.pki.seal(), {
    reason: 'Bản điện tử thông báo kết luận / Conclusion notice, electronic copy',
    signerName: `${info.agencyName} — Hệ thống CPĐT`,
    at: info.at,
    stamp: { lines: [`Thông báo số ${info.reference}`] },
    timestamp: (signature) => p.pki.timestamp(signature),
  });
}
