// The words of the desktop top bar's account menu in Portuguese (default) and English, same shape in both;
// kept here so the shared dictionary is not touched.
import { locale } from '../i18n';

const pt = {
  accountOf: (name: string) => `Conta de ${name}`,
  preferences: 'Preferências',
};

type TopBarDictionary = typeof pt;

const en: TopBarDictionary = {
  accountOf: (name: string) => `${name}'s account`,
  preferences: 'Preferences',
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The top bar's dictionary in the current locale (reactive: read it inside JSX or an effect). */
export function tb(): TopBarDictionary {
  return TEXT[locale()];
}
