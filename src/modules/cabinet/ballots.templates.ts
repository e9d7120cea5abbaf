/**
 * What ballot notices tell members and their secretaries, Vietnamese first: the ballot sent, its deadline
 * extended, the ballot recalled, and the reminders and overdue warnings of the ballot job.
 */
import { z } from 'zod';
import { registerTemplate, textToHtml } from '../../platform/notify/index.js';
import { BALLOT_ALERTS, type BallotAlert } from './model.js';

const link = (url: string | null, label: string) => (url ? `\n\n${label}: ${url}` : '');

const BallotParams = z.object({
  reference: z.string().max(100),
  title: z.string().max(500),
  bodyName: z.string().max(500),
  member: z.string().max(500),
  /** The deadline as people read it: "17:00 ngày 12/03/2026". */
  deadlineVi: z.string().max(100),
  deadlineEn: z.string().max(100),
  url: z.string().max(2000).nullable(),
});

const ALERT_VI: Record<BallotAlert, { subject: string; lead: string }> = {
  h48: {
    subject: 'Nhắc: còn 48 giờ trả lời phiếu lấy ý kiến',
    lead: 'Còn khoảng 48 giờ đến hạn trả lời phiếu lấy ý kiến',
  },
  h24: {
    subject: 'Nhắc: còn 24 giờ trả lời phiếu lấy ý kiến',
    lead: 'Còn khoảng 24 giờ đến hạn trả lời phiếu lấy ý kiến',
  },
  h4: {
    subject: 'Nhắc: còn 4 giờ trả lời phiếu lấy ý kiến',
    lead: 'Chỉ còn khoảng 4 giờ đến hạn trả lời phiếu lấy ý kiến',
  },
  overdue: {
    subject: 'Cảnh báo: quá hạn trả lời phiếu lấy ý kiến',
    lead: 'Đã quá hạn trả lời phiếu lấy ý kiến',
  },
  overdue_escalated: {
    subject: 'Cảnh báo mức cao: quá hạn trả lời phiếu lấy ý kiến',
    lead: 'Đã quá hạn trả lời phiếu lấy ý kiến hơn một ngày làm việc; đã báo người theo dõi của Văn phòng',
  },
};

const ALERT_EN: Record<BallotAlert, { subject: string; lead: string }> = {
  h48: {
    subject: 'Reminder: 48 hours left to answer a ballot',
    lead: 'About 48 hours remain to answer the ballot',
  },
  h24: {
    subject: 'Reminder: 24 hours left to answer a ballot',
    lead: 'About 24 hours remain to answer the ballot',
  },
  h4: {
    subject: 'Reminder: 4 hours left to answer a ballot',
    lead: 'Only about 4 hours remain to answer the ballot',
  },
  overdue: {
    subject: 'Warning: ballot answer overdue',
    lead: 'The deadline to answer the ballot has passed',
  },
  overdue_escalated: {
    subject: 'Escalation: ballot answer long overdue',
    lead: "The answer is more than a working day overdue; the Office's follow-up officer has been told",
  },
};

export const BallotTemplates = {
  ballotSent: registerTemplate({
    key: 'cabinet.ballot.sent',
    params: BallotParams,
    render: (m) => {
      const vi =
        `${m.bodyName} xin ý kiến ${m.member} bằng Phiếu lấy ý kiến số ${m.reference}:\n\n${m.title}\n\n` +
        `Hạn trả lời: ${m.deadlineVi}. Thành viên ký số ý kiến của mình trên hệ thống CPĐT; thư ký có thể soạn thay.` +
        link(m.url, 'Trả lời phiếu');
      const en =
        `${m.bodyName} asks ${m.member} for a written opinion, ballot ${m.reference}:\n\n${m.title}\n\n` +
        `Deadline: ${m.deadlineEn}. The member signs their answer on CPĐT; a secretary may draft it.` +
        link(m.url, 'Answer the ballot');
      return {
        vi: {
          subject: `Phiếu lấy ý kiến ${m.reference}: ${m.title}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: Phiếu lấy ý kiến ${m.reference}, hạn trả lời ${m.deadlineVi}.`,
        },
        en: {
          subject: `Ballot ${m.reference}: ${m.title}`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: Ballot ${m.reference}, answer by ${m.deadlineEn}.`,
        },
      };
    },
  }),
  ballotExtended: registerTemplate({
    key: 'cabinet.ballot.extended',
    params: BallotParams,
    render: (m) => {
      const vi =
        `Hạn trả lời Phiếu lấy ý kiến số ${m.reference} (${m.title}) được gia hạn đến ${m.deadlineVi}.` +
        link(m.url, 'Trả lời phiếu');
      const en =
        `The deadline of ballot ${m.reference} (${m.title}) is extended to ${m.deadlineEn}.` +
        link(m.url, 'Answer the ballot');
      return {
        vi: {
          subject: `Gia hạn phiếu lấy ý kiến ${m.reference}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: Phiếu lấy ý kiến ${m.reference} gia hạn đến ${m.deadlineVi}.`,
        },
        en: {
          subject: `Ballot ${m.reference} extended`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: Ballot ${m.reference} extended to ${m.deadlineEn}.`,
        },
      };
    },
  }),
  ballotRecalled: registerTemplate({
    key: 'cabinet.ballot.recalled',
    params: BallotParams.extend({ reason: z.string().max(2000) }),
    render: (m) => {
      const vi =
        `Phiếu lấy ý kiến số ${m.reference} (${m.title}) đã được thu hồi; không cần trả lời.\n\nLý do: ${m.reason}` +
        link(m.url, 'Xem phiếu');
      const en =
        `Ballot ${m.reference} (${m.title}) has been recalled; no answer is needed.\n\nReason: ${m.reason}` +
        link(m.url, 'View the ballot');
      return {
        vi: {
          subject: `Thu hồi phiếu lấy ý kiến ${m.reference}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: Phiếu lấy ý kiến ${m.reference} đã được thu hồi.`,
        },
        en: {
          subject: `Ballot ${m.reference} recalled`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: Ballot ${m.reference} recalled.`,
        },
      };
    },
  }),
  ballotAlert: registerTemplate({
    key: 'cabinet.ballot.alert',
    params: BallotParams.extend({ kind: z.enum(BALLOT_ALERTS) }),
    render: (m) => {
      const v = ALERT_VI[m.kind];
      const e = ALERT_EN[m.kind];
      const vi =
        `${v.lead} số ${m.reference} của ${m.member}:\n\n${m.title}\n\nHạn trả lời: ${m.deadlineVi}.` +
        link(m.url, 'Trả lời phiếu');
      const en =
        `${e.lead} ${m.reference} for ${m.member}:\n\n${m.title}\n\nDeadline: ${m.deadlineEn}.` +
        link(m.url, 'Answer the ballot');
      return {
        vi: {
          subject: `${v.subject}: ${m.reference}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: ${v.subject} ${m.reference} (hạn ${m.deadlineVi}).`,
        },
        en: {
          subject: `${e.subject}: ${m.reference}`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: ${e.subject} ${m.reference} (due ${m.deadlineEn}).`,
        },
      };
    },
  }),
};
