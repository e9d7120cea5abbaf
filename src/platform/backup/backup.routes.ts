import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { audit } from '../audit/index.js';
import { auditContext, requirePermission } from '../http/index.js';
import type { Platform } from '../platform.js';
import { writeBackup } from './backup.js';

/**
 * Download a backup from the running server. On the embedded database the server holds the data folder,
 * so this is how a laptop or small-agency install is backed up without stopping it.
 */
export async function backupRoutes(app: FastifyInstance, p: Platform, permission: string): Promise<void> {
  app.get(
    '/api/admin/backup',
    {
      onRequest: requirePermission(permission),
      config: { rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags: ['platform'],
        summary: 'Tải bản sao lưu / Download a backup (database and files, gzip)',
        produces: ['application/gzip'],
      },
    },
    async (request, reply) => {
      const dir = path.join(p.config.dataDir, 'tmp');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `backup-${crypto.randomUUID()}.gz`);
      const summary = await writeBackup(p.db, p.database.kind, p.files, file);
      await p.db.transaction((tx) =>
        audit(tx, auditContext(request), { action: 'platform.backup.download', after: summary }),
      );
      const stamp = p.clock.now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const stream = fs.createReadStream(file);
      stream.once('close', () => fs.rmSync(file, { force: true }));
      return reply
        .header('content-type', 'application/gzip')
        .header('content-disposition', `attachment; filename="cpdt-${stamp}.gz"`)
        .send(stream);
    },
  );
}
