export { writeBackup, readBackup, BackupError, type BackupSummary } from './backup.js';
