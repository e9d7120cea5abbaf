/**
 * `cpdt exchange system add|list`: the hub operator registers the systems that connect to it (before the first
 * start, or on a running PostgreSQL deployment). The secret is printed once, or read from --secret-file so that
 * it can be handed to the system's operator by a channel of their choice. --oidc-client binds a machine OIDC
 * client (registered beforehand), whose client credentials tokens then authenticate the system as well.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createCpdtPlatform } from '../app.js';
import { auditedTransaction, SYSTEM_CONTEXT } from '../platform/audit/index.js';
import { loadConfig } from '../platform/config/index.js';
import { isAppError, errorSpec } from '../platform/errors/index.js';
import { createSystem, listSystems } from '../modules/exchange/hub.systems.js';

export const SYSTEM_HELP = `cpdt exchange system — hệ thống kết nối trục / systems connected to the hub

  cpdt exchange system add <id> --name <tên> --agency <mã>[,<mã>…] [--push-url <url>] [--secret-file <tệp>]
                                       [--max-bytes <n>] [--per-minute <n>] [--oidc-client <client id>]
  cpdt exchange system list`;

export async function systemCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      agency: { type: 'string', multiple: true },
      'push-url': { type: 'string' },
      'secret-file': { type: 'string' },
      'max-bytes': { type: 'string' },
      'per-minute': { type: 'string' },
      'oidc-client': { type: 'string' },
    },
  });
  const [sub, id] = positionals;
  if (sub !== 'add' && sub !== 'list') {
    console.error(SYSTEM_HELP);
    return 2;
  }
  if (sub === 'add' && (!id || !values.name || !values.agency?.length)) {
    console.error(SYSTEM_HELP);
    return 2;
  }
  const p = await createCpdtPlatform(loadConfig(), { migrate: true });
  try {
    if (sub === 'list') {
      for (const s of await listSystems(p.db))
        console.log(
          `${s.id}\t${s.active ? 'active' : 'inactive'}\t${s.agencyCodes.join(',')}\t${s.name}` +
            (s.oidcClientId ? `\toidc:${s.oidcClientId}` : ''),
        );
      return 0;
    }
    const secretFile = values['secret-file'];
    const given =
      secretFile && fs.existsSync(secretFile) ? fs.readFileSync(secretFile, 'utf8').trim() : undefined;
    // Audited like the API's registration, as the deployment (whoever runs the CLI holds its data folder).
    const { system, secret } = await auditedTransaction(
      p.db,
      SYSTEM_CONTEXT,
      { action: 'exchange.system.create', objectType: 'exchange_system', objectId: id! },
      (tx) =>
        createSystem(tx, p, {
          id: id!,
          name: values.name!,
          agencyCodes: values.agency!.flatMap((a) => a.split(',')).map((a) => a.trim()),
          ...(values['push-url'] ? { pushUrl: values['push-url'] } : {}),
          ...(values['max-bytes'] ? { maxEnvelopeBytes: Number(values['max-bytes']) } : {}),
          ...(values['per-minute'] ? { sendsPerMinute: Number(values['per-minute']) } : {}),
          ...(given ? { secret: given } : {}),
          ...(values['oidc-client'] ? { oidcClientId: values['oidc-client'] } : {}),
        }),
    );
    console.log(`Đã đăng ký / Registered: ${system.id} (${system.agencyCodes.join(', ')})`);
    if (secretFile && !given) {
      fs.writeFileSync(secretFile, `${secret}\n`, { mode: 0o600 });
      console.log(`Khoá bí mật đã ghi vào / Secret written to ${secretFile}`);
    } else if (!given) console.log(`Khoá bí mật (chỉ hiện một lần) / Secret (shown once): ${secret}`);
    return 0;
  } catch (e) {
    if (isAppError(e)) {
      const spec = errorSpec(e.code);
      console.error(`${e.code}: ${spec?.vi ?? ''} / ${spec?.en ?? ''}`);
      return 1;
    }
    throw e;
  } finally {
    await p.database.close();
  }
}
