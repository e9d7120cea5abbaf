/**
 * `cpdt seal init | show | csr | import-cert`: the system seal's key and certificate (src/platform/crypto/seal.ts,
 * docs/seal.md). Needs no database: the key is on the PKCS#11 token (or, demo only, in a file), the
 * certificate in SEAL_CERT_FILE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../platform/config/index.js';
import { createPki, loadSecretBox, type CertificateInfo } from '../platform/crypto/index.js';
import {
  DEMO_SEAL_WARNING,
  importSealCertificate,
  initSeal,
  sealCsr,
  SealError,
  sealMode,
  sealStatus,
} from '../platform/crypto/seal.js';

export const SEAL_HELP = `cpdt seal — con dấu hệ thống / the system seal (docs/seal.md)

  seal init                           tạo khoá con dấu trên thiết bị PKCS#11 (hoặc tệp khoá thử nghiệm) và,
                                      nếu có CA thử nghiệm, chứng thư của nó
                                      / create the seal key on the PKCS#11 token (or the demo key file) and,
                                      when the demo CA exists, its certificate
  seal show                           khoá ở đâu, chứng thư nào, có được tin cậy không
                                      / where the key is, which certificate, whether it is trusted
  seal csr [--cn "…"] [--org "…"] [--out <file>]
                                      yêu cầu cấp chứng thư (PKCS#10) do thiết bị ký, gửi cho CA
                                      / a certificate request (PKCS#10) signed by the token, for a CA
  seal import-cert <file>             cài chứng thư CA cấp cho khoá con dấu (PEM, kèm chứng thư trung gian)
                                      / install the certificate a CA issued to the seal key (PEM, with intermediates)

Thiết bị / Token: PKCS11_MODULE, PKCS11_TOKEN_LABEL, PKCS11_PIN_FILE (or PKCS11_PIN), SEAL_KEY_LABEL;
chứng thư / certificate: SEAL_CERT_FILE (default <data dir>/seal/seal.crt.pem).`;

/** A refusal the CLI prints in both languages, with its exit status. */
class SealCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function sealErrorMessage(e: SealError, config: Config): string {
  switch (e.reason) {
    case 'pin':
      return (
        `Không mở được thiết bị bằng mã PIN (PKCS11_PIN_FILE hoặc PKCS11_PIN): ${e.message}.\n` +
        `The PIN does not open the token (PKCS11_PIN_FILE or PKCS11_PIN): ${e.message}.`
      );
    case 'module':
      return (
        `Không nạp được thư viện PKCS#11 ${config.PKCS11_MODULE ?? ''} (PKCS11_MODULE).\n` +
        `Cannot load the PKCS#11 library ${config.PKCS11_MODULE ?? ''} (PKCS11_MODULE).`
      );
    case 'token':
      return (
        `Không có thiết bị (token) nhãn «${config.PKCS11_TOKEN_LABEL}» (PKCS11_TOKEN_LABEL).\n` +
        `No token labelled «${config.PKCS11_TOKEN_LABEL}» (PKCS11_TOKEN_LABEL).`
      );
    case 'noKey':
      return (
        `Chưa có khoá con dấu (${e.message}): chạy \`cpdt seal init\`.\n` +
        `There is no seal key (${e.message}): run \`cpdt seal init\`.`
      );
    case 'keyExists':
      return (
        `Đã có khoá con dấu (${e.message}). Khoá trên thiết bị không xuất ra được; muốn thay thì xoá khoá cũ trên thiết bị trước (docs/seal.md).\n` +
        `A seal key already exists (${e.message}). A key on a token cannot be exported; to replace it, delete the old key on the token first (docs/seal.md).`
      );
    case 'unsupportedKey':
      return `Khoá con dấu không dùng được / Unsupported seal key: ${e.message}`;
    case 'noCertificate':
      return (
        'Khoá con dấu chưa có chứng thư: chạy `cpdt seal csr`, gửi yêu cầu cho CA, rồi `cpdt seal import-cert <tệp>`.\n' +
        'The seal key has no certificate: run `cpdt seal csr`, send the request to a CA, then `cpdt seal import-cert <file>`.'
      );
    case 'certificate':
      return `Chứng thư không dùng được / Unusable certificate: ${e.message}`;
    case 'certificateMismatch':
      return (
        `Chứng thư không phải của khoá con dấu; không có gì thay đổi. (${e.message})\n` +
        `The certificate is not for the seal key; nothing was changed. (${e.message})`
      );
  }
}

function vietnamTime(config: Config, d: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: config.TZ_DISPLAY,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts['day']}/${parts['month']}/${parts['year']} ${parts['hour']}:${parts['minute']}`;
}

function describe(cert: CertificateInfo, config: Config): string[] {
  return [
    `  Chủ thể / Subject:    ${cert.subject}`,
    `  Tổ chức cấp / Issuer: ${cert.issuer}`,
    `  Số hiệu / Serial:     ${cert.serialNumber}`,
    `  Hiệu lực / Valid:     ${vietnamTime(config, cert.notBefore)} – ${vietnamTime(config, cert.notAfter)} (giờ Việt Nam / Vietnam time)`,
    `  Khoá / Key:           ${cert.publicKey.description}`,
    `  SHA-256:              ${cert.fingerprint}`,
  ];
}

function demoNote(config: Config): string[] {
  return sealMode(config) === 'file' ? ['', DEMO_SEAL_WARNING] : [];
}

async function init(config: Config, secrets: ReturnType<typeof loadSecretBox>): Promise<void> {
  const r = await initSeal(config, secrets);
  console.log(`Đã tạo khoá con dấu / Seal key created: ${r.description}`);
  if (r.mode === 'pkcs11')
    console.log(
      `  Trên thiết bị, không xuất ra được / On the token, not exportable: ` +
        `sensitive=${String(r.sensitive)}, extractable=${String(r.extractable)}`,
    );
  if (r.certificate) {
    console.log(`Chứng thư do CA thử nghiệm cấp / Certificate from the demo CA: ${r.certFile}`);
    console.log(describe(r.certificate, config).join('\n'));
    if (r.replacedCertificate)
      console.log(`  Chứng thư cũ giữ lại tại / Previous certificate kept as: ${r.replacedCertificate}`);
  } else {
    console.log(
      'Chưa có chứng thư: chạy `cpdt seal csr`, gửi yêu cầu cho CA, rồi `cpdt seal import-cert <tệp>`.\n' +
        'No certificate yet: run `cpdt seal csr`, send the request to a CA, then `cpdt seal import-cert <file>`.',
    );
  }
  console.log(demoNote(config).join('\n'));
}

async function show(config: Config, secrets: ReturnType<typeof loadSecretBox>): Promise<number> {
  const s = sealStatus(config, secrets);
  console.log(`Con dấu hệ thống / System seal: ${s.description}`);
  if (s.key.present)
    console.log(
      s.mode === 'pkcs11'
        ? `  Khoá / Key: có trên thiết bị / on the token (sensitive=${String(s.key.sensitive)}, extractable=${String(s.key.extractable)})`
        : '  Khoá / Key: tệp mã hoá, mở được / encrypted file, unlocks',
    );
  else console.log(`  Khoá / Key: ${sealErrorMessage(s.key.problem, config).replace(/\n/g, '\n        ')}`);
  console.log(`  Chứng thư / Certificate: ${s.certFile}`);
  if (s.certificate) console.log(describe(s.certificate, config).join('\n'));
  else console.log('  (chưa có / none yet)');
  for (const c of s.chain) console.log(`  Chứng thư trung gian / Intermediate: ${c.subject}`);
  let trusted = true;
  if (s.certificate) {
    // What `cpdt verify` and every verifier of a receipt will ask: does it chain to a CA this deployment trusts?
    const pki = createPki(config, secrets);
    try {
      const r = await pki.validate(s.certificate.der, new Date(), {
        intermediates: s.chain.map((c) => c.der),
      });
      trusted = r.ok;
      console.log(
        r.ok
          ? '  Tin cậy / Trusted: có, chuỗi tới CA được tin cậy / yes, chains to a trusted CA'
          : `  Tin cậy / Trusted: KHÔNG / NO (${r.reason}${r.detail ? `: ${r.detail}` : ''}) — docs/pki.md`,
      );
    } finally {
      await pki.close();
    }
  }
  if (s.matches === false)
    console.log(
      '  KHÔNG KHỚP: chứng thư không phải của khoá này. / MISMATCH: the certificate is not for this key.',
    );
  console.log(demoNote(config).join('\n'));
  return s.key.present && s.matches && trusted ? 0 : 1;
}

/** `cpdt seal …`; returns the exit status (0 done, 1 refused, 2 usage). */
export async function sealCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cn: { type: 'string' },
        org: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${SEAL_HELP}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [sub, file, extra] = positionals;
  if (values.help) {
    console.log(SEAL_HELP);
    return 0;
  }
  const config = loadConfig(env);
  try {
    const known = sub === 'init' || sub === 'show' || sub === 'csr' || sub === 'import-cert';
    const usage =
      !known || extra !== undefined || (sub === 'import-cert' ? file === undefined : file !== undefined);
    if (usage) throw new SealCommandError(SEAL_HELP, 2);
    const secrets = loadSecretBox(config.CPDT_SECRET_KEY, config.dataDir);
    switch (sub) {
      case 'init':
        await init(config, secrets);
        return 0;
      case 'show':
        return await show(config, secrets);
      case 'csr': {
        const csr = sealCsr(config, secrets, { commonName: values.cn, organization: values.org });
        if (values.out) {
          fs.writeFileSync(path.resolve(values.out), csr);
          console.error(
            `Đã ghi yêu cầu cấp chứng thư / Certificate request written: ${path.resolve(values.out)}\n` +
              'Gửi tệp này cho CA; khi có chứng thư: `cpdt seal import-cert <tệp>`. / Send it to the CA; then `cpdt seal import-cert <file>`.',
          );
        } else process.stdout.write(csr);
        return 0;
      }
      case 'import-cert': {
        let input: Buffer;
        try {
          input = fs.readFileSync(path.resolve(file!));
        } catch {
          throw new SealCommandError(`Không đọc được tệp ${file!}. / Cannot read ${file!}.`);
        }
        const r = importSealCertificate(config, secrets, input);
        console.log(`Đã cài chứng thư con dấu / Seal certificate installed: ${r.certFile}`);
        console.log(describe(r.certificate, config).join('\n'));
        for (const c of r.chain) console.log(`  Kèm / With: ${c.subject}`);
        if (r.replacedCertificate)
          console.log(`  Chứng thư cũ giữ lại tại / Previous certificate kept as: ${r.replacedCertificate}`);
        console.log(
          'Khởi động lại máy chủ để dùng chứng thư mới. / Restart the server to use the new certificate.',
        );
        return 0;
      }
    }
  } catch (e) {
    if (e instanceof SealCommandError) {
      console.error(e.message);
      return e.exitCode;
    }
    if (e instanceof SealError) {
      console.error(sealErrorMessage(e, config));
      return 1;
    }
    throw e;
  }
}
