/**
 * `cpdt exchange validate|sign|verify`: an edXML envelope from a file, for clerks and integrators checking what
 * they send or received, and for scripts (exit 0 = good, 1 = refused, 2 = usage or a file that cannot be read).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config/index.js';
import { createPki, loadSecretBox, PDF_SIGNATURE_REASONS } from '../platform/crypto/index.js';
import { SealError } from '../platform/crypto/seal.js';
import {
  issueMessage,
  parseEdxml,
  type EdxmlIssue,
  type EdxmlMessage,
} from '../modules/exchange/edxml/index.js';
import { checkEnvelope, signEnvelope, XML_SIGNATURE_MESSAGES } from '../modules/exchange/envelope.js';
import { systemCommand } from './exchange-systems.js';
import { sealErrorMessage } from './seal.js';

export const EXCHANGE_HELP = `cpdt exchange — gói tin edXML (QCVN 102:2016/BTTTT) / edXML envelopes

  cpdt exchange validate <file>             kiểm tra cấu trúc, mã định danh, ngày tháng / check structure, codes, dates
  cpdt exchange sign <file> --out <file>    ký gói tin bằng khoá của đơn vị (con dấu hệ thống) / sign with the agency's key
  cpdt exchange verify <file>               kiểm tra chữ ký gói tin và chữ ký trên tệp PDF / verify the envelope and PDF signatures
  cpdt exchange system add|list             hệ thống kết nối trục / the hub's connected systems (cpdt exchange system)

Mã thoát / Exit codes: 0 hợp lệ / valid, 1 không hợp lệ / invalid, 2 cách dùng hoặc không đọc được tệp / usage or unreadable file.`;

class UsageError extends Error {}

function read(file: string | undefined): Buffer {
  if (!file) throw new UsageError(EXCHANGE_HELP);
  try {
    return fs.readFileSync(path.resolve(file));
  } catch {
    throw new UsageError(`Không đọc được tệp ${file}. / Cannot read ${file}.`);
  }
}

function issueLine(issue: EdxmlIssue): string {
  const m = issueMessage(issue.code);
  const value = issue.value !== undefined ? ` [${issue.value.slice(0, 80)}]` : '';
  return `  ${issue.code} ${issue.element}${value}: ${m.vi} / ${m.en}`;
}

function summary(message: EdxmlMessage): string[] {
  if (message.kind === 'status') {
    const s = message.status;
    return [
      `  Thông điệp trạng thái / Status message: ${s.statusCode ?? '?'} — ${s.description ?? ''}`,
      `  Từ / From: ${s.from.organId ?? '?'} ${s.from.organName ?? ''}`,
      `  Về văn bản / For document: ${s.responseFor.documentId ?? '?'}`,
      `  Thời điểm / At: ${s.timestamp ?? '?'}`,
    ];
  }
  const e = message.edoc;
  const code = e.code ? `${e.code.number ?? ''}/${e.code.notation ?? ''}` : '?';
  return [
    `  Văn bản điện tử / Document: loại nghiệp vụ / business type ${e.business?.docType ?? '0'}`,
    `  DocumentId: ${e.documentId ?? '?'}`,
    `  Số, ký hiệu / Number: ${code}   Ngày / Date: ${e.promulgation?.date ?? '?'}`,
    `  Từ / From: ${e.from.organId ?? '?'} ${e.from.organName ?? ''}`,
    ...e.to.map((t, i) => `  Đến / To ${i + 1}: ${t.organId ?? '?'} ${t.organName ?? ''}`),
    `  Trích yếu / Subject: ${e.subject ?? ''}`,
    `  Tệp đính kèm / Attachments: ${e.attachments.length}`,
    ...e.attachments.map(
      (a) => `    ${a.name ?? a.contentId ?? '?'} (${a.size ?? 0} bytes, SHA-256 ${a.sha256 ?? '?'})`,
    ),
  ];
}

async function validate(file: string | undefined): Promise<number> {
  const parsed = await parseEdxml(read(file));
  if (parsed.message && !parsed.errors.length) {
    console.log('Hợp lệ / Valid');
    console.log(summary(parsed.message).join('\n'));
  } else {
    console.log(`Không hợp lệ / Invalid: ${parsed.errors.length} lỗi / errors`);
    console.log(parsed.errors.map(issueLine).join('\n'));
  }
  if (parsed.warnings.length) {
    console.log(`Cảnh báo / Warnings (${parsed.warnings.length}):`);
    console.log(parsed.warnings.map(issueLine).join('\n'));
  }
  return parsed.message && !parsed.errors.length ? 0 : 1;
}

async function sign(file: string | undefined, out: string | undefined): Promise<number> {
  if (!out) throw new UsageError(EXCHANGE_HELP);
  const input = read(file);
  const parsed = await parseEdxml(input);
  if (!parsed.message || parsed.errors.length) {
    console.error('Không ký gói tin không hợp lệ / Will not sign an invalid envelope:');
    console.error(parsed.errors.map(issueLine).join('\n'));
    return 1;
  }
  const config = loadConfig();
  const pki = createPki(config, loadSecretBox(config.CPDT_SECRET_KEY, config.dataDir));
  try {
    const seal = await pki.seal();
    const signed = await signEnvelope(input, seal);
    fs.writeFileSync(path.resolve(out), signed);
    console.log(`Đã ký / Signed: ${path.resolve(out)}`);
    console.log(`  Khoá / Key: ${seal.description}`);
    return 0;
  } catch (e) {
    if (e instanceof SealError) {
      console.error(sealErrorMessage(e, config));
      return 1;
    }
    throw e;
  } finally {
    await pki.close();
  }
}

async function verify(file: string | undefined): Promise<number> {
  const input = read(file);
  const config = loadConfig();
  const pki = createPki(config, loadSecretBox(config.CPDT_SECRET_KEY, config.dataDir));
  try {
    const check = await checkEnvelope(input, { pki });
    let good = true;
    const s = check.signature;
    if (s.valid) {
      console.log(`Chữ ký gói tin hợp lệ / Envelope signature valid: ${s.subject ?? ''}`);
      console.log(
        `  ${s.algorithm ?? ''} / ${s.digestAlgorithm ?? ''}${s.weak ? ' (SHA-1: yếu / weak)' : ''}`,
      );
    } else if (!s.signed) {
      console.log(
        `Gói tin không có chữ ký số (không bắt buộc trên trục) / The envelope is not signed (optional on the axis)` +
          (s.placeholderSignature ? ' — có phần tử Signature giả / a placeholder Signature element' : ''),
      );
    } else {
      good = false;
      const m = XML_SIGNATURE_MESSAGES[s.reason ?? 'malformed_signature'];
      console.log(
        `Chữ ký gói tin KHÔNG hợp lệ / Envelope signature INVALID: EXCHANGE_SIGNATURE_${(s.reason ?? 'malformed_signature').toUpperCase()}`,
      );
      console.log(`  ${m.vi} / ${m.en}${s.detail ? ` (${s.detail})` : ''}`);
    }
    let pdfs = 0;
    for (const a of check.attachments) {
      if (!a.pdf) continue;
      pdfs++;
      const name = a.file?.name ?? a.meta.name ?? '?';
      if (a.pdf.valid) {
        const signers = a.pdf.signatures.map((x) => x.signerName ?? '?').join(', ');
        console.log(`Tệp ${name}: chữ ký số hợp lệ / PDF signatures valid (${signers})`);
      } else {
        good = false;
        const reason = a.pdf.reason ?? 'no_signature';
        const m = PDF_SIGNATURE_REASONS[reason];
        console.log(
          `Tệp ${name}: chữ ký số KHÔNG hợp lệ / PDF signatures INVALID: PDF_${reason.toUpperCase()}`,
        );
        console.log(`  ${m.vi} / ${m.en}`);
      }
    }
    if (!s.signed && pdfs === 0) {
      console.log('Không có chữ ký số nào để kiểm tra / Nothing signed to verify.');
      good = false;
    }
    if (check.parsed.errors.length) {
      good = false;
      console.log('Gói tin không hợp lệ / Invalid envelope:');
      console.log(check.parsed.errors.map(issueLine).join('\n'));
    }
    return good ? 0 : 1;
  } finally {
    await pki.close();
  }
}

export async function exchangeCommand(argv: string[]): Promise<number> {
  if (argv[0] === 'system') return systemCommand(argv.slice(1)); // the hub's connected systems: options of its own
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${EXCHANGE_HELP}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [sub, file, extra] = positionals;
  if (values.help) {
    console.log(EXCHANGE_HELP);
    return 0;
  }
  try {
    if (extra !== undefined) throw new UsageError(EXCHANGE_HELP);
    if (sub === 'validate') return await validate(file);
    if (sub === 'sign') return await sign(file, values.out);
    if (sub === 'verify') return await verify(file);
    throw new UsageError(EXCHANGE_HELP);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}
