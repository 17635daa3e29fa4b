// The after-hours notice: "Nosso atendimento volta segunda-feira às 08:00", sent once per closed period (the
// period is named by its opening instant, kept in meta). {when} reads "hoje às 13:00", "amanhã às 08:00" or
// "segunda-feira às 08:00" in the hours' zone; English tenants read "today at …", "on Monday at 08:00". Pure.

export type CareLocale = 'pt-BR' | 'en';

const WORDS = {
  'pt-BR': { notice: 'Nosso atendimento volta {when}.', today: 'hoje', tomorrow: 'amanhã', at: 'às' },
  en: { notice: 'Our team is back {when}.', today: 'today', tomorrow: 'tomorrow', at: 'at' },
} as const;

/** "segunda-feira às 08:00" / "on Monday at 08:00", relative to `now` in the zone. */
export function describeOpening(opening: Date, now: Date, timeZone: string, locale: CareLocale): string {
  const w = WORDS[locale];
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
  const time = new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(opening);
  const tomorrow = new Date(now.getTime() + 24 * 3600_000);
  if (day(opening) === day(now)) return `${w.today} ${w.at} ${time}`;
  if (day(opening) === day(tomorrow)) return `${w.tomorrow} ${w.at} ${time}`;
  const weekday = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(opening);
  return locale === 'en' ? `on ${weekday} at ${time}` : `${weekday} ${w.at} ${time}`;
}

/** The tenant's own words (with {when}) or the built-in ones. */
export function afterHoursNotice(custom: string | null, when: string, locale: CareLocale): string {
  return (custom ?? WORDS[locale].notice).replaceAll('{when}', when);
}
