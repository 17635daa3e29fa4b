// The loader's few words (launcher, frame title, unread badge), pt-BR first; English when the page says so.
import type { WidgetLocale } from '../../../workers/contract/widget-bridge';

export interface LoaderLabels {
  open: string;
  close: string;
  frameTitle: string;
  unread(count: number): string;
}

const pt: LoaderLabels = {
  open: 'Abrir chat',
  close: 'Fechar chat',
  frameTitle: 'Chat de atendimento',
  unread: (n) => (n === 1 ? '1 mensagem não lida' : `${n} mensagens não lidas`),
};

const en: LoaderLabels = {
  open: 'Open chat',
  close: 'Close chat',
  frameTitle: 'Support chat',
  unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
};

export function labelsFor(locale: WidgetLocale): LoaderLabels {
  return locale === 'en' ? en : pt;
}

/** The page's language (<html lang>), else the browser's: English when it starts with "en", else pt-BR. */
export function pageLocale(doc: Document, nav: Navigator): WidgetLocale {
  const lang = doc.documentElement.lang || nav.language || '';
  return /^en\b/i.test(lang) ? 'en' : 'pt-BR';
}
