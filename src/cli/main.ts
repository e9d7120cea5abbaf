import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../platform/config/index.js';
import { DataDirLockedError, migrate } from '../platform/db/index.js';
import type { Platform } from '../platform/platform.js';
import { createCpdtPlatform } from '../app.js';
import { verifyAuditChain } from '../platform/audit/index.js';
import { handleSignals, startServer } from './serve.js';
import { seedDemo } from './seed.js';
import { backup, restore } from './backup.js';
import { ADMIN_HELP, adminCommand } from './admin.js';
import { caCommand } from './ca.js';
import { sealCommand } from './seal.js';
import { exchangeCommand } from './exchange.js';
import { verifyCommand } from './verify.js';
import { decisionsCommand } from './decisions.js';
import { startDemoEid } from '../simulators/vneid/demo.js';

const HELP = `cpdt — Nền tảng Chính phủ điện tử CPĐT / CPĐT e-Government platform

Cách dùng / Usage: cpdt <command> [options]

  start                 migrate, seed the demo on an empty database, serve (what \`npm start\` runs)
  serve                 serve on PORT (default 3000)
  migrate               apply database migrations
  seed --demo           add demo data (idempotent)
  backup <file>         write a backup of the database and files
  restore <file>        restore a backup into an empty database
  audit verify          check the audit log's hash chain
  admin create|unlock   first administrator, or an administrator locked out (cpdt admin)
  ca init|issue|show    demo certificate authority, development only (cpdt ca --help)
  seal init|show|csr|import-cert   the system seal's key and certificate (cpdt seal --help)
  poll list|export      polls and their evidence bundles (cpdt poll --help)
  ballot list|export    written opinion ballots and their evidence bundles (cpdt ballot --help)
  verify <dir>          check an exported evidence bundle offline (cpdt verify --help)
  exchange validate|sign|verify <file>   edXML envelopes (cpdt exchange --help)
  exchange system add|list   systems connected to this deployment's hub (cpdt exchange --help)

Configuration comes from environment variables (see README.md).`;

async function withPlatform<T>(
  config: Config,
  fn: (p: Platform) => Promise<T>,
  migrateFirst = true,
): Promise<T> {
  const p = await createCpdtPlatform(config, { migrate: migrateFirst });
  try {
    return await fn(p);
  } finally {
    await p.database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'ca') return caCommand(argv.slice(1)); // its own options (--person, --days, --out …)
  if (argv[0] === 'seal') return sealCommand(argv.slice(1)); // its own options (--cn, --org, --out)
  if (argv[0] === 'verify') return verifyCommand(argv.slice(1)); // offline: no configuration, no database
  if (argv[0] === 'exchange') return exchangeCommand(argv.slice(1)); // files, the seal and the trust store
  // `admin` has options of its own (--name, --email …), parsed by adminCommand.
  const { positionals, values } = parseArgs({
    args: argv[0] === 'admin' ? ['admin'] : argv,
    allowPositionals: true,
    options: { demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, sub, arg] = positionals;
  if (!command || values.help) {
    console.log(HELP);
    return command ? 0 : 1;
  }
  try {
    const config = loadConfig();
    switch (command) {
      case 'start':
      case 'serve': {
        const started = Date.now();
        // Demo mode: citizens sign in through a local VNeID simulator, unless EID_ISSUER names a real one.
        const eid = command === 'start' ? await startDemoEid(config) : null;
        const p = await createCpdtPlatform(eid?.config ?? config, { migrate: false });
        const applied = await migrate(p.db);
        const fresh = applied.includes('0000_search');
        const accounts = command === 'start' && fresh ? await seedDemo(p) : [];
        const server = await startServer(p, eid ? [eid] : []);
        handleSignals(server);
        console.log(
          `\nCPĐT đang chạy tại / is running at ${server.url}  (${p.database.kind}, ${Date.now() - started} ms)`,
        );
        if (eid)
          console.log(
            `Định danh điện tử: trình MÔ PHỎNG VNeID (không phải VNeID thật) / e-ID: a VNeID SIMULATOR (not the real VNeID) at ${eid.issuer}`,
          );
        if (accounts.length) console.log(`Tài khoản demo / demo accounts:\n  ${accounts.join('\n  ')}`);
        return await new Promise<number>(() => undefined); // runs until a signal
      }
      case 'migrate':
        return await withPlatform(
          config,
          async (p) => {
            const applied = await migrate(p.db);
            console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
            return 0;
          },
          false,
        );
      case 'seed':
        if (!values.demo) {
          console.error('Usage: cpdt seed --demo');
          return 2;
        }
        return await withPlatform(config, async (p) => {
          const lines = await seedDemo(p);
          console.log(`Demo data ready.\n  ${lines.join('\n  ')}`);
          return 0;
        });
      case 'backup':
      case 'restore': {
        const file = sub;
        if (!file) {
          console.error(`Usage: cpdt ${command} <file>`);
          return 2;
        }
        return await withPlatform(config, async (p) => {
          const summary = command === 'backup' ? await backup(p, file) : await restore(p, file);
          console.log(summary);
          return 0;
        });
      }
      case 'audit': {
        if (sub !== 'verify') {
          console.error('Usage: cpdt audit verify');
          return 2;
        }
        return await withPlatform(config, async (p) => {
          const r = await verifyAuditChain(p.db);
          if (r.ok) {
            console.log(`Nhật ký kiểm toán toàn vẹn / Audit log intact: ${r.checked} records.`);
            return 0;
          }
          console.error(
            `Nhật ký kiểm toán bị thay đổi tại bản ghi ${r.brokenAt!.id} / Audit log broken at record ${r.brokenAt!.id} (${r.brokenAt!.reason}); ${r.checked} records before it are intact.`,
          );
          return 3;
        });
      }
      case 'poll':
      case 'ballot':
        return await withPlatform(config, (p) => decisionsCommand(p, command, argv.slice(1)));
      case 'admin':
        if (argv.length === 1) {
          console.log(ADMIN_HELP);
          return 2;
        }
        return await withPlatform(config, (p) => adminCommand(p, argv.slice(1)));
      default:
        console.error(`Unknown command: ${command}${arg ? '' : ''}\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      if (command === 'backup')
        console.error(
          'Máy chủ đang chạy: quản trị viên tải bản sao lưu tại GET /api/admin/backup.\n' +
            'The server is running: an administrator downloads a backup from GET /api/admin/backup.',
        );
      return 4;
    }
    console.error(e instanceof Error ? e.message : e);
    return 1;
  }
}
