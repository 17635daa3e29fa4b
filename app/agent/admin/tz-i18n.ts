// The time-zone picker's words (pt-BR first, English of the same shape).
import { locale } from '../i18n';

const pt = {
  search: 'Digite uma cidade ou UTC−3',
  brazil: 'Brasil',
  others: 'Outros fusos',
  none: 'Nenhum fuso encontrado',
  more: (n: number) => `e mais ${n}: continue digitando para filtrar`,
  current: (name: string) => `Atual: ${name}`,
};

const en: typeof pt = {
  search: 'Type a city or UTC−3',
  brazil: 'Brazil',
  others: 'Other time zones',
  none: 'No time zone found',
  more: (n: number) => `and ${n} more: keep typing to narrow`,
  current: (name: string) => `Current: ${name}`,
};

export const tzt = () => (locale() === 'en' ? en : pt);
