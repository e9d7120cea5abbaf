/**
 * `cpdt verify <dir>`: checks an exported evidence bundle offline (src/modules/cabinet/decisions.verify.ts).
 * Needs no database, no configuration and no network: an auditor runs it on a copy of the folder.
 */
import { parseArgs } from 'node:util';
import { problemLine, verifyBundle } from '../modules/cabinet/decisions.verify.js';
import type { Outcome, OutcomeResult } from '../modules/cabinet/model.js';

export const VERIFY_HELP = `cpdt verify <thư mục / dir> — kiểm tra hồ sơ chứng cứ đã xuất, không cần mạng hay cơ sở dữ liệu
                                 / check an exported evidence bundle offline

  Kiểm tra / Checks: mọi chữ ký (.p7s) và chuỗi chứng thư tới ca.pem tại thời điểm ký; nội dung từng tệp khớp
  nhật ký; chuỗi băm của nhật ký; điểm chốt niêm phong; danh sách thành viên; mỗi thành viên một phiếu, do chính
  họ ký; biên nhận; chữ ký của tệp PDF kết quả; kiểm phiếu lại theo quy chế.
  / every signature (.p7s) and its certificate chain to ca.pem at the signing time; each file against the log;
  the log's hash chain; the sealed checkpoint; the roster; one vote per member, signed by them; receipts; the
  result PDF's signature; a recount under the rule profile.

Mã thoát / Exit status: 0 hợp lệ / valid, 1 không hợp lệ / invalid, 2 cách dùng / usage.
Xuất hồ sơ / Export a bundle: cpdt poll export <pollId> <dir>, cpdt ballot export <ballotId> <dir>.`;

const RESULT_LABELS: Record<OutcomeResult, string> = {
  passing: 'Đang đạt / Passing',
  failing: 'Đang không đạt / Failing',
  cannot_pass: 'Không thể thông qua / Cannot pass',
  undecided: 'Chưa ngã ngũ / Undecided',
  passed: 'Thông qua / Passed',
  passed_by_tie_break: 'Thông qua theo ý kiến người chủ trì / Passed (the chair’s side on a tie)',
  rejected: 'Không thông qua / Rejected',
  rejected_by_tie_break: 'Không thông qua theo ý kiến người chủ trì / Rejected (the chair’s side on a tie)',
  not_decided: 'Chưa quyết định được / Not decided',
  no_quorum: 'Không đủ số thành viên có mặt / No quorum',
};

export function outcomeLine(o: Outcome): string {
  const counts = Object.entries(o.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${RESULT_LABELS[o.result] ?? o.result} (${counts || '—'}; cần / needed ${o.needed}/${o.base}${o.deemed ? `; coi như đồng ý / deemed ${o.deemed}` : ''}${o.missing ? `; chưa có / missing ${o.missing}` : ''})`;
}

function outcomeLines(outcome: Outcome | Record<string, Outcome> | null): string[] {
  if (!outcome) return [];
  if ('result' in outcome && typeof outcome.result === 'string')
    return [`  Kết quả / Outcome: ${outcomeLine(outcome as Outcome)}`];
  return Object.entries(outcome as Record<string, Outcome>).map(
    ([q, o]) => `  Câu hỏi / Question ${q}: ${outcomeLine(o)}`,
  );
}

/** `cpdt verify <dir>`; returns the exit status (0 valid, 1 invalid, 2 usage). */
export async function verifyCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${VERIFY_HELP}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(VERIFY_HELP);
    return 0;
  }
  const [dir, extra] = parsed.positionals;
  if (!dir || extra !== undefined) {
    console.error(VERIFY_HELP);
    return 2;
  }
  const report = await verifyBundle(dir);
  const what =
    report.kind === 'poll'
      ? 'biểu quyết / poll'
      : report.kind === 'ballot'
        ? 'phiếu lấy ý kiến / ballot'
        : 'hồ sơ / bundle';
  const head = `${what} ${report.id ?? dir}${report.title ? ` «${report.title}»` : ''}`;
  if (report.ok) {
    console.log(`Hợp lệ / Valid: ${head}`);
    console.log(
      `  ${report.entries} mục nhật ký, ${report.signatures} chữ ký đã kiểm tra; chuỗi nhật ký và điểm chốt khớp; kiểm phiếu lại khớp.\n` +
        `  ${report.entries} log entries, ${report.signatures} signatures checked; log chain and checkpoint match; the recount matches.`,
    );
    for (const line of outcomeLines(report.outcome)) console.log(line);
    return 0;
  }
  console.log(`Không hợp lệ / Invalid: ${head} — ${report.problems.length} vấn đề / problems`);
  for (const p of report.problems) console.log(problemLine(p));
  return 1;
}
