/**
 * `cpdt ca init | issue | show`: the deployment's demo certification authority, for development and
 * demonstrations only (src/platform/crypto/demo-ca.ts). Production uses certificates from licensed CAs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCpdtPlatform } from '../app.js';
import { findCertificateHolder, registerCertificate } from '../modules/identity/index.js';
import { auditedTransaction, SYSTEM_CONTEXT } from '../platform/audit/index.js';
import { loadConfig, type Config } from '../platform/config/index.js';
import {
  CA_CERT_FILE,
  CA_KEY_FILE,
  DEFAULT_CERTIFICATE_DAYS,
  DemoCa,
  DemoCaError,
  demoCaDir,
  demoCaPassphrase,
  generateSigningKeyPair,
  initDemoCa,
  loadSecretBox,
  MAX_CERTIFICATE_DAYS,
  readDemoCaCertificate,
  type CertificateInfo,
  type DemoCaPassphrase,
} from '../platform/crypto/index.js';
import { DataDirLockedError } from '../platform/db/index.js';
import { isAppError, errorSpec } from '../platform/errors/index.js';

export const CA_HELP = `cpdt ca — CA thử nghiệm (chỉ dùng phát triển, trình diễn) / demo CA (development and demos only)

  ca init [--name "…"] [--force]      tạo CA / create the CA in <data dir>/ca
  ca issue --person <username> [--days N] [--out <dir>]
                                      cấp khoá và chứng thư ký cho một người, đăng ký vào tài khoản
                                      / issue a key pair and signing certificate to a person, registered on them
  ca show                             thông tin CA / show the CA

Mật khẩu khoá CA / CA key passphrase: CPDT_CA_PASSPHRASE, or derived from the deployment key.`;

const DEMO_ONLY =
  'CHỈ DÙNG PHÁT TRIỂN, TRÌNH DIỄN: chữ ký bằng chứng thư của CA này không có giá trị pháp lý; khi vận hành ' +
  'thật dùng chứng thư số do tổ chức chứng thực được cấp phép cấp.\n' +
  'FOR DEVELOPMENT AND DEMONSTRATIONS ONLY: signatures under this CA have no legal value; production uses ' +
  'certificates from licensed CAs.';

/** A refusal the CLI prints in both languages, with its exit status. */
class CaCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function caErrorMessage(e: DemoCaError, dir: string): string {
  switch (e.reason) {
    case 'notInitialised':
      return (
        `Chưa khởi tạo CA thử nghiệm trong ${dir}: chạy \`cpdt ca init\`.\n` +
        `The demo CA is not initialised in ${dir}: run \`cpdt ca init\`.`
      );
    case 'exists':
      return (
        `Đã có CA thử nghiệm trong ${dir}. Dùng --force để thay (chứng thư đã cấp sẽ không còn xác minh được với CA mới).\n` +
        `A demo CA already exists in ${dir}. Use --force to replace it (certificates it issued will not verify against the new one).`
      );
    case 'passphrase':
      return (
        'Mật khẩu không mở được khoá CA (CPDT_CA_PASSPHRASE, hoặc khoá triển khai đã đổi).\n' +
        'The passphrase does not open the CA key (CPDT_CA_PASSPHRASE, or the deployment key changed).'
      );
    case 'keyMismatch':
      return `Khoá CA không khớp với chứng thư CA trong ${dir}.\nThe CA key does not match the CA certificate in ${dir}.`;
    case 'publicKey':
    case 'subject':
    case 'days':
      return `Không cấp được chứng thư / Cannot issue the certificate: ${e.message}`;
  }
}

function vietnamTime(config: Config): (d: Date) => string {
  const format = new Intl.DateTimeFormat('vi-VN', {
    timeZone: config.TZ_DISPLAY,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (d) => {
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      format.formatToParts(d).find((p) => p.type === type)?.value ?? '';
    return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
  };
}

function describe(cert: CertificateInfo, config: Config): string[] {
  const time = vietnamTime(config);
  return [
    `  Chủ thể / Subject:    ${cert.subject}`,
    `  Tổ chức cấp / Issuer: ${cert.issuer}`,
    `  Số hiệu / Serial:     ${cert.serialNumber}`,
    `  Hiệu lực / Valid:     ${time(cert.notBefore)} – ${time(cert.notAfter)} (giờ Việt Nam / Vietnam time)`,
    `  Khoá / Key:           ${cert.publicKey.description}`,
    `  SHA-256:              ${cert.fingerprint}`,
  ];
}

function passphraseNote(source: DemoCaPassphrase['source']): string {
  return source === 'env'
    ? 'Mật khẩu khoá CA lấy từ CPDT_CA_PASSPHRASE. / The CA key passphrase comes from CPDT_CA_PASSPHRASE.'
    : 'Mật khẩu khoá CA được suy ra từ khoá triển khai (secret.key hoặc CPDT_SECRET_KEY); đặt CPDT_CA_PASSPHRASE để tự chọn.\n' +
        'The CA key passphrase is derived from the deployment key (secret.key or CPDT_SECRET_KEY); set CPDT_CA_PASSPHRASE to choose one.';
}

function days(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CERTIFICATE_DAYS;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_CERTIFICATE_DAYS)
    throw new CaCommandError(
      `--days phải là số ngày từ 1 đến ${MAX_CERTIFICATE_DAYS}. / --days must be 1 to ${MAX_CERTIFICATE_DAYS} days.`,
      2,
    );
  return n;
}

/** A username as a file name: anything unusual becomes `_`. */
const fileStem = (username: string) => username.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');

async function init(config: Config, dir: string, pass: DemoCaPassphrase, name?: string, force?: boolean) {
  const { certificate, replaced } = await initDemoCa(dir, { passphrase: pass.passphrase, name, force });
  console.log(`Đã tạo CA thử nghiệm / Demo CA created: ${dir}`);
  console.log(describe(certificate, config).join('\n'));
  console.log(`  Chứng thư / Certificate: ${path.join(dir, CA_CERT_FILE)}`);
  console.log(
    `  Khoá riêng (PKCS#8, mã hoá) / Private key (encrypted PKCS#8): ${path.join(dir, CA_KEY_FILE)}`,
  );
  for (const file of replaced) console.log(`  CA cũ giữ lại tại / Previous CA kept as: ${file}`);
  console.log(`\n${passphraseNote(pass.source)}`);
  console.log(
    'Sao lưu thư mục này cùng thư mục dữ liệu. / Back this folder up with the data folder.\n\n' + DEMO_ONLY,
  );
}

async function show(config: Config, dir: string, pass: DemoCaPassphrase) {
  const certificate = readDemoCaCertificate(dir);
  if (!certificate) throw new DemoCaError('notInitialised', 'No CA');
  console.log(`CA thử nghiệm / Demo CA: ${dir}`);
  console.log(describe(certificate, config).join('\n'));
  await DemoCa.load(dir, pass.passphrase);
  console.log(`  Khoá riêng / Private key: mở được / unlocks (${path.join(dir, CA_KEY_FILE)})`);
  console.log(`\n${passphraseNote(pass.source)}\n\n${DEMO_ONLY}`);
}

interface IssueOptions {
  person: string;
  days: number;
  out: string;
}

async function issue(config: Config, dir: string, pass: DemoCaPassphrase, o: IssueOptions) {
  const ca = await DemoCa.load(dir, pass.passphrase);
  const p = await createCpdtPlatform(config, { migrate: true });
  try {
    const holder = await findCertificateHolder(p.db, o.person);
    if (!holder)
      throw new CaCommandError(
        `Không có người dùng với tên đăng nhập «${o.person}».\nNo person with the username «${o.person}».`,
      );
    const stem = fileStem(holder.username);
    const keyFile = path.join(o.out, `${stem}.key.pem`);
    const certFile = path.join(o.out, `${stem}.crt.pem`);
    const caFile = path.join(o.out, CA_CERT_FILE);
    if (fs.existsSync(keyFile))
      throw new CaCommandError(
        `Đã có ${keyFile}: chuyển tệp đó đi hoặc chọn --out khác.\n${keyFile} exists: move it away or choose another --out.`,
      );

    const keys = generateSigningKeyPair();
    const issued = await ca.issueCertificate({
      publicKey: keys.publicKey,
      subject: {
        commonName: holder.displayName,
        uid: holder.username,
        serialNumber: holder.personalId,
        organization: holder.agencyName,
        email: holder.email,
      },
      days: o.days,
    });
    fs.mkdirSync(o.out, { recursive: true });
    fs.writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600, flag: 'wx' });
    try {
      fs.writeFileSync(certFile, issued.pem);
      fs.writeFileSync(caFile, ca.certificate.pem);
      await auditedTransaction(
        p.db,
        SYSTEM_CONTEXT,
        { action: 'identity.certificate.register', objectType: 'certificate' },
        (tx) =>
          registerCertificate(tx, SYSTEM_CONTEXT, holder.personId, issued.pem, 'ca', {
            label: 'CA thử nghiệm / Demo CA',
          }),
      );
    } catch (e) {
      // Nothing registered: leave no key behind that matches no registered certificate.
      fs.rmSync(keyFile, { force: true });
      fs.rmSync(certFile, { force: true });
      throw e;
    }

    console.log(
      `Đã cấp và đăng ký chứng thư số thử nghiệm cho / Demo certificate issued and registered to: ` +
        `${holder.username} (${holder.displayName})`,
    );
    console.log(describe(issued.certificate, config).join('\n'));
    console.log(`  Khoá riêng (PKCS#8, giữ bí mật) / Private key (PKCS#8, keep it secret): ${keyFile}`);
    console.log(`  Chứng thư / Certificate: ${certFile}`);
    console.log(`  Chứng thư CA / CA certificate: ${caFile}`);
    console.log(`\nKiểm tra / Check:\n  openssl verify -CAfile ${caFile} ${certFile}\n\n${DEMO_ONLY}`);
  } finally {
    await p.database.close();
  }
}

/** `cpdt ca …`; returns the exit status (0 done, 1 refused, 2 usage, 4 data folder in use). */
export async function caCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        force: { type: 'boolean' },
        person: { type: 'string' },
        days: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${CA_HELP}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [sub, extra] = positionals;
  if (values.help) {
    console.log(CA_HELP);
    return 0;
  }
  const config = loadConfig(env);
  const dir = demoCaDir(config.dataDir);
  try {
    if (extra !== undefined || (sub !== 'init' && sub !== 'show' && sub !== 'issue'))
      throw new CaCommandError(CA_HELP, 2);
    if (sub === 'issue' && !values.person)
      throw new CaCommandError(`Thiếu --person <username>. / Missing --person <username>.\n\n${CA_HELP}`, 2);
    const pass = demoCaPassphrase(
      config.CPDT_CA_PASSPHRASE,
      loadSecretBox(config.CPDT_SECRET_KEY, config.dataDir),
    );
    if (sub === 'init') await init(config, dir, pass, values.name, values.force);
    else if (sub === 'show') await show(config, dir, pass);
    else
      await issue(config, dir, pass, {
        person: values.person!,
        days: days(values.days),
        out: path.resolve(values.out ?? process.cwd()),
      });
    return 0;
  } catch (e) {
    if (e instanceof CaCommandError) {
      console.error(e.message);
      return e.exitCode;
    }
    if (e instanceof DemoCaError) {
      console.error(caErrorMessage(e, dir));
      return 1;
    }
    if (isAppError(e)) {
      const spec = errorSpec(e.code)!;
      console.error(`${spec.vi}\n${spec.en} (${e.code})`);
      return 1;
    }
    if (e instanceof DataDirLockedError) {
      console.error(
        `${e.message}\nDừng máy chủ trước khi chạy \`cpdt ca issue\` trên cơ sở dữ liệu nhúng.\n` +
          'Stop the server before running `cpdt ca issue` on the embedded database.',
      );
      return 4;
    }
    throw e;
  }
}
