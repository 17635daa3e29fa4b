// The satisfaction survey of one closed ticket: the question (a WhatsApp list of five rows csat:1…csat:5, the
// same list in the widget; outside WhatsApp's 24 h window the approved utility template with the protocol as
// {{1}}), and its state in the conversation's meta: one survey per ticket, asked once, answered once, ignored
// after it expires. A survey that could not be asked says why (`skipped`), so a missing question is visible.
import type { InteractiveContent } from '../../../workers/contract';
import type { CareLocale } from './after-hours';

export interface SurveyState {
  ticketId: string;
  protocol: string;
  /** When the ticket closed (object ms): the question goes out `delaySeconds` later. */
  closedMs: number;
  askedAt: string | null;
  expiresAt: string | null;
  /** 'list' inside the window or on the widget, 'template' outside the window. */
  via: 'list' | 'template' | null;
  answered: boolean;
  /** The rating's comment is taken from the next customer text until then (ISO, object time). */
  commentUntil: string | null;
  /** Why it was not asked: 'disabled', 'reopened', 'no_template', 'not_sent'. */
  skipped: string | null;
}

export function newSurvey(ticketId: string, protocol: string, closedMs: number): SurveyState {
  return {
    ticketId,
    protocol,
    closedMs,
    askedAt: null,
    expiresAt: null,
    via: null,
    answered: false,
    commentUntil: null,
    skipped: null,
  };
}

/** Asked, not answered, not expired at `nowMs`. */
export function surveyOpen(s: SurveyState | null, nowMs: number): s is SurveyState {
  return (
    s !== null && s.askedAt !== null && !s.answered && s.expiresAt !== null && nowMs < Date.parse(s.expiresAt)
  );
}

/** Minutes after a rating in which the customer's next text is taken as its comment. */
export const COMMENT_MINUTES = 15;

const WORDS = {
  'pt-BR': {
    body: (protocol: string) =>
      `Como você avalia o atendimento (protocolo ${protocol})? Escolha uma nota de 1 a 5 ou responda com o número.`,
    button: 'Avaliar',
    rows: ['1 · Péssimo', '2 · Ruim', '3 · Regular', '4 · Bom', '5 · Excelente'],
    thanks: 'Obrigado pela avaliação! Se quiser, conte em uma mensagem o que podemos melhorar (é opcional).',
  },
  en: {
    body: (protocol: string) =>
      `How would you rate our service (ticket ${protocol})? Pick a score from 1 to 5 or reply with the number.`,
    button: 'Rate',
    rows: ['1 · Terrible', '2 · Bad', '3 · Okay', '4 · Good', '5 · Excellent'],
    thanks: 'Thanks for your rating! If you like, tell us in one message what we could do better (optional).',
  },
} as const;

/** The question as a list: five rows, best last, ids csat:1 … csat:5. */
export function surveyList(protocol: string, locale: CareLocale): InteractiveContent {
  const w = WORDS[locale];
  return {
    kind: 'list',
    body: w.body(protocol),
    button: w.button,
    sections: [{ rows: w.rows.map((title, i) => ({ id: `csat:${i + 1}`, title })) }],
  };
}

export function ratingThanks(locale: CareLocale): string {
  return WORDS[locale].thanks;
}
