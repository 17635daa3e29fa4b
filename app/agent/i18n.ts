// The client's words in Portuguese (default) and English: every visible string comes from the dictionaries
// here, so a screen never hard-codes text. Dates and times are formatted in the tenant's time zone.
import { createSignal } from 'solid-js';
import { en } from './i18n/en';
import { pt } from './i18n/pt-BR';

export type { Dictionary } from './i18n/pt-BR';

export const LOCALES = { 'pt-BR': pt, en } as const;
export type Locale = keyof typeof LOCALES;

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('fio.locale');
const [locale, setLocaleSignal] = createSignal<Locale>(stored === 'en' ? 'en' : 'pt-BR');
const [timeZone, setTimeZoneSignal] = createSignal('America/Sao_Paulo');

if (typeof document !== 'undefined') document.documentElement.lang = locale();

export { locale, timeZone };

export function setLocale(next: Locale, remember = true): void {
  if (remember) localStorage.setItem('fio.locale', next);
  document.documentElement.lang = next;
  setLocaleSignal(next);
}

/** The tenant's locale applies until the agent picks one. */
export function applyTenantLocale(tenantLocale: Locale): void {
  if (localStorage.getItem('fio.locale') === null) setLocale(tenantLocale, false);
}

/** Every date on screen is in the tenant's zone (from /api/me), not the agent's computer's. */
export function setTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    setTimeZoneSignal(tz);
  } catch {
    // unknown zone: keep the default
  }
}

/** The dictionary of the current locale (reactive: read it inside JSX or an effect). */
export function t() {
  return LOCALES[locale()];
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'short' | 'time' | 'date'): Intl.DateTimeFormat {
  const key = `${locale()}|${timeZone()}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { timeStyle: 'short' }
        : kind === 'date'
          ? { dateStyle: 'short' }
          : { dateStyle: 'short', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(locale(), { ...opts, timeZone: timeZone() });
    formatters.set(key, f);
  }
  return f;
}

/** Date and time in the tenant's zone. */
export function formatTime(iso: string): string {
  return formatter('short').format(new Date(iso));
}

/** Only the time when it is today (in the tenant's zone), else date and time. */
export function formatWhen(iso: string, now = Date.now()): string {
  const date = new Date(iso);
  const sameDay = formatter('date').format(date) === formatter('date').format(new Date(now));
  return (sameDay ? formatter('time') : formatter('short')).format(date);
}

/** How long ago, coarse ("5 min", "2 h", "3 d"): wait times in the list. */
export function formatAge(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return t().age.minutes(minutes);
  if (minutes < 48 * 60) return t().age.hours(Math.floor(minutes / 60));
  return t().age.days(Math.floor(minutes / 1440));
}
