/**
 * What the conclusion notice and its tasks tell people, Vietnamese first: the notice issued (participants),
 * a task assigned (the assignee), and the reminders and escalations of the task job.
 */
import { z } from 'zod';
import { registerTemplate, textToHtml } from '../../platform/notify/index.js';
import { TASK_ALERTS, type TaskAlert } from './model.js';

const day = (iso: string) => iso.split('-').reverse().join('/');
const link = (url: string | null, label: string) => (url ? `\n\n${label}: ${url}` : '');

/** The longest assignee text a task message takes (a person's name and agency are clipped to it). */
export const ASSIGNEE_MAX = 500;

const TaskParams = z.object({
  title: z.string().max(500),
  dueOn: z.string().max(10),
  reference: z.string().max(100),
  meetingTitle: z.string().max(500),
  assignee: z.string().max(ASSIGNEE_MAX),
  url: z.string().max(2000).nullable(),
});

const ALERT_VI: Record<TaskAlert, (daysOverdue: number) => { subject: string; lead: string }> = {
  due_soon: () => ({ subject: 'Nhắc việc: nhiệm vụ sắp đến hạn', lead: 'Nhiệm vụ sau sắp đến hạn' }),
  due_today: () => ({ subject: 'Nhắc việc: nhiệm vụ đến hạn hôm nay', lead: 'Nhiệm vụ sau đến hạn hôm nay' }),
  overdue: (n) => ({
    subject: 'Cảnh báo: nhiệm vụ quá hạn',
    lead: `Nhiệm vụ sau đã quá hạn ${n} ngày làm việc`,
  }),
  overdue_escalated: (n) => ({
    subject: 'Cảnh báo mức cao: nhiệm vụ quá hạn kéo dài',
    lead: `Nhiệm vụ sau đã quá hạn ${n} ngày làm việc và được báo cáo người theo dõi, đôn đốc của Văn phòng`,
  }),
};

const ALERT_EN: Record<TaskAlert, (daysOverdue: number) => { subject: string; lead: string }> = {
  due_soon: () => ({ subject: 'Reminder: task due soon', lead: 'This task is due soon' }),
  due_today: () => ({ subject: 'Reminder: task due today', lead: 'This task is due today' }),
  overdue: (n) => ({ subject: 'Warning: task overdue', lead: `This task is ${n} working day(s) overdue` }),
  overdue_escalated: (n) => ({
    subject: 'Escalation: task long overdue',
    lead: `This task is ${n} working days overdue and has been reported to the Office's follow-up officer`,
  }),
};

export const TaskTemplates = {
  conclusionIssued: registerTemplate({
    key: 'cabinet.conclusion.issued',
    params: z.object({
      reference: z.string().max(100),
      title: z.string().max(500),
      meetingTitle: z.string().max(500),
      bodyVi: z.string().max(500),
      bodyEn: z.string().max(500),
      tasks: z.number().int().min(0),
      url: z.string().max(2000).nullable(),
    }),
    render: (m) => {
      const vi =
        `${m.bodyVi} ban hành Thông báo kết luận số ${m.reference}: ${m.title}, sau ${m.meetingTitle}.` +
        (m.tasks
          ? `\n\nThông báo giao ${m.tasks} nhiệm vụ; đơn vị được giao báo cáo tiến độ trên hệ thống CPĐT.`
          : '') +
        link(m.url, 'Xem trên hệ thống');
      const en =
        `${m.bodyEn} has issued conclusion notice ${m.reference}: ${m.title}, following ${m.meetingTitle}.` +
        (m.tasks ? `\n\nIt assigns ${m.tasks} task(s); assignees report progress on CPĐT.` : '') +
        link(m.url, 'View on the system');
      return {
        vi: {
          subject: `Thông báo kết luận ${m.reference}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: Đã ban hành Thông báo kết luận ${m.reference} (${m.meetingTitle}).`,
        },
        en: {
          subject: `Conclusion notice ${m.reference}`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: Conclusion notice ${m.reference} issued (${m.meetingTitle}).`,
        },
      };
    },
  }),
  taskAssigned: registerTemplate({
    key: 'cabinet.task.assigned',
    params: TaskParams,
    render: (t) => {
      const vi =
        `Thông báo kết luận ${t.reference} (${t.meetingTitle}) giao nhiệm vụ cho ${t.assignee}:\n\n${t.title}\n\n` +
        `Hạn hoàn thành: ${day(t.dueOn)}. Vui lòng báo cáo tiến độ trên hệ thống CPĐT.` +
        link(t.url, 'Xem nhiệm vụ');
      const en =
        `Conclusion notice ${t.reference} (${t.meetingTitle}) assigns a task to ${t.assignee}:\n\n${t.title}\n\n` +
        `Due: ${t.dueOn}. Please report progress on CPĐT.` +
        link(t.url, 'View the task');
      return {
        vi: {
          subject: `Giao nhiệm vụ: ${t.title}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: Được giao nhiệm vụ "${t.title}", hạn ${day(t.dueOn)}.`,
        },
        en: {
          subject: `Task assigned: ${t.title}`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: Task "${t.title}" assigned, due ${t.dueOn}.`,
        },
      };
    },
  }),
  taskAlert: registerTemplate({
    key: 'cabinet.task.alert',
    params: TaskParams.extend({ kind: z.enum(TASK_ALERTS), daysOverdue: z.number().int().min(0) }),
    render: (t) => {
      const v = ALERT_VI[t.kind](t.daysOverdue);
      const e = ALERT_EN[t.kind](t.daysOverdue);
      const vi =
        `${v.lead}:\n\n${t.title}\n\nĐơn vị, người được giao: ${t.assignee}\nHạn hoàn thành: ${day(t.dueOn)}\n` +
        `Theo Thông báo kết luận ${t.reference} (${t.meetingTitle}).` +
        link(t.url, 'Báo cáo tiến độ');
      const en =
        `${e.lead}:\n\n${t.title}\n\nAssignee: ${t.assignee}\nDue: ${t.dueOn}\n` +
        `Under conclusion notice ${t.reference} (${t.meetingTitle}).` +
        link(t.url, 'Report progress');
      return {
        vi: {
          subject: `${v.subject}: ${t.title}`,
          text: vi,
          html: textToHtml(vi),
          sms: `CPĐT: ${v.subject} "${t.title}" (hạn ${day(t.dueOn)}).`,
        },
        en: {
          subject: `${e.subject}: ${t.title}`,
          text: en,
          html: textToHtml(en),
          sms: `CPĐT: ${e.subject} "${t.title}" (due ${t.dueOn}).`,
        },
      };
    },
  }),
};
