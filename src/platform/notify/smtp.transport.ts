import nodemailer, { type NodemailerError, type Transporter } from 'nodemailer';
import {
  PermanentDeliveryError,
  type DeliveryReceipt,
  type OutgoingMessage,
  type Transport,
} from './transport.js';

export interface SmtpOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 */
  url: string;
  /** MAIL_FROM, e.g. "CPĐT <no-reply@agency.gov.vn>" */
  from: string;
  timeoutMs?: number;
}

/** E-mail through an SMTP relay (nodemailer); one connection per message keeps a dead relay from pinning state. */
export class SmtpTransport implements Transport {
  readonly name = 'smtp';
  private readonly mailer: Transporter;
  private readonly domain: string;

  constructor(private readonly opts: SmtpOptions) {
    const timeout = opts.timeoutMs ?? 30_000;
    this.mailer = nodemailer.createTransport({
      url: opts.url,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 2,
    });
    this.domain = /@([^>\s]+)>?\s*$/.exec(opts.from)?.[1] ?? 'cpdt.local';
  }

  async send(m: OutgoingMessage): Promise<DeliveryReceipt> {
    try {
      const info = await this.mailer.sendMail({
        from: this.opts.from,
        to: m.address,
        subject: m.subject,
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        // The same Message-ID on a retry lets receiving systems drop a duplicate of a message we resent
        // after a crash between handing it over and recording it as sent.
        messageId: `<${m.id}@${this.domain}>`,
        attachments: m.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content, 'base64'),
        })),
      });
      return { providerMessageId: (info as { messageId?: string }).messageId ?? null };
    } catch (e) {
      const err = e as NodemailerError;
      // A 5xx reply (but 503) is the relay refusing this message for good; connection trouble and 4xx are retried.
      if (err.permanent)
        throw new PermanentDeliveryError(err.message, `SMTP_${err.responseCode ?? 'REJECTED'}`);
      throw e;
    }
  }

  close(): Promise<void> {
    this.mailer.close();
    return Promise.resolve();
  }
}
