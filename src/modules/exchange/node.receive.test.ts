import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdxmlToBuffer } from './edxml/index.js';
import { composeOutbound } from './node.compose.js';
import { getDocument } from './node.documents.js';
import { receiveEnvelope } from './node.receive.js';
import { CODE, nodeWorld, onePagePdf, outboundInput, type NodeWorld } from './node.test-helpers.js';

describe('statuses from a recipient', () => {
  let w: NodeWorld;
  beforeAll(async () => {
    w = await nodeWorld();
  });
  afterAll(async () => {
    await w.p.close();
  });

  const status = (documentId: string, code: string, timestamp: string) =>
    buildEdxmlToBuffer({
      kind: 'status',
      status: {
        from: { organId: CODE.B, organName: 'Bộ Tài chính' },
        responseFor: { organId: CODE.A, code: '1/VPCP', promulgationDate: '2026/03/10', documentId },
        statusCode: code,
        description: `trạng thái ${code}`,
        timestamp,
      },
    });

  it('only move the recipient forward; every status stays on the timeline', async () => {
    const sent = await composeOutbound(w.p, w.actor('clerkA'), outboundInput(), await onePagePdf());
    const receive = async (code: string, timestamp: string) =>
      receiveEnvelope(w.p, {
        agencyCode: CODE.A,
        hubMessageId: crypto.randomUUID(),
        envelope: await status(sent.documentId, code, timestamp),
      });
    await receive('01', '2026/03/10 10:01:00');
    await receive('06', '2026/03/10 11:00:00');
    // The receipt of a later revocation of the same document (statuses name only the DocumentId).
    await receive('01', '2026/03/10 12:00:00');
    // An older status resent late.
    await receive('05', '2026/03/10 10:30:00');
    const doc = await getDocument(w.p.db, w.actor('clerkA'), sent.id);
    expect(doc.recipients.find((r) => r.code === CODE.B)?.statusCode).toBe('06');
    expect(doc.timeline.map((e) => e.statusCode).sort()).toEqual(['01', '01', '05', '06']);
    // Answering the revocation does move it on.
    await receive('15', '2026/03/10 12:05:00');
    const after = await getDocument(w.p.db, w.actor('clerkA'), sent.id);
    expect(after.recipients.find((r) => r.code === CODE.B)?.statusCode).toBe('15');
  });
});
