// What an SLA badge says, as pure functions: the standing is the contract's one rule (slaStanding), the words
// are the locale's, times are in the tenant's zone. Time left reads "12 min" or "2 h 5 min" while the target
// is due today and "seg 08:20" beyond (hours paused overnight or over a weekend). Colour is never the only
// cue: the visible text names the standing and the label says it whole.
import type { SlaTarget, TicketSla } from '../../../workers/contract/events';
import { type SlaStanding, type SummarySla, slaStanding } from '../../../workers/contract/inbox';
import type { SlaWords } from './sla-i18n';

export interface SlaBadgeView {
  standing: SlaStanding;
  /** What the badge shows ("SLA 12 min", "Em risco · 12 min", "SLA estourado · 1ª resposta"). */
  text: string;
  /** What assistive technology reads (the whole sentence). */
  label: string;
  /** The tooltip: which target, when it is due and its size. */
  title: string;
}

/** The locale and zone every time on the badge is written in. */
export interface SlaFormat {
  words: SlaWords;
  locale: string;
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function fmt(f: SlaFormat, kind: 'day' | 'weekday' | 'time' | 'date' | 'full'): Intl.DateTimeFormat {
  const key = `${f.locale}|${f.timeZone}|${kind}`;
  let d = formatters.get(key);
  if (!d) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { year: 'numeric', month: '2-digit', day: '2-digit' }
        : kind === 'weekday'
          ? { weekday: 'short' }
          : kind === 'time'
            ? { timeStyle: 'short' }
            : kind === 'date'
              ? { day: '2-digit', month: '2-digit' }
              : { dateStyle: 'short', timeStyle: 'short' };
    d = new Intl.DateTimeFormat(f.locale, { ...opts, timeZone: f.timeZone });
    formatters.set(key, d);
  }
  return d;
}

/** A due time, short: "17:40" today, "seg 08:20" within a week, "14/12 08:20" further away. */
export function dueAtText(dueMs: number, nowMs: number, f: SlaFormat): string {
  const time = fmt(f, 'time').format(dueMs);
  if (fmt(f, 'day').format(dueMs) === fmt(f, 'day').format(nowMs)) return time;
  const withinWeek = dueMs - nowMs < 6 * 86_400_000;
  const day = withinWeek ? fmt(f, 'weekday').format(dueMs).replace(/\.$/, '') : fmt(f, 'date').format(dueMs);
  return `${day} ${time}`;
}

/** Minutes (whole, at least 1) and hours left, or the due time when it falls on another day in the tenant's zone. */
export function timeLeftText(dueMs: number, nowMs: number, f: SlaFormat): { text: string; isTime: boolean } {
  const sameDay = fmt(f, 'day').format(dueMs) === fmt(f, 'day').format(nowMs);
  if (!sameDay) return { text: dueAtText(dueMs, nowMs, f), isTime: true };
  // Whole minutes down (the shared clock may be a few seconds behind: never more left than the target).
  const minutes = Math.max(1, Math.floor((dueMs - nowMs) / 60_000));
  if (minutes < 60) return { text: f.words.minutes(minutes), isTime: false };
  return { text: f.words.hoursMinutes(Math.floor(minutes / 60), minutes % 60), isTime: false };
}

/** "30 min", "4 h", "1 d 2 h": a target's size or a measured time. */
export function durationText(ms: number, words: SlaWords): string {
  const d = words.duration;
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return d.seconds(seconds);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return d.minutes(minutes);
  if (minutes < 24 * 60) return d.hoursMinutes(Math.floor(minutes / 60), minutes % 60);
  const hours = Math.round(minutes / 60);
  return d.daysHours(Math.floor(hours / 24), hours % 24);
}

/** The targets a breached badge names: the recorded breaches, else the running one whose time ran out. */
function breachedTargets(sla: SummarySla): SlaTarget[] {
  if (sla.breached.length > 0) return sla.breached;
  return sla.target ? [sla.target] : [];
}

/** The badge of an inbox summary's SLA at `nowMs`, or null when no SLA runs or was breached. */
export function slaBadgeView(
  sla: SummarySla | null | undefined,
  nowMs: number,
  f: SlaFormat,
): SlaBadgeView | null {
  const standing = slaStanding(sla, nowMs);
  if (!sla || !standing) return null;
  const w = f.words;
  if (standing === 'breached') {
    const targets = breachedTargets(sla);
    const names = targets.map((x) => w.target[x]).join(', ');
    const short = targets.map((x) => w.targetShort[x]).join(', ');
    return {
      standing,
      text: short ? `${w.breached} · ${short}` : w.breached,
      label: w.breachedLabel(names || w.sla),
      title: w.breachedTitle(names || w.sla),
    };
  }
  // ok / at risk: slaStanding only answers these with a target due at a time.
  const target = sla.target as SlaTarget;
  const dueMs = Date.parse(sla.dueAt as string);
  const left = timeLeftText(dueMs, nowMs, f);
  const name = w.target[target];
  const title = w.title(
    name,
    fmt(f, 'full').format(dueMs),
    durationText((sla.targetMinutes as number) * 60_000, w),
  );
  if (standing === 'at_risk') {
    return {
      standing,
      text: `${w.atRisk} · ${left.text}`,
      label: left.isTime ? w.atRiskLabelAt(name, left.text) : w.atRiskLabel(name, left.text),
      title,
    };
  }
  return {
    standing,
    text: `${w.sla} ${left.text}`,
    label: left.isTime ? w.okLabelAt(name, left.text) : w.okLabel(name, left.text),
    title,
  };
}

/** The "SLA em risco" quick filter: conversations at risk or breached at `nowMs`. */
export function needsAttention(s: { sla?: SummarySla | null }, nowMs: number): boolean {
  const standing = slaStanding(s.sla, nowMs);
  return standing === 'at_risk' || standing === 'breached';
}

/** A target's size on a ticket's SLA (the breach line says it), or null when the ticket has no such clock. */
export function targetMinutes(t: { sla?: TicketSla | null }, target: SlaTarget | undefined): number | null {
  if (!t.sla || !target) return null;
  const clock =
    target === 'first_response'
      ? t.sla.firstResponse
      : target === 'next_response'
        ? t.sla.nextResponse
        : t.sla.resolution;
  return clock?.targetMinutes ?? null;
}
