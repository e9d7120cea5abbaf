/**
 * Makes each uploaded version viewable: a PDF as is, a PNG or JPEG wrapped in a one-page PDF, a DOCX converted
 * by LibreOffice. The viewable PDF goes to the file store (its SHA-256 on the version) and its page texts to
 * cabinet_paper_texts, where annotations find their quotes again. Durable and idempotent: enqueued in the
 * upload's transaction, run at least once, a second run of a ready version does nothing.
 *
 * A version is 'ready' only if readers' copies can be made of it: within the size and page limits (stamping
 * and text extraction cost memory and time per page, on every reading) and loadable by pdf-lib, which stamps
 * the reader's name; an encrypted PDF is refused, its pages could not carry the stamp. These refusals are
 * final ('failed', no retry): the same file would be refused again.
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
  inspectPdf,
  OfficeConverterMissingError,
  pdfPageTexts,
} from '../../platform/pdf/index.js';
import type { Platform } from '../../platform/platform.js';
import { paperTexts, paperVersions } from './schema.js';

export const VIEW_QUEUE = 'cabinet.paper.view';
/** Tries before a version is marked 'failed' (the runner backs off between them). */
export const VIEW_MAX_ATTEMPTS = 4;

/** Limits of a viewable PDF: every reading loads and stamps the whole file, page by page. */
export interface ViewLimits {
  /** Bytes (a viewable PDF may be larger than its DOCX: fonts embedded). */
  maxBytes: number;
  maxPages: number;
}

export const VIEW_LIMITS: ViewLimits = { maxBytes: 200 * 1024 * 1024, maxPages: 2000 };

/** A viewable PDF that will never be offered to readers, with the reason the office is shown. */
export class ViewRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ViewRefusedError';
  }
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

function tooLarge(size: number, limits: ViewLimits): ViewRefusedError {
  return new ViewRefusedError(
    `Tệp xem (PDF) quá lớn: ${mib(size)}, tối đa ${mib(limits.maxBytes)}; hãy tải lên bản nhỏ hơn hoặc tách ` +
      `tài liệu. / The viewable PDF is too large: ${mib(size)}, at most ${mib(limits.maxBytes)}; upload a ` +
      'smaller file or split the paper.',
  );
}

/**
 * Checks a viewable PDF the way readers' copies will use it: its size, then loaded once with pdf-lib (as the
 * watermark does) for encryption and its page count. Returns the page count; throws ViewRefusedError.
 */
export async function checkViewable(pdf: Uint8Array, limits: ViewLimits = VIEW_LIMITS): Promise<number> {
  if (pdf.length > limits.maxBytes) throw tooLarge(pdf.length, limits);
  let facts;
  try {
    facts = await inspectPdf(pdf);
  } catch (e) {
    throw new ViewRefusedError(
      'Không đọc được tệp PDF để đóng dấu tên người đọc (tệp có thể bị hỏng); hãy tải lên bản khác. / The PDF ' +
        'could not be read to stamp readers’ names on it (the file may be damaged); upload another copy. ' +
        `(${e instanceof Error ? e.message : String(e)})`,
    );
  }
  if (facts.encrypted)
    throw new ViewRefusedError(
      'Tệp PDF được đặt mật khẩu hoặc mã hoá nên không thể xem trên hệ thống; hãy tải lên bản không đặt mật ' +
        'khẩu. / Encrypted (password-protected) PDFs cannot be viewed; upload an unprotected copy.',
    );
  if (facts.pages > limits.maxPages)
    throw new ViewRefusedError(
      `Tài liệu có ${facts.pages} trang, tối đa ${limits.maxPages} trang; hãy tách tài liệu. / The paper has ` +
        `${facts.pages} pages, at most ${limits.maxPages}; split the paper.`,
    );
  return facts.pages;
}

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
      // A PDF is its own viewable copy: too large is known before it is read into memory.
      if (version.mediaType === 'application/pdf' && version.size > VIEW_LIMITS.maxBytes)
        throw tooLarge(version.size, VIEW_LIMITS);
      pdf = await viewablePdf(p, version.mediaType, await readAll(p.files, version.sha256));
      await checkViewable(pdf);
      pages = await pdfPageTexts(pdf);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // Final: the same file is refused again, so the job ends here without a retry.
      if (e instanceof ViewRefusedError) return setState(p, versionId, 'failed', message);
      if (e instanceof OfficeConverterMissingError) await setState(p, versionId, 'unavailable', message);
      else if (job.attempts >= VIEW_MAX_ATTEMPTS) await setState(p, versionId, 'failed', message);
      // Thrown either way: the runner retries with back-off (the operator may install LibreOffice meanwhile),
      // and a job that ends dead can be run again from the jobs page.
      throw e;
    }
    const stored =
      version.mediaType === 'application/pdf'
        ? { sha256: version.sha256 }
        : await p.files.put(Readable.from(pdf), {
            maxBytes: VIEW_LIMITS.maxBytes,
            accept: ['application/pdf'],
          });
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
