// The one way the Worker sends e-mail: `send({to, subject, text, html})`. Log-only by default (nothing
// leaves the process); with MAIL_API_URL set, an HTTP e-mail API (Resend/Postmark style) does the sending.
import type { Env } from '../env';
import { httpMailer } from './http-mailer';
import { logMailer } from './log-mailer';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text, always present: the part every client can show. */
  text: string;
  /** Simple HTML built by ./messages.ts, where every user-controlled value is escaped. */
  html: string;
}

export interface MailReceipt {
  /** The provider's id for the message, when it gave one. */
  id: string | null;
}

export interface Mailer {
  /** Resolves once the provider accepted the message; rejects with MailError when it could not be sent. */
  send(message: MailMessage): Promise<MailReceipt>;
}

/** A message that could not be handed over. `status` is the provider's last HTTP status, if any. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

export const DEFAULT_MAIL_FROM = 'Fio <no-reply@fio.local>';

/** The deployment's mailer, chosen by configuration (see README: MAIL_API_URL, MAIL_API_KEY, MAIL_FROM). */
export function mailerFor(env: Env): Mailer {
  const from = env.MAIL_FROM || DEFAULT_MAIL_FROM;
  if (!env.MAIL_API_URL) return logMailer(from);
  return httpMailer({ url: env.MAIL_API_URL, apiKey: env.MAIL_API_KEY ?? '', from });
}
