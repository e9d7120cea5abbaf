import path from 'node:path';
import { readBackup, writeBackup, type BackupSummary } from '../platform/backup/index.js';
import type { Platform } from '../platform/platform.js';

const describe = (verb: string, file: string, s: BackupSummary) => {
  const rows = Object.values(s.tables).reduce((a, b) => a + b, 0);
  return `${verb} ${path.resolve(file)}: ${Object.keys(s.tables).length} tables, ${rows} rows, ${s.files} files.`;
};

export async function backup(p: Platform, file: string): Promise<string> {
  return describe('Đã sao lưu / Backed up to', file, await writeBackup(p.db, p.database.kind, p.files, file));
}

export async function restore(p: Platform, file: string): Promise<string> {
  return describe('Đã khôi phục / Restored from', file, await readBackup(p.db, p.files, file));
}
