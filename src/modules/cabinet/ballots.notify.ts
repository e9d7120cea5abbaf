/**
 * Telling members of a ballot — and, always, the secretaries they delegated to — by e-mail, SMS and in-app,
 * each message once (dedupe keys): sent, extended, recalled, and each reminder or overdue warning.
 */
import type { AuditContext } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { publicLink } from '../../platform/http/index.js';
import type { Template } from '../../platform/notify/index.js';
import type { Platform } from '../../platform/platform.js';
import { delegatesOf, personBriefs } from '../identity/index.js';
import { BallotTemplates } from './ballots.templates.js';
import type { BallotRow } from './ballots.view.js';
import type { BallotAlert } from './model.js';
import { clip } from './tasks.notify.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "17:00 ngày 12/03/2026" and "17:00 on 2026-03-12", Vietnam time. */
export function deadlineText(deadline: Date | null): { vi: string; en: string } {
  if (!deadline) return { vi: '—', en: '—' };
  const local = new Date(deadline.getTime() + 7 * 3600_000);
  const hm = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  const [y, m, d] = [local.getUTCFullYear(), pad(local.getUTCMonth() + 1), pad(local.getUTCDate())];
  return { vi: `${hm} ngày ${d}/${m}/${y}`, en: `${hm} on ${y}-${m}-${d} (Hà Nội)` };
}

async function baseParams(tx: Executor, p: Platform, ballot: BallotRow, bodyName: string, memberId: string) {
  const member =
    ballot.roster?.find((r) => r.personId === memberId)?.fullName ??
    (await personBriefs(tx, [memberId])).get(memberId)?.displayName ??
    '—';
  const deadline = deadlineText(ballot.deadline);
  return {
    reference: clip(ballot.reference ?? '', 100),
    title: clip(ballot.title, 500),
    bodyName: clip(bodyName, 500),
    member: clip(member, 500),
    deadlineVi: deadline.vi,
    deadlineEn: deadline.en,
    url: publicLink(p.config, `/cabinet/ballots/${ballot.id}`),
  };
}

/** The member and their secretaries on the day of `at`, plus any extra recipients. */
export async function recipientsFor(tx: Executor, memberId: string, at: Date, extra: readonly string[] = []) {
  return [...new Set([memberId, ...(await delegatesOf(tx, memberId, at)).map((d) => d.id), ...extra])];
}

type BallotNotice = 'sent' | 'extended' | 'recalled' | BallotAlert;

/**
 * One notice about one member's answer to every recipient (the member, their secretaries, and `extra`);
 * returns how many messages were new. `round` separates notices that may repeat (an extension's deadline).
 */
export async function notifyMember(
  tx: Executor,
  p: Platform,
  ctx: AuditContext,
  ballot: BallotRow,
  bodyName: string,
  memberId: string,
  notice: BallotNotice,
  options: { extra?: readonly string[]; reason?: string; round?: string } = {},
): Promise<number> {
  const base = await baseParams(tx, p, ballot, bodyName, memberId);
  const recipients = await recipientsFor(tx, memberId, p.clock.now(), options.extra);
  let fresh = 0;
  for (const personId of recipients) {
    const dedupeKey = `cabinet.ballot:${ballot.id}:${notice}:${options.round ?? ''}:${memberId}:${personId}`;
    const send = <P>(template: Template<P>, params: P) =>
      p.notify.send(
        tx,
        { to: { personId }, channels: ['email', 'sms', 'inapp'], template, params, dedupeKey },
        ctx,
      );
    const sent =
      notice === 'sent'
        ? await send(BallotTemplates.ballotSent, base)
        : notice === 'extended'
          ? await send(BallotTemplates.ballotExtended, base)
          : notice === 'recalled'
            ? await send(BallotTemplates.ballotRecalled, {
                ...base,
                reason: clip(options.reason ?? '', 2000),
              })
            : await send(BallotTemplates.ballotAlert, { ...base, kind: notice });
    fresh += sent.filter((s) => !s.duplicate).length;
  }
  return fresh;
}
