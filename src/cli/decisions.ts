/**
 * `cpdt poll list|export` and `cpdt ballot list|export`: the decisions on record and their evidence bundles
 * (src/modules/cabinet/decisions.export.ts), checked afterwards with `cpdt verify <dir>`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportDecision, listDecisions } from '../modules/cabinet/decisions.export.js';
import type { DecisionKind } from '../modules/cabinet/model.js';
import { errorSpec, isAppError } from '../platform/errors/index.js';
import type { Platform } from '../platform/platform.js';

export const POLL_HELP = `cpdt poll — biểu quyết trong phiên họp / polls in meetings

  poll list                       mã, câu hỏi, trạng thái, thời điểm mở / id, question, state, opened
  poll export <pollId> <dir>      xuất hồ sơ chứng cứ của cuộc biểu quyết đã kết thúc vào thư mục mới
                                  / write the closed poll's evidence bundle into a new folder

Kiểm tra / Check: cpdt verify <dir>   (xem / see docs/signatures.md)`;

export const BALLOT_HELP = `cpdt ballot — phiếu lấy ý kiến thành viên / written opinion ballots

  ballot list                     mã, tiêu đề, trạng thái, ngày gửi / id, title, state, sent
  ballot export <ballotId> <dir>  xuất hồ sơ chứng cứ của phiếu đã kết thúc (kèm báo cáo kết quả PDF)
                                  / write the closed ballot's evidence bundle (with the result PDF)

Kiểm tra / Check: cpdt verify <dir>   (xem / see docs/signatures.md)`;

const STATE_LABELS: Record<string, string> = {
  open: 'đang mở / open',
  closed: 'đã kết thúc / closed',
  cancelled: 'đã huỷ / cancelled',
  draft: 'dự thảo / draft',
  submitted: 'chờ duyệt / submitted',
  approved: 'đã duyệt / approved',
  recalled: 'đã thu hồi / recalled',
};

function vietnamTime(timeZone: string): (d: Date) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (d) => {
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      format.formatToParts(d).find((x) => x.type === type)?.value ?? '';
    return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
  };
}

/** `cpdt poll …` / `cpdt ballot …` with the platform open; returns the exit status (0, 1 refused, 2 usage). */
export async function decisionsCommand(p: Platform, kind: DecisionKind, argv: string[]): Promise<number> {
  const help = kind === 'poll' ? POLL_HELP : BALLOT_HELP;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${help}`);
    return 2;
  }
  const [sub, id, dir, extra] = parsed.positionals;
  if (parsed.values.help) {
    console.log(help);
    return 0;
  }
  if (sub === 'list' && id === undefined) {
    const rows = await listDecisions(p, kind);
    if (!rows.length) {
      console.log(
        kind === 'poll'
          ? 'Chưa có cuộc biểu quyết nào. / No polls yet.'
          : 'Chưa có phiếu lấy ý kiến nào. / No ballots yet.',
      );
      return 0;
    }
    const time = vietnamTime(p.config.TZ_DISPLAY);
    for (const r of rows)
      console.log(
        [r.id, r.title, STATE_LABELS[r.state] ?? r.state, time(r.date), r.context ?? ''].join('\t').trimEnd(),
      );
    return 0;
  }
  if (sub !== 'export' || !id || !dir || extra !== undefined) {
    console.error(help);
    return 2;
  }
  const target = path.resolve(dir);
  try {
    const summary = await exportDecision(p, { kind, id }, target);
    console.log(
      `Đã xuất hồ sơ chứng cứ / Evidence bundle written: ${summary.dir}\n` +
        `  «${summary.title}»: ${summary.entries} mục nhật ký / log entries, ${summary.files} tệp / files`,
    );
    for (const w of summary.warnings)
      console.error(`  Cảnh báo: không tìm thấy dữ liệu đã lưu / Warning: stored evidence not found — ${w}`);
    console.log(`Kiểm tra / Check:\n  cpdt verify ${summary.dir}`);
    return summary.warnings.length ? 1 : 0;
  } catch (e) {
    if (!isAppError(e)) throw e;
    const spec = errorSpec(e.code)!;
    console.error(`${spec.vi}\n${spec.en} (${e.code})`);
    return 1;
  }
}
