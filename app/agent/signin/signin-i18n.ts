// The words around the sign-in card (tagline, what the product does) in Portuguese (default) and English,
// same shape in both; the forms' own words stay in the shared dictionary.
import { locale } from '../i18n';

const pt = {
  tagline: 'Atendimento que não perde o fio da conversa.',
  points: [
    'WhatsApp, site e robô numa só caixa de entrada',
    'Um protocolo para cada atendimento',
    'Feito para provedores de internet',
  ],
};

type SignInDictionary = typeof pt;

const en: SignInDictionary = {
  tagline: 'Customer support that never loses the thread.',
  points: [
    'WhatsApp, website and bot in one inbox',
    'A protocol number for every ticket',
    'Made for internet providers',
  ],
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The sign-in frame's dictionary in the current locale (reactive: read it inside JSX or an effect). */
export function si(): SignInDictionary {
  return TEXT[locale()];
}
