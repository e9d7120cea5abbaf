import path from 'node:path';
import pino, { type Logger } from 'pino';
import { CalendarService } from './calendar/calendar.service.js';
import { offsetClock, type Clock } from './clock/index.js';
import type { Config } from './config/index.js';
import { createPki, loadSecretBox, type Pki, type SecretBox } from './crypto/index.js';
import { migrate, openDatabase, type Database, type Db } from './db/index.js';
import { EventBus } from './events/index.js';
import { LocalFileStore, type FileStore } from './files/index.js';
import { Jobs } from './jobs/index.js';
import { createNotifier, type ContactResolver, type Notifier } from './notify/index.js';

/**
 * The shared kernel handed to every module: database, clock, jobs, events, files, notifications.
 * Built once per process by the composition root (src/app.ts) or by a test.
 */
export interface Platform {
  readonly config: Config;
  readonly database: Database;
  readonly db: Db;
  readonly clock: Clock;
  readonly jobs: Jobs;
  readonly events: EventBus;
  readonly files: FileStore;
  readonly logger: Logger;
  /** E-mail, SMS and in-app messages (outbox when no transport is configured). */
  readonly notify: Notifier;
  /** Working days: the calendar in force (holidays, Government overrides) for every deadline. */
  readonly calendar: CalendarService;
  /** Encrypts secrets stored in the database with the deployment key. */
  readonly secrets: SecretBox;
  /** Trusted CAs, certificate validation, the system seal, timestamps. */
  readonly pki: Pki;
}

export interface PlatformOptions {
  clock?: Clock;
  database?: Database;
  logger?: Logger;
  migrate?: boolean;
  /** Who a person is to notify (their addresses, language): identity's lookup, passed in by src/app.ts. */
  contacts: ContactResolver;
}

export async function createPlatform(config: Config, opts: PlatformOptions): Promise<Platform> {
  const logger = opts.logger ?? pino({ level: config.LOG_LEVEL });
  const database =
    opts.database ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir }));
  if (opts.migrate !== false) await migrate(database.db);
  const clock = opts.clock ?? offsetClock(config.CPDT_CLOCK_OFFSET_MS);
  const jobs = new Jobs(database.db, {
    pollMs: config.JOB_POLL_MS,
    concurrency: config.JOB_CONCURRENCY,
    logger,
    clock,
  });
  const events = new EventBus();
  const notify = createNotifier(config, {
    db: database.db,
    jobs,
    events,
    clock,
    logger,
    contacts: opts.contacts,
  });
  const secrets = loadSecretBox(config.CPDT_SECRET_KEY, config.dataDir);
  return {
    config,
    database,
    db: database.db,
    clock,
    jobs,
    events,
    notify,
    calendar: new CalendarService(database.db, { clock }),
    files: new LocalFileStore(path.join(config.dataDir, 'files')),
    logger,
    secrets,
    pki: createPki(config, secrets, { logger }),
  };
}
