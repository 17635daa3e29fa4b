// The inbox's outage words (banner, filter, row tag) in Portuguese (default) and English.
import { locale } from '../../i18n';

const pt = {
  banner: (kind: 'outage' | 'maintenance', area: string) =>
    `${kind === 'outage' ? 'Queda ativa' : 'Manutenção em andamento'}: ${area}`,
  conversations: (n: number) => (n === 1 ? '1 conversa' : `${n} conversas`),
  until: (time: string) => `previsão ${time}`,
  show: 'Ver conversas',
  showAll: 'Ver todas as conversas',
  filterOf: (title: string) => `Conversas causadas por ${title}`,
  tag: 'Queda',
  tagOf: (title: string) => `Causada pela queda ${title}`,
  region: 'Quedas ativas',
};

const en: typeof pt = {
  banner: (kind, area) => `${kind === 'outage' ? 'Active outage' : 'Maintenance in progress'}: ${area}`,
  conversations: (n) => (n === 1 ? '1 conversation' : `${n} conversations`),
  until: (time) => `expected ${time}`,
  show: 'Show conversations',
  showAll: 'Show all conversations',
  filterOf: (title) => `Conversations caused by ${title}`,
  tag: 'Outage',
  tagOf: (title) => `Caused by the outage ${title}`,
  region: 'Active outages',
};

const TEXT = { 'pt-BR': pt, en } as const;

export function ow(): typeof pt {
  return TEXT[locale()];
}
