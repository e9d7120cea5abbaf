/**
 * Small constructors for the messages a node sends most: a status reply to a received document (01 on arrival,
 * 02 to refuse it …) and a file attachment with its manifest reference. They fill the fields from what is known
 * and leave the rest absent; run validateEdxml on the result before sending.
 */
import { randomUUID } from 'node:crypto';
import type { AttachmentContent } from './build.js';
import { zipFile } from './attachments.js';
import { formatEdxmlTimestamp } from './dates.js';
import type { AttachmentMeta, Edoc, Organization, Reference, Staff, StatusMessage } from './model.js';

export interface StatusReply {
  /** The agency reporting (for 13, the original sender). */
  from: Organization;
  statusCode: string;
  description?: string;
  staff?: Staff;
  /** Default: now. */
  at?: Date;
}

/** A status message answering `edoc`: ResponseFor names its sender, code, date and DocumentId. */
export function statusFor(edoc: Edoc, reply: StatusReply): StatusMessage {
  const number = edoc.code?.number;
  const notation = edoc.code?.notation;
  const status: StatusMessage = {
    from: reply.from,
    responseFor: {},
    statusCode: reply.statusCode,
    timestamp: formatEdxmlTimestamp(reply.at ?? new Date()),
  };
  if (edoc.from.organId !== undefined) status.responseFor.organId = edoc.from.organId;
  if (number !== undefined || notation !== undefined)
    status.responseFor.code = notation ? `${number ?? ''}/${notation}` : (number ?? '');
  if (edoc.promulgation?.date !== undefined) status.responseFor.promulgationDate = edoc.promulgation.date;
  if (edoc.documentId !== undefined) status.responseFor.documentId = edoc.documentId;
  if (reply.description !== undefined) status.description = reply.description;
  if (reply.staff) status.staff = reply.staff;
  return status;
}

export interface FileAttachment {
  /** The manifest entry (push into `edoc.manifest.references`). */
  reference: Reference;
  /** The metadata and the ZIP stream to pass to buildEdxml. */
  content: AttachmentContent;
}

/**
 * A file to send: zipped on the fly when built (QCVN 102 carries every file inside a ZIP), with a fresh
 * `cid:` ContentId shared by the manifest and the attachment.
 */
export function fileAttachment(
  file: { name: string; description?: string; contentId?: string },
  data: Buffer | AsyncIterable<Buffer | Uint8Array>,
): FileAttachment {
  const contentId = file.contentId ?? `cid:${randomUUID()}`;
  const meta: AttachmentMeta = { contentId, name: file.name, contentType: 'application/zip' };
  const reference: Reference = { contentId, contentType: 'application/zip', attachmentName: file.name };
  if (file.description !== undefined) {
    meta.description = file.description;
    reference.description = file.description;
  }
  return { reference, content: { meta, zipped: zipFile(file.name, data) } };
}
