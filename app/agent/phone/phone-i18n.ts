// The words of the phone layout (back to the list, the contact's details, the top bar's menu) in Portuguese
// (default) and English, same shape in both; kept here so the shared dictionary is not touched.
import { locale } from '../i18n';

const pt = {
  backToList: 'Voltar à lista de conversas',
  openContact: 'Dados do contato',
  backToConversation: 'Voltar à conversa',
  menu: 'Menu',
  menuLabel: 'Abrir o menu',
};

type PhoneDictionary = typeof pt;

const en: PhoneDictionary = {
  backToList: 'Back to the conversation list',
  openContact: 'Contact details',
  backToConversation: 'Back to the conversation',
  menu: 'Menu',
  menuLabel: 'Open the menu',
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The phone layout's dictionary in the current locale (reactive: read it inside JSX or an effect). */
export function pt6(): PhoneDictionary {
  return TEXT[locale()];
}
