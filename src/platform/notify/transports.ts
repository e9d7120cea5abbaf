import type { Config } from '../config/index.js';
import { HttpSmsTransport } from './http-sms.transport.js';
import { SmppTransport } from './smpp.transport.js';
import { SmtpTransport } from './smtp.transport.js';
import type { Transport } from './transport.js';

/** The ways out this process has. A channel without one keeps its messages in the outbox. */
export interface Transports {
  email?: Transport | undefined;
  sms?: Transport | undefined;
}

/** E-mail needs SMTP_URL; SMS prefers SMPP_URL and falls back to the HTTP gateway (SMS_HTTP_URL). */
export function transportsFromConfig(
  config: Pick<
    Config,
    'SMTP_URL' | 'MAIL_FROM' | 'SMPP_URL' | 'SMPP_SOURCE_ADDR' | 'SMS_HTTP_URL' | 'SMS_HTTP_TOKEN'
  >,
  logger?: { warn(obj: object, msg: string): void },
): Transports {
  return {
    email: config.SMTP_URL ? new SmtpTransport({ url: config.SMTP_URL, from: config.MAIL_FROM }) : undefined,
    sms: config.SMPP_URL
      ? new SmppTransport({
          url: config.SMPP_URL,
          sourceAddr: config.SMPP_SOURCE_ADDR,
          ...(logger ? { logger } : {}),
        })
      : config.SMS_HTTP_URL
        ? new HttpSmsTransport({ url: config.SMS_HTTP_URL, token: config.SMS_HTTP_TOKEN })
        : undefined,
  };
}
