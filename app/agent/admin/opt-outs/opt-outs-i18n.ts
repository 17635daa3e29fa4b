// The "Descadastros" screen's words in Portuguese (default) and English, same shape in both.
import type { OptOutCategory, OptOutSource } from '../../../../workers/contract/campaigns';
import { locale } from '../../i18n';

const pt = {
  title: 'Descadastros',
  intro:
    'Quem pediu para não receber mensagens (SAIR, PARAR, STOP, o botão do modelo ou o erro 131050 da Meta). As campanhas ignoram estes números na categoria correspondente.',
  search: 'Buscar por telefone',
  category: 'Categoria',
  all: 'Todas',
  categories: { marketing: 'Marketing', utility: 'Utilidade' } satisfies Record<OptOutCategory, string>,
  sources: {
    keyword: 'Palavra-chave (SAIR, PARAR, STOP)',
    button: 'Botão do modelo',
    meta_131050: 'Meta (131050)',
    agent: 'Adicionado por um atendente',
    api: 'API',
    import: 'Importação',
  } satisfies Record<OptOutSource, string>,
  phone: 'Telefone',
  contact: 'Contato',
  source: 'Origem',
  since: 'Desde',
  add: 'Adicionar telefone',
  adding: 'Descadastrar telefone',
  phoneHint: 'Com DDD, por exemplo (11) 98765-4321.',
  added: (phone: string) => `${phone} descadastrado.`,
  remove: 'Remover',
  removeQuestion: (phone: string, category: string) =>
    `Remover ${phone} dos descadastros de ${category}? O número volta a receber campanhas dessa categoria.`,
  removed: (phone: string) => `${phone} voltou a receber campanhas.`,
  empty: 'Ninguém descadastrado.',
  noMatch: 'Nenhum descadastro com esse telefone.',
  badPhone: 'Informe um telefone válido, com DDD.',
};

export type OptOutDictionary = typeof pt;

const en: OptOutDictionary = {
  title: 'Opt-outs',
  intro:
    "Who asked not to be messaged (SAIR, PARAR, STOP, the template's button or Meta's error 131050). Campaigns skip these numbers in the matching category.",
  search: 'Search by phone',
  category: 'Category',
  all: 'All',
  categories: { marketing: 'Marketing', utility: 'Utility' },
  sources: {
    keyword: 'Keyword (SAIR, PARAR, STOP)',
    button: "Template's button",
    meta_131050: 'Meta (131050)',
    agent: 'Added by an agent',
    api: 'API',
    import: 'Import',
  },
  phone: 'Phone',
  contact: 'Contact',
  source: 'Source',
  since: 'Since',
  add: 'Add phone',
  adding: 'Opt out a phone',
  phoneHint: 'With the area code, e.g. (11) 98765-4321.',
  added: (phone) => `${phone} opted out.`,
  remove: 'Remove',
  removeQuestion: (phone, category) =>
    `Remove ${phone} from the ${category} opt-outs? The number gets campaigns of that category again.`,
  removed: (phone) => `${phone} gets campaigns again.`,
  empty: 'Nobody opted out.',
  noMatch: 'No opt-out with that phone.',
  badPhone: 'Enter a valid phone with the area code.',
};

export function ot(): OptOutDictionary {
  return locale() === 'en' ? en : pt;
}
