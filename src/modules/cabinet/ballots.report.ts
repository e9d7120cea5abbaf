/**
 * The result report of a closed ballot (Báo cáo tổng hợp kết quả lấy ý kiến) as an A4 PDF: title,
 * reference, deadline, each roster member with their answer (or deemed / no answer), per question the counts
 * and the outcome with the rule and its legal basis, the other opinions' text, and the head hash of the sealed
 * checkpoint of the evidence log. The caller seals it (PAdES, with a visible stamp) and stores it.
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { A4, officialPdf, numberPages, SEAL_STAMP_SPACE, wrapText } from '../../platform/pdf/index.js';
import { deadlineText } from './ballots.notify.js';
import type { BallotChoice, BallotQuestion, Outcome, OutcomeResult, RosterEntry } from './model.js';

const MARGIN = 56;
const SIZE = 10.5;
const LEADING = 14;

export interface ReportAnswer {
  question: string;
  choice: BallotChoice;
  option?: string;
  text?: string;
}

export interface BallotReport {
  bodyName: string;
  reference: string;
  title: string;
  summary: string;
  sentAt: Date;
  deadline: Date;
  closedAt: Date;
  closedByName: string;
  questions: BallotQuestion[];
  roster: RosterEntry[];
  /** Per member: signed answers, 'deemed', or null (no answer). */
  answers: Map<
    string,
    { kind: 'signed'; signedAt: Date; answers: ReportAnswer[] } | { kind: 'deemed' } | null
  >;
  outcome: Record<string, Outcome>;
  nonResponse: 'deemed_agree' | 'abstain' | 'not_counted';
  ruleText: string;
  legalBasis: string[];
  checkpoint: { size: number; head: string };
}

export const RESULT_VI: Record<OutcomeResult, string> = {
  passing: 'Đang đạt',
  failing: 'Đang không đạt',
  cannot_pass: 'Không thể đạt',
  undecided: 'Chưa xác định',
  passed: 'Thông qua',
  passed_by_tie_break: 'Thông qua (theo bên có ý kiến của Thủ tướng)',
  rejected: 'Không thông qua',
  rejected_by_tie_break: 'Không thông qua (theo bên có ý kiến của Thủ tướng)',
  not_decided: 'Không đủ đa số để quyết định',
  no_quorum: 'Không đủ số thành viên',
};

const CHOICE_VI: Record<BallotChoice, string> = {
  agree: 'Đồng ý',
  other_opinion: 'Ý kiến khác',
  other_option: 'Phương án khác',
};

export function answerText(q: BallotQuestion, a: ReportAnswer | undefined): string {
  if (!a) return '—';
  const option = a.option ? q.options.find((o) => o.id === a.option)?.label : undefined;
  const detail = [option, a.text].filter(Boolean).join(': ');
  return `${CHOICE_VI[a.choice]}${detail ? ` (${detail})` : ''}`;
}

export async function renderBallotReport(d: BallotReport): Promise<Buffer> {
  const { doc, regular, bold } = await officialPdf({
    title: `Kết quả lấy ý kiến ${d.reference}`,
    at: d.closedAt,
  });
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const newPageIfNeeded = (needed: number) => {
    if (y - needed >= MARGIN + 20) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };
  const paragraph = (text: string, font: PDFFont = regular, size = SIZE, indent = 0, center = false) => {
    for (const line of wrapText(text, font, size, width - indent)) {
      newPageIfNeeded(LEADING);
      const x = center ? (A4[0] - font.widthOfTextAtSize(line, size)) / 2 : MARGIN + indent;
      page.drawText(line, { x, y: y - size, size, font, color: rgb(0, 0, 0) });
      y -= size + (LEADING - SIZE);
    }
  };
  const gap = (n = 0.5) => {
    y -= LEADING * n;
  };

  paragraph('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 11, 0, true);
  paragraph('Độc lập - Tự do - Hạnh phúc', bold, 11, 0, true);
  gap();
  paragraph(d.bodyName.toUpperCase(), bold, 11, 0, true);
  gap(0.5);
  paragraph('BÁO CÁO TỔNG HỢP KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN', bold, 14, 0, true);
  paragraph(`Phiếu lấy ý kiến số ${d.reference}`, regular, 11, 0, true);
  gap();
  paragraph(`Vấn đề xin ý kiến: ${d.title}`, bold);
  if (d.summary) paragraph(d.summary);
  const sent = deadlineText(d.sentAt).vi;
  paragraph(
    `Gửi lúc ${sent}; hạn trả lời ${deadlineText(d.deadline).vi}; kết thúc lúc ${deadlineText(d.closedAt).vi} (${d.closedByName}).`,
  );
  paragraph(`Quy tắc: ${d.ruleText}`);
  for (const l of d.legalBasis) paragraph(`Căn cứ: ${l}`, regular, 9.5, 12);

  gap();
  paragraph(`I. Ý KIẾN CỦA ${d.roster.length} THÀNH VIÊN`, bold, 11.5);
  d.roster.forEach((m, i) => {
    const got = d.answers.get(m.personId) ?? null;
    const head = `${i + 1}. ${m.fullName}${m.title ? ` — ${m.title}` : ''}`;
    if (!got) {
      paragraph(
        `${head}: không trả lời${d.nonResponse === 'abstain' ? ' (tính là không biểu thị ý kiến)' : d.nonResponse === 'not_counted' ? ' (không tính)' : ''}`,
      );
      return;
    }
    if (got.kind === 'deemed') {
      paragraph(`${head}: không trả lời — được coi là đồng ý theo quy chế (hệ thống ký xác nhận)`);
      return;
    }
    paragraph(`${head}: ký số lúc ${deadlineText(got.signedAt).vi}`);
    d.questions.forEach((q, k) => {
      paragraph(
        `Câu ${k + 1}: ${answerText(
          q,
          got.answers.find((a) => a.question === q.id),
        )}`,
        regular,
        SIZE,
        16,
      );
    });
  });

  gap();
  paragraph('II. KẾT QUẢ THEO TỪNG VẤN ĐỀ', bold, 11.5);
  d.questions.forEach((q, k) => {
    const o = d.outcome[q.id];
    gap(0.3);
    paragraph(`Câu ${k + 1}. ${q.text}`, bold);
    if (!o) return;
    paragraph(
      `Đồng ý: ${o.counts['agree'] ?? 0}${o.deemed ? ` (cộng ${o.deemed} được coi là đồng ý)` : ''}; ` +
        `Ý kiến khác: ${o.counts['other_opinion'] ?? 0}; Phương án khác: ${o.counts['other_option'] ?? 0}; ` +
        `không trả lời: ${o.missing}.`,
      regular,
      SIZE,
      12,
    );
    paragraph(`Kết quả: ${RESULT_VI[o.result]} (cần ${o.needed}/${o.base}).`, bold, SIZE, 12);
    for (const t of o.trace) paragraph(t.vi, regular, 9.5, 12);
    const others: string[] = [];
    for (const m of d.roster) {
      const got = d.answers.get(m.personId);
      if (!got || got.kind !== 'signed') continue;
      const a = got.answers.find((x) => x.question === q.id);
      if (a && a.choice !== 'agree') others.push(`${m.fullName}: ${answerText(q, a)}`);
      else if (a?.text) others.push(`${m.fullName} (đồng ý, góp ý): ${a.text}`);
    }
    if (others.length) {
      paragraph('Ý kiến khác, phương án khác:', regular, SIZE, 12);
      for (const line of others) paragraph(`– ${line}`, regular, SIZE, 20);
    }
  });

  gap();
  paragraph('III. XÁC THỰC', bold, 11.5);
  paragraph(
    `Nhật ký chứng cứ của phiếu gồm ${d.checkpoint.size} mục, được hệ thống ký xác nhận; mã băm đầu chuỗi (SHA-256): ${d.checkpoint.head}.`,
  );
  paragraph(
    'Kiểm tra ngoại tuyến: cpdt ballot export <mã phiếu> <thư mục>; cpdt verify <thư mục>.',
    regular,
    9.5,
  );
  // Room at the foot of the last page for the seal's visible stamp.
  newPageIfNeeded(SEAL_STAMP_SPACE);

  numberPages(doc, regular, MARGIN / 2);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
