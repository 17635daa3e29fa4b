// The words around the sign-in card (tagline, what the product does) in Portuguese (default) and English,
// same shape in both, and the suspended organisation's page; the forms' own words stay in the shared
// dictionary.
import { locale } from '../i18n';

const pt = {
  tagline: 'Atendimento que não perde o fio da conversa.',
  points: [
    'WhatsApp, site e robô numa só caixa de entrada',
    'Um protocolo para cada atendimento',
    'Feito para provedores de internet',
  ],
  suspended: {
    title: 'Conta suspensa',
    next: 'Você saiu da conta neste navegador. Quando o acesso for reativado, entre novamente.',
    back: 'Voltar para o login',
  },
};

type SignInDictionary = typeof pt;

const en: SignInDictionary = {
  tagline: 'Customer support that never loses the thread.',
  points: [
    'WhatsApp, website and bot in one inbox',
    'A protocol number for every ticket',
    'Made for internet providers',
  ],
  suspended: {
    title: 'Account suspended',
    next: 'You were signed out in this browser. Once access is restored, sign in again.',
    back: 'Back to sign in',
  },
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The sign-in frame's dictionary in the current locale (reactive: read it inside JSX or an effect). */
export function si(): SignInDictionary {
  return TEXT[locale()];
}
