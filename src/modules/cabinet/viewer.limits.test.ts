import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf } from '../../../test/support/errors.js';
import { rows } from '../../platform/db/index.js';
import { multipart, papersWorld, type PapersWorld } from './papers.test-helpers.js';
import { paperVersions, readReceipts } from './schema.js';
import { checkViewable, VIEW_LIMITS, ViewRefusedError } from './viewer.jobs.js';

/** A PDF of blank pages. */
async function blankPdf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200, 200]);
  return Buffer.from(await doc.save());
}

/** A PDF whose trailer names a standard security handler, as a password-protected file does. */
async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  doc.context.trailerInfo.Encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    O: PDFHexString.of('00'.repeat(32)),
    U: PDFHexString.of('00'.repeat(32)),
    P: -3904,
  });
  return Buffer.from(await doc.save());
}

describe('limits of the paper viewer', () => {
  let w: PapersWorld;
  beforeAll(async () => {
    w = await papersWorld();
  });
  afterAll(async () => {
    await w.app.close();
    await w.p.close();
  });

  const papersUrl = () => `/api/cabinet/meetings/${w.meetingA}/papers`;
  const uploaded = async (content: Buffer, name: string) => {
    const created = await w.app.inject({
      method: 'POST',
      url: papersUrl(),
      headers: { cookie: w.cookies.officeA },
      payload: { title: name, kind: 'report', classification: 'internal' },
    });
    const paperId = created.json<{ id: string }>().id;
    const form = multipart(content, name);
    const res = await w.app.inject({
      method: 'POST',
      url: `${papersUrl()}/${paperId}/versions`,
      headers: { cookie: w.cookies.officeA, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode).toBe(201);
    await w.p.jobs.drain();
    const [version] = await w.p.db.select().from(paperVersions).where(eq(paperVersions.paperId, paperId));
    return { paperId, version: version! };
  };
  const view = (paperId: string) =>
    w.app.inject({
      method: 'GET',
      url: `${papersUrl()}/${paperId}/versions/latest/view`,
      headers: { cookie: w.cookies.member1 },
    });
  const viewJobs = async () =>
    rows<{ state: string; attempts: number }>(
      w.p.db,
      sql`select state, attempts from jobs where queue = 'cabinet.paper.view' order by created_at`,
    );

  it('refuses an encrypted PDF for viewing at once: failed, with the reason, never ready', async () => {
    const { paperId, version } = await uploaded(await encryptedPdf(), 'Báo cáo có mật khẩu.pdf');
    expect(version.viewState).toBe('failed');
    expect(version.viewError).toContain('Encrypted');
    expect(version.viewError).toContain('unprotected copy');
    expect(version.viewSha256).toBeNull();
    expect(errorCodeOf(await view(paperId))).toBe('CABINET_PAPER_VIEW_FAILED');
    // not retried: one attempt
    expect((await viewJobs()).at(-1)!.attempts).toBe(1);
  });

  it('refuses a PDF of more pages than the limit, and takes one at the limit', async () => {
    const over = await uploaded(await blankPdf(VIEW_LIMITS.maxPages + 1), 'Quá dài.pdf');
    expect(over.version.viewState).toBe('failed');
    expect(over.version.viewError).toContain(
      `${VIEW_LIMITS.maxPages + 1} pages, at most ${VIEW_LIMITS.maxPages}`,
    );
    const ok = await uploaded(await blankPdf(3), 'Vừa.pdf');
    expect(ok.version.viewState).toBe('ready');
  });

  it('keeps viewable PDFs within 200 MB, refusing a larger one before loading it', async () => {
    expect(VIEW_LIMITS.maxBytes).toBeLessThanOrEqual(200 * 1024 * 1024);
    const pdf = await blankPdf(1);
    await expect(checkViewable(pdf, { maxBytes: pdf.length - 1, maxPages: 10 })).rejects.toThrow(
      ViewRefusedError,
    );
    await expect(checkViewable(pdf, { maxBytes: pdf.length - 1, maxPages: 10 })).rejects.toThrow(/too large/);
    expect(await checkViewable(pdf, { maxBytes: pdf.length, maxPages: 10 })).toBe(1);
    await expect(checkViewable(Buffer.from('%PDF-1.7 not really'))).rejects.toThrow(ViewRefusedError);
  });

  it('answers a coded 409 when a copy cannot be stamped, and records no read', async () => {
    const { paperId, version } = await uploaded(await blankPdf(1), 'Hỏng.pdf');
    // A viewable file that pdf-lib cannot load (as left by an older release): stamping throws.
    const broken = await w.p.files.put(Readable.from(Buffer.from('not a pdf at all')), { maxBytes: 1000 });
    await w.p.db
      .update(paperVersions)
      .set({ viewSha256: broken.sha256, viewState: 'ready' })
      .where(eq(paperVersions.id, version.id));
    const res = await view(paperId);
    expect(res.statusCode).toBe(409);
    expect(errorCodeOf(res)).toBe('CABINET_PAPER_VIEW_STAMP_FAILED');
    expect(await w.p.db.select().from(readReceipts).where(eq(readReceipts.versionId, version.id))).toEqual(
      [],
    );
    const audits = await rows<{ outcome: string; detail: string | null }>(
      w.p.db,
      sql`select outcome, detail from audit_log where action = 'cabinet.paper.read' and object_id in (${paperId}, ${version.id})`,
    );
    expect(audits).toEqual([{ outcome: 'failure', detail: 'CABINET_PAPER_VIEW_STAMP_FAILED' }]);
  });
});
