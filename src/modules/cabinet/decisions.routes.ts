/**
 * Downloading a closed decision's evidence bundle (docs/signatures.md) as a ZIP archive: the same files
 * `cpdt poll export` / `cpdt ballot export` write, for anyone who may read the poll or the ballot. Unzip it
 * and run `cpdt verify <dir>` or the openssl commands on it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../platform/files/index.js';
import { requireActor } from '../../platform/http/index.js';
import type { Platform } from '../../platform/platform.js';
import { loadBallotFor } from './ballots.view.js';
import { buildBundle, zipBundle } from './decisions.export.js';
import { paperActor } from './paper-access.js';
import { pollFor } from './polls.service.js';

const TAGS = ['cabinet'];
const PollParams = z.object({
  meetingId: z.string().max(64).describe('Mã phiên họp / Meeting id'),
  pollId: z.string().max(64).describe('Mã cuộc biểu quyết / Poll id'),
});
const BallotParams = z.object({ ballotId: z.string().max(64).describe('Mã phiếu lấy ý kiến / Ballot id') });

export async function decisionsRoutes(app: FastifyInstance, p: Platform): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/cabinet/meetings/:meetingId/polls/:pollId/evidence',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary:
          'Hồ sơ chứng cứ của cuộc biểu quyết đã kết thúc (ZIP; kiểm tra bằng `cpdt verify`) / ' +
          "A closed poll's evidence bundle (ZIP; check it with `cpdt verify`)",
        params: PollParams,
      },
    },
    async (request, reply) => {
      const actor = paperActor(request, p);
      const { meetingId, pollId } = request.params;
      const bundle = await p.db.transaction(async (tx) => {
        const { poll } = await pollFor(tx, actor, meetingId, pollId);
        return buildBundle(tx, p, { kind: 'poll', id: poll.id });
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(`bieu-quyet-${pollId}.zip`))
        .header('x-content-type-options', 'nosniff')
        .send(zipBundle(bundle.files, actor.now));
    },
  );

  r.get(
    '/api/cabinet/ballots/:ballotId/evidence',
    {
      onRequest: requireActor,
      schema: {
        tags: TAGS,
        summary:
          'Hồ sơ chứng cứ của phiếu lấy ý kiến đã kết thúc (ZIP, kèm báo cáo kết quả PDF) / ' +
          "A closed ballot's evidence bundle (ZIP, with the result PDF)",
        params: BallotParams,
      },
    },
    async (request, reply) => {
      const actor = paperActor(request, p);
      const { ballotId } = request.params;
      const bundle = await p.db.transaction(async (tx) => {
        const a = await loadBallotFor(tx, actor, ballotId, 'read', actor.now);
        return buildBundle(tx, p, { kind: 'ballot', id: a.ballot.id });
      });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(`phieu-lay-y-kien-${ballotId}.zip`))
        .header('x-content-type-options', 'nosniff')
        .send(zipBundle(bundle.files, actor.now));
    },
  );
}
