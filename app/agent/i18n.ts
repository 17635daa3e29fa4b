// The client's words in Portuguese (default) and English: every visible string comes from here, so a screen
// never hard-codes text. Dates and times are formatted in the tenant's time zone.
import { createSignal } from 'solid-js';

const pt = {
  appName: 'Fio',
  loginTitle: 'Entrar',
  email: 'E-mail',
  password: 'Senha',
  signIn: 'Entrar',
  signingIn: 'Entrando…',
  signOut: 'Sair',
  loginFailed: 'E-mail ou senha incorretos.',
  unavailable: 'Serviço indisponível. Tente novamente em instantes.',
  inbox: 'Caixa de entrada',
  noConversations: 'Nenhuma conversa por aqui.',
  unknownContact: 'Contato sem nome',
  language: 'Idioma',
  status: { bot: 'Robô', queued: 'Na fila', assigned: 'Em atendimento', closed: 'Encerrada' },
  back: 'Voltar',
  conversation: 'Conversa',
  messages: 'Mensagens',
  composer: 'Responder',
  composerHint: 'Escreva uma resposta — Enter envia, Shift+Enter quebra a linha',
  windowClosed: 'A janela de 24 horas do WhatsApp está fechada: envie um modelo aprovado.',
  connection: {
    connecting: 'Reconectando…',
    replaying: 'Sincronizando…',
    live: 'Conectado',
    closed: 'Desconectado',
  },
  delivery: {
    queued: 'na fila',
    accepted: 'enviada',
    sent: 'enviada',
    delivered: 'entregue',
    read: 'lida',
    failed: 'falhou',
  },
  authors: { visitor: 'Visitante', contact: 'Cliente', agent: 'Agente', bot: 'Robô', system: 'Sistema' },
};

type Dictionary = typeof pt;

const en: Dictionary = {
  appName: 'Fio',
  loginTitle: 'Sign in',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  loginFailed: 'Wrong email or password.',
  unavailable: 'Service unavailable. Try again shortly.',
  inbox: 'Inbox',
  noConversations: 'No conversations here.',
  unknownContact: 'Unnamed contact',
  language: 'Language',
  status: { bot: 'Bot', queued: 'Queued', assigned: 'In progress', closed: 'Closed' },
  back: 'Back',
  conversation: 'Conversation',
  messages: 'Messages',
  composer: 'Reply',
  composerHint: 'Write a reply — Enter sends, Shift+Enter adds a line',
  windowClosed: "WhatsApp's 24-hour window is closed: send an approved template.",
  connection: {
    connecting: 'Reconnecting…',
    replaying: 'Syncing…',
    live: 'Connected',
    closed: 'Disconnected',
  },
  delivery: {
    queued: 'queued',
    accepted: 'sent',
    sent: 'sent',
    delivered: 'delivered',
    read: 'read',
    failed: 'failed',
  },
  authors: { visitor: 'Visitor', contact: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' },
};

export const LOCALES = { 'pt-BR': pt, en } as const;
export type Locale = keyof typeof LOCALES;

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('fio.locale');
const [locale, setLocaleSignal] = createSignal<Locale>(stored === 'en' ? 'en' : 'pt-BR');

if (typeof document !== 'undefined') document.documentElement.lang = locale();

export { locale };

export function setLocale(next: Locale): void {
  localStorage.setItem('fio.locale', next);
  document.documentElement.lang = next;
  setLocaleSignal(next);
}

/** The dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function t(): Dictionary {
  return LOCALES[locale()];
}

/** A time in the tenant's zone (the agent's own zone may differ). */
export function formatTime(iso: string, timeZone = 'America/Sao_Paulo'): string {
  return new Intl.DateTimeFormat(locale(), { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
