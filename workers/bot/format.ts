// How the bot writes values for a Brazilian customer: R$ 1.234,56, dd/mm dates, placeholders in flow texts.
// Deterministic (no Intl: its currency format puts a no-break space after R$ and varies between runtimes).

/** 89.9 → "R$ 89,90"; 1234.5 → "R$ 1.234,50". */
export function formatBrl(amount: number): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const reais = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}R$ ${reais},${String(cents % 100).padStart(2, '0')}`;
}

/** "2026-12-05" → "05/12/2026" (and "05/12" with `short`); anything else is returned as it came. */
export function formatDate(isoDate: string, short = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return short ? `${m[3]}/${m[2]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/**
 * Brasília time (UTC−3, no daylight saving since 2019): ISPs and their customers read times there. The
 * tenant's own zone is the runtime's concern; the bot only words ERP times.
 */
const BRT_OFFSET_MS = -3 * 3600_000;

/** An ERP timestamp ("2026-12-05T18:00:00Z" or "2026-12-05 18:00:00") → "05/12 às 18:00" (Brasília). */
export function formatDateTime(value: string, locale: 'pt-BR' | 'en'): string {
  const hasZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value);
  const parsed = Date.parse(hasZone ? value : `${value.replace(' ', 'T')}-03:00`);
  if (Number.isNaN(parsed)) return formatDate(value, true);
  const local = new Date(parsed + BRT_OFFSET_MS);
  const dd = String(local.getUTCDate()).padStart(2, '0');
  const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mi = String(local.getUTCMinutes()).padStart(2, '0');
  return locale === 'en' ? `${dd}/${mm} at ${hh}:${mi}` : `${dd}/${mm} às ${hh}:${mi}`;
}

/** `now` plus `days`, as dd/mm in Brasília (an unlock whose ERP gave the days but not the date). */
export function dayMonthAfter(now: Date, days: number): string {
  const local = new Date(now.getTime() + BRT_OFFSET_MS + days * 86_400_000);
  return `${String(local.getUTCDate()).padStart(2, '0')}/${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Today in Brasília as YYYY-MM-DD (is an invoice overdue?). */
export function todayIso(now: Date): string {
  return new Date(now.getTime() + BRT_OFFSET_MS).toISOString().slice(0, 10);
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_.]*)\s*\}\}/g;

/** `{{name}}` replaced by `lookup(name)`; unknown names render empty (never the raw braces). */
export function fillPlaceholders(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => lookup(name) ?? '');
}
