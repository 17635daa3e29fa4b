// The words of the opening-hours editor (tenant hours here, a team's hours on the routing screen) in
// Portuguese (default) and English, same shape in both.

import type { Weekday } from '../../../../workers/contract/routing';
import { locale } from '../../i18n';

const pt = {
  days: {
    sun: 'Domingo',
    mon: 'Segunda-feira',
    tue: 'Terça-feira',
    wed: 'Quarta-feira',
    thu: 'Quinta-feira',
    fri: 'Sexta-feira',
    sat: 'Sábado',
  } as Record<Weekday, string>,
  week: 'Dias e horários',
  closed: 'Fechado',
  from: 'Das',
  to: 'às',
  fromOf: (day: string, n: number) => `${day}, intervalo ${n}: início`,
  toOf: (day: string, n: number) => `${day}, intervalo ${n}: fim`,
  addInterval: 'Adicionar intervalo',
  addIntervalTo: (day: string) => `Adicionar intervalo (${day})`,
  remove: 'Remover',
  removeInterval: (day: string, n: number) => `Remover (${day}, intervalo ${n})`,
  copyToWeekdays: 'Copiar para segunda a sexta',
  copyFrom: (day: string) => `Copiar para segunda a sexta (${day})`,
  copied: (day: string) => `Horários de ${day} copiados para segunda a sexta.`,
  timeHint:
    'Horários no formato HH:MM (24 h). Um intervalo pode terminar às 24:00. Para o almoço, use dois intervalos.',
  timezone: (zone: string) => `Fuso horário: ${zone}`,
  timezoneOfTenant: 'o do provedor (em Configurações)',
  holidays: 'Feriados',
  holidaysHint: 'Fechado o dia todo nessas datas.',
  noHolidays: 'Nenhum feriado cadastrado.',
  holidayDate: (n: number) => `Feriado ${n}: data`,
  holidayName: (n: number) => `Feriado ${n}: nome`,
  date: 'Data',
  name: 'Nome',
  addHoliday: 'Adicionar feriado',
  removeHoliday: (n: number, name: string) => `Remover (feriado ${n}${name ? `: ${name}` : ''})`,
  errors: {
    format: 'Use HH:MM, de 00:00 a 24:00 (ex.: 08:00).',
    inverted: 'O fim precisa ser depois do início.',
    overlap: 'Este intervalo se sobrepõe a outro do mesmo dia.',
    duplicate: 'Esta data já está na lista.',
    date: 'Informe uma data válida.',
    name: 'Informe o nome do feriado (até 80 caracteres).',
    timezone: 'Fuso horário desconhecido.',
    tooMany: 'No máximo 6 intervalos por dia.',
    other: 'Valor inválido.',
  },
};

export type HoursDictionary = typeof pt;

const en: HoursDictionary = {
  days: {
    sun: 'Sunday',
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
  },
  week: 'Days and hours',
  closed: 'Closed',
  from: 'From',
  to: 'to',
  fromOf: (day, n) => `${day}, interval ${n}: start`,
  toOf: (day, n) => `${day}, interval ${n}: end`,
  addInterval: 'Add interval',
  addIntervalTo: (day) => `Add interval (${day})`,
  remove: 'Remove',
  removeInterval: (day, n) => `Remove (${day}, interval ${n})`,
  copyToWeekdays: 'Copy to Monday–Friday',
  copyFrom: (day) => `Copy to Monday–Friday (${day})`,
  copied: (day) => `${day}'s hours copied to Monday to Friday.`,
  timeHint: 'Times as HH:MM (24 h). An interval may end at 24:00. For a lunch break, use two intervals.',
  timezone: (zone) => `Time zone: ${zone}`,
  timezoneOfTenant: "the provider's (in Settings)",
  holidays: 'Holidays',
  holidaysHint: 'Closed all day on these dates.',
  noHolidays: 'No holidays yet.',
  holidayDate: (n) => `Holiday ${n}: date`,
  holidayName: (n) => `Holiday ${n}: name`,
  date: 'Date',
  name: 'Name',
  addHoliday: 'Add holiday',
  removeHoliday: (n, name) => `Remove (holiday ${n}${name ? `: ${name}` : ''})`,
  errors: {
    format: 'Use HH:MM, 00:00 to 24:00 (e.g. 08:00).',
    inverted: 'The end must be after the start.',
    overlap: 'This interval overlaps another one on the same day.',
    duplicate: 'This date is already listed.',
    date: 'Enter a valid date.',
    name: "Enter the holiday's name (up to 80 characters).",
    timezone: 'Unknown time zone.',
    tooMany: 'At most 6 intervals a day.',
    other: 'Invalid value.',
  },
};

const TEXT = { 'pt-BR': pt, en } as const;

/** The hours editor's dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function ht(): HoursDictionary {
  return TEXT[locale()];
}
