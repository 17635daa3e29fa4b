// Auto-close of a ticket waiting on the customer: the agent wrote last (bot and system messages do not
// count) and the customer has not answered for the configured minutes. What is waited on lives in meta, so a
// restart keeps the deadline; a customer's message clears it at once, so a close never races past it.
import type { AutoCloseSettings } from '../../../workers/contract';
import type { CareLocale } from './after-hours';

/** The agent's last message of a ticket the customer has not answered yet (object time). */
export interface Waiting {
  ticketId: string;
  sinceMs: number;
}

const CLOSING_WORDS: Record<CareLocale, string> = {
  'pt-BR':
    'Como não tivemos retorno, estamos encerrando este atendimento. Se precisar, é só mandar uma nova mensagem.',
  en: "As we haven't heard back, we're closing this conversation. Just send a new message if you need us.",
};

export function closingMessage(settings: AutoCloseSettings, locale: CareLocale): string {
  return settings.message ?? CLOSING_WORDS[locale];
}

/** When the waiting ticket closes (object ms), or null when auto-close is off. */
export function autoCloseDue(waiting: Waiting | null, settings: AutoCloseSettings): number | null {
  if (!waiting || !settings.enabled) return null;
  return waiting.sinceMs + settings.minutes * 60_000;
}
