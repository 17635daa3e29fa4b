// How the report's numbers read to people: durations ("4 min 12 s", "2 h 05 min", "3 d 4 h"), rates as
// percentages, CSAT with one decimal, and the change against the previous period with whether it is good
// (first response going down is good; CSAT going down is bad). Pure, so the cards and the table rows format
// the same value the same way.
import type { DurationStat, RateStat } from '../../../../workers/contract/reports';

const two = (n: number) => String(n).padStart(2, '0');

/** A duration in seconds for people: "42 s", "4 min 12 s", "2 h 05 min", "3 d 04 h"; "—" without a value. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${two(s % 60)} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
  return `${Math.floor(s / 86_400)} d ${two(Math.floor((s % 86_400) / 3600))} h`;
}

/** A 0–1 rate as a percentage with one decimal in the user's language ("87,5%"); "—" without a whole. */
export function formatRate(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A whole number in the user's language ("1.234"). */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A CSAT average on the 1–5 scale ("4,3"); "—" without answers. */
export function formatScore(score: number | null | undefined, locale: string): string {
  if (score === null || score === undefined) return '—';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

export const durationValue = (d: DurationStat) => d.averageSeconds;
export const rateValue = (r: RateStat) => r.rate;

/** Which way is better for a metric: fewer seconds to answer, more CSAT, or neither (volumes). */
export type Better = 'up' | 'down' | 'none';

export interface Change {
  /** The arrow: ↑, ↓ or = (no change); null when either side has no value. */
  arrow: '↑' | '↓' | '=' | null;
  /** good, bad or neutral: the colour, never the only cue (the arrow and the words say it too). */
  tone: 'good' | 'bad' | 'neutral';
  /** Relative change (0.12 = +12 %) for counts and durations; absolute points for rates. */
  delta: number | null;
}

/**
 * The change from `previous` to `current`. Rates compare in percentage points (a rate from 80 % to 90 % is
 * +10 points, not +12.5 %); counts and durations relatively. Tiny changes (under 0.05 %) read as equal.
 */
export function change(
  current: number | null,
  previous: number | null,
  better: Better,
  kind: 'relative' | 'points',
): Change {
  if (current === null || previous === null) return { arrow: null, tone: 'neutral', delta: null };
  const delta =
    kind === 'points' ? current - previous : previous === 0 ? null : (current - previous) / previous;
  const diff = current - previous;
  const same = kind === 'points' ? Math.abs(diff) < 0.0005 : Math.abs(diff) < Math.abs(previous) * 0.0005;
  if (same || diff === 0) return { arrow: '=', tone: 'neutral', delta: 0 };
  const up = diff > 0;
  const tone = better === 'none' ? 'neutral' : (better === 'up') === up ? 'good' : 'bad';
  return { arrow: up ? '↑' : '↓', tone, delta };
}

/** "+12%", "−3,4 p.p." (points), "novo" when the previous period had none: how the change reads. */
export function formatChange(
  c: Change,
  kind: 'relative' | 'points',
  locale: string,
  words: { new: string; pp: string },
): string {
  if (c.arrow === null) return '';
  if (c.delta === null) return words.new;
  const sign = c.delta > 0 ? '+' : c.delta < 0 ? '−' : '±';
  const abs = Math.abs(c.delta);
  if (kind === 'points')
    return `${sign}${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(abs * 100)} ${words.pp}`;
  return `${sign}${new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(abs)}`;
}
