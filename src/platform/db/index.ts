export {
  openDatabase,
  rows,
  toNumber,
  type Database,
  type Db,
  type Executor,
  type DatabaseKind,
} from './database.js';
export { migrate, readMigrations, MIGRATIONS_DIR } from './migrate.js';
export { lockDataDir, DataDirLockedError } from './lock.js';
export { searchVector, matchesText, containsText, tsQuery, foldText } from './search.js';
export { isUuid } from './uuid.js';
