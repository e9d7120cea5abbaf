/**
 * Reading a version of a paper, viewed in the viewer or downloaded: a reader gets a copy stamped with their
 * name on every page; a preparer downloading gets the original. The copy is made inside the transaction that
 * records the reading, so a copy that cannot be stamped leaves no read receipt.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors/index.js';
import { contentDisposition, sendStoredFile, type FileStore } from '../../platform/files/index.js';
import { auditedWriter } from '../../platform/http/index.js';
import { watermarkPdf } from '../../platform/pdf/index.js';
import type { Platform } from '../../platform/platform.js';
import { paperActor } from './paper-access.js';
import { ViewerErrors } from './viewer.errors.js';
import { openForReading, versionRef, type Opened } from './viewer.service.js';

export const PaperParams = z.object({
  meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id'),
  paperId: z.string().max(64).describe('Mã tài liệu / Paper id'),
});
export const VersionParams = PaperParams.extend({
  // Checked after the meeting and the paper, so a stranger gets 404 whatever they put here.
  version: z.string().max(64).describe('Số phiên bản, hoặc latest / Version number, or latest'),
});
type VersionRequest = FastifyRequest<{
  Params: z.infer<typeof VersionParams>;
  Querystring: { disposition: 'inline' | 'attachment' };
}>;

/** The viewable PDF with the reader's name and the time on every page; a coded 409 if it cannot be stamped. */
async function stampedCopy(files: FileStore, opened: Opened, at: Date): Promise<Buffer | null> {
  if (opened.kind === 'original') return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await files.open(opened.sha256)) chunks.push(Buffer.from(chunk as Uint8Array));
  try {
    return Buffer.from(await watermarkPdf(Buffer.concat(chunks), { reader: opened.reader, at }));
  } catch {
    throw new AppError(ViewerErrors.CABINET_PAPER_VIEW_STAMP_FAILED, { version: opened.version });
  }
}

/** One reading of a version: the copy made and recorded in one transaction, then sent (never cached). */
export async function readVersion(
  p: Platform,
  request: VersionRequest,
  reply: FastifyReply,
  mode: 'view' | 'download',
): Promise<FastifyReply> {
  const { meetingId, paperId, version } = request.params;
  const actor = paperActor(request, p);
  const { opened, stamped } = await auditedWriter(p.db)(
    request,
    { action: 'cabinet.paper.read', objectType: 'cabinet_paper', objectId: paperId },
    async (tx) => {
      const opened = await openForReading(tx, actor, meetingId, paperId, versionRef(version), mode);
      return { opened, stamped: await stampedCopy(p.files, opened, actor.now) };
    },
  );
  const disposition = request.query.disposition;
  if (opened.kind === 'original') return sendStoredFile(reply, p.files, opened, disposition);
  if (!stamped) throw new Error('A reader’s copy is sent only once stamped');
  return reply
    .header('content-type', 'application/pdf')
    .header('content-length', String(stamped.length))
    .header('content-disposition', contentDisposition(opened.filename, disposition))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-cpdt-paper-version', String(opened.version))
    .send(stamped);
}
