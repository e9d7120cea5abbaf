import { z } from 'zod';
import { AppError } from '../errors/index.js';
import type { Locale } from '../i18n/index.js';
import { NotifyErrors } from './errors.js';

/** What one message says in one language. `sms` is a shorter text for SMS; without it SMS carries `text`. */
export interface MessageContent {
  subject: string;
  text: string;
  html?: string;
  sms?: string;
}

/**
 * A message template: its parameters (validated at run time too, because parameters may come from an
 * HTTP request or a stored job) and its wording in Vietnamese and English.
 */
export interface Template<P> {
  readonly key: string;
  readonly params: z.ZodType<P>;
  render(params: P): Record<Locale, MessageContent>;
}

const registry = new Map<string, Template<unknown>>();

/**
 * Modules register their templates once at import time, key prefixed with the module name
 * (`cabinet.meeting.invite`). Returns the typed handle to pass to `Notifier.send`.
 */
export function registerTemplate<P>(template: Template<P>): Template<P> {
  const existing = registry.get(template.key);
  if (existing && existing !== template)
    throw new Error(`Notification template ${template.key} registered twice`);
  registry.set(template.key, template);
  return template;
}

export function getTemplate(key: string): Template<unknown> | undefined {
  return registry.get(key);
}

export function templateKeys(): string[] {
  return [...registry.keys()].sort();
}

/** Renders in the recipient's locale; texts are NFC so SMS length and search see one code point per letter. */
export function renderTemplate(
  template: Template<unknown> | string,
  params: unknown,
  locale: Locale,
): MessageContent {
  const t = typeof template === 'string' ? registry.get(template) : template;
  if (!t) throw new AppError(NotifyErrors.NOTIFY_UNKNOWN_TEMPLATE, { template });
  const parsed = t.params.safeParse(params ?? {});
  if (!parsed.success)
    throw new AppError(NotifyErrors.NOTIFY_TEMPLATE_PARAMS_INVALID, {
      template: t.key,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  const c = t.render(parsed.data)[locale];
  return {
    subject: c.subject.normalize('NFC'),
    text: c.text.normalize('NFC'),
    ...(c.html !== undefined ? { html: c.html.normalize('NFC') } : {}),
    ...(c.sms !== undefined ? { sms: c.sms.normalize('NFC') } : {}),
  };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Plain text as simple HTML paragraphs, escaped: templates with user-supplied text never inject markup. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The platform's own templates. */
export const PlatformTemplates = {
  test: registerTemplate({
    key: 'platform.test',
    params: z.object({ name: z.string().max(200).default('') }),
    render: ({ name }) => {
      const vi = `Xin chào${name ? ` ${name}` : ''},\n\nĐây là thư kiểm tra từ Nền tảng Chính phủ điện tử CPĐT. Nếu bạn nhận được thư này, kênh gửi đang hoạt động.`;
      const en = `Hello${name ? ` ${name}` : ''},\n\nThis is a test message from the CPĐT e-Government platform. If you received it, the channel works.`;
      return {
        vi: {
          subject: 'Thư kiểm tra',
          text: vi,
          html: textToHtml(vi),
          sms: 'CPĐT: tin nhắn kiểm tra. Kênh gửi đang hoạt động.',
        },
        en: {
          subject: 'Test message',
          text: en,
          html: textToHtml(en),
          sms: 'CPĐT: test message. The channel works.',
        },
      };
    },
  }),
  /** Free text chosen by the caller (an administrator's announcement); English falls back to Vietnamese. */
  generic: registerTemplate({
    key: 'platform.generic',
    params: z.object({
      subject: z.string().min(1).max(300),
      text: z.string().min(1).max(20_000),
      en: z.object({ subject: z.string().min(1).max(300), text: z.string().min(1).max(20_000) }).optional(),
    }),
    render: ({ subject, text, en }) => ({
      vi: { subject, text, html: textToHtml(text) },
      en: { subject: en?.subject ?? subject, text: en?.text ?? text, html: textToHtml(en?.text ?? text) },
    }),
  }),
};
