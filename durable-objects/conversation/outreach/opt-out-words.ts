// What counts as a customer asking to stop (or resume) marketing messages: the whole message is one of the
// words ("SAIR", "Parar!", "stop." — case, accents and punctuation aside), or a tap on a template's
// marketing opt-out quick-reply button. "não quero sair de casa" is a sentence, not a request: only a
// message that is nothing but the word counts, so the bot and agents still get everything else.
import type { Message } from '../../../workers/contract';

export type OptOutAction = 'out' | 'in';

export interface OptOutIntent {
  action: OptOutAction;
  source: 'keyword' | 'button';
  /** What the customer sent, as sent (trimmed): "SAIR", "Parar promoções". */
  word: string;
}

const OUT_WORDS = new Set(['sair', 'parar', 'stop', 'cancelar', 'descadastrar', 'unsubscribe']);
const IN_WORDS = new Set(['voltar', 'start', 'assinar']);
/**
 * Meta's marketing opt-out button ("Stop promotions", pt-BR "Parar promoções") and the payloads ISPs give
 * their own opt-out quick replies.
 */
const OUT_BUTTONS = new Set(['stop promotions', 'parar promocoes', 'nao quero receber', 'sair da lista']);
const OUT_PAYLOAD = /^(opt[-_ ]?out|unsubscribe|stop[-_ ]promotions)\b/i;

/** Lowercase, no accents, no punctuation or emoji, single spaces. */
export function foldWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function optOutIntent(message: Message): OptOutIntent | null {
  const choice = message.choice;
  if (choice) {
    const title = foldWord(choice.title);
    if (OUT_PAYLOAD.test(choice.id) || OUT_BUTTONS.has(title) || OUT_WORDS.has(title))
      return { action: 'out', source: 'button', word: choice.title.trim().slice(0, 60) };
    return null;
  }
  if (message.attachment || !message.text || message.text.length > 40) return null;
  const folded = foldWord(message.text);
  if (OUT_WORDS.has(folded)) return { action: 'out', source: 'keyword', word: message.text.trim() };
  if (IN_WORDS.has(folded)) return { action: 'in', source: 'keyword', word: message.text.trim() };
  return null;
}
