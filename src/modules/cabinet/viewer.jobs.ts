/**
 * Makes each uploaded version viewable: a PDF as is, a PNG or JPEG wrapped in a one-page PDF, a DOCX converted
 * by LibreOffice. The viewable PDF goes to the file store (its SHA-256 on the version) and its page texts to
 * cabinet_paper_texts, where annotations find their quotes again. Durable and idempotent: enqueued in the
 * upload's transaction, run at least once, a second run of a ready version does nothing.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { audit, SYSTEM_CONTEXT } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { Jobs } from '../../platform/jobs/index.js';
import {
  convertToPdf,
  imageToPdf,
  OfficeConverterMissingError,
  pdfPageTexts,
} from '../../platform/pdf/index.js';
import type { Platform } from '../../platform/platform.js';
import { paperTexts, paperVersions } from './schema.js';

export const VIEW_QUEUE = 'cabinet.paper.view';
/** Tries before a version is marked 'failed' (the runner backs off between them). */
export const VIEW_MAX_ATTEMPTS = 4;
/** A viewable PDF may be larger than its DOCX (fonts embedded). */
const VIEW_MAX_BYTES = 1024 ** 3;

interface ViewJob {
  versionId: string;
}

/** In the upload's transaction: the job exists if and only if the version does. */
export async function enqueueView(
  tx: Executor,
  jobs: Pick<Jobs, 'enqueue'>,
  versionId: string,
): Promise<void> {
  await jobs.enqueue(tx, VIEW_QUEUE, { versionId } satisfies ViewJob, {
    dedupeKey: `${VIEW_QUEUE}:${versionId}`,
    maxAttempts: VIEW_MAX_ATTEMPTS,
  });
}

async function readAll(store: FileStore, sha256: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.open(sha256)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function viewablePdf(p: Platform, mediaType: string, original: Buffer): Promise<Buffer> {
  switch (mediaType) {
    case 'application/pdf':
      return original;
    case 'image/png':
    case 'image/jpeg':
      return Buffer.from(await imageToPdf(original, mediaType));
    default:
      return convertToPdf(original, 'docx', { command: p.config.OFFICE_CONVERTER });
  }
}

async function setState(
  p: Platform,
  versionId: string,
  state: 'failed' | 'unavailable',
  error: string,
): Promise<void> {
  await p.db.transaction(async (tx) => {
    await tx
      .update(paperVersions)
      .set({ viewState: state, viewError: error.slice(0, 2000) })
      .where(eq(paperVersions.id, versionId));
    await audit(tx, SYSTEM_CONTEXT, {
      action: `cabinet.paper.view.${state}`,
      objectType: 'cabinet_paper_version',
      objectId: versionId,
      outcome: 'failure',
      detail: error.slice(0, 500),
    });
  });
}

export function registerViewerJobs(p: Platform): void {
  p.jobs.register<ViewJob>(VIEW_QUEUE, async ({ versionId }, job) => {
    const [version] = await p.db.select().from(paperVersions).where(eq(paperVersions.id, versionId));
    if (!version) return; // the paper was deleted meanwhile
    if (version.viewState === 'ready' && version.viewSha256) return;
    let pdf: Buffer;
    let pages: string[];
    try {
      pdf = await viewablePdf(p, version.mediaType, await readAll(p.files, version.sha256));
      pages = await pdfPageTexts(pdf);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof OfficeConverterMissingError) await setState(p, versionId, 'unavailable', message);
      else if (job.attempts >= VIEW_MAX_ATTEMPTS) await setState(p, versionId, 'failed', message);
      // Thrown either way: the runner retries with back-off (the operator may install LibreOffice meanwhile),
      // and a job that ends dead can be run again from the jobs page.
      throw e;
    }
    const stored =
      version.mediaType === 'application/pdf'
        ? { sha256: version.sha256 }
        : await p.files.put(Readable.from(pdf), { maxBytes: VIEW_MAX_BYTES, accept: ['application/pdf'] });
    await p.db.transaction(async (tx) => {
      await tx
        .update(paperVersions)
        .set({ viewSha256: stored.sha256, viewState: 'ready', viewError: null })
        .where(eq(paperVersions.id, versionId));
      await tx
        .insert(paperTexts)
        .values({ versionId, pages, extractedAt: p.clock.now() })
        .onConflictDoUpdate({ target: paperTexts.versionId, set: { pages, extractedAt: p.clock.now() } });
      await audit(tx, SYSTEM_CONTEXT, {
        action: 'cabinet.paper.view.ready',
        objectType: 'cabinet_paper_version',
        objectId: versionId,
        after: { viewSha256: stored.sha256, pages: pages.length },
      });
    });
  });
}
