// The default mailer: writes each message to the log instead of sending it (development without the dev
// mailbox, and any deployment that has not configured an e-mail API yet). The link in the text is usable.
import { log } from '../services/log';
import type { Mailer } from './mailer';

export function logMailer(from: string): Mailer {
  return {
    async send(message) {
      log('info', 'mail (log-only mailer, not sent)', {
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
      return { id: null };
    },
  };
}
