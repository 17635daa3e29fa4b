// The report's metrics in one list: how each is read from ReportMetrics, formatted, and which way is better.
// The cards and every table column come from this list, so a card and the table's total row always show the
// same number the same way (the API computes both from the same rollups).
import type { ReportMetrics } from '../../../../workers/contract/reports';
import { type Better, formatCount, formatDuration, formatRate, formatScore } from './report-format';

export const METRIC_KEYS = [
  'ticketsOpened',
  'ticketsResolved',
  'firstResponse',
  'resolution',
  'csat',
  'csatResponseRate',
  'botContainment',
  'slaMet',
  'reopened',
  'handoffs',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export interface MetricDef {
  key: MetricKey;
  /** The number compared and sorted on (null: no value). */
  value: (m: ReportMetrics) => number | null;
  /** How it reads, in the user's language. */
  format: (m: ReportMetrics, locale: string) => string;
  better: Better;
  /** Rates change in percentage points, the rest relatively. */
  kind: 'relative' | 'points';
}

const count = (key: MetricKey, pick: (m: ReportMetrics) => number, better: Better = 'none'): MetricDef => ({
  key,
  value: pick,
  format: (m, locale) => formatCount(pick(m), locale),
  better,
  kind: 'relative',
});
const rate = (key: MetricKey, pick: (m: ReportMetrics) => number | null, better: Better): MetricDef => ({
  key,
  value: pick,
  format: (m, locale) => formatRate(pick(m), locale),
  better,
  kind: 'points',
});
const duration = (key: MetricKey, pick: (m: ReportMetrics) => number | null): MetricDef => ({
  key,
  value: pick,
  format: (m) => formatDuration(pick(m)),
  better: 'down',
  kind: 'relative',
});

export const METRICS: Record<MetricKey, MetricDef> = {
  ticketsOpened: count('ticketsOpened', (m) => m.ticketsOpened),
  ticketsResolved: count('ticketsResolved', (m) => m.ticketsResolved),
  firstResponse: duration('firstResponse', (m) => m.firstResponse.averageSeconds),
  resolution: duration('resolution', (m) => m.resolution.averageSeconds),
  csat: {
    key: 'csat',
    value: (m) => m.csat.average,
    format: (m, locale) => formatScore(m.csat.average, locale),
    better: 'up',
    kind: 'relative',
  },
  csatResponseRate: rate('csatResponseRate', (m) => m.csat.responseRate, 'up'),
  botContainment: rate('botContainment', (m) => m.botContainment.rate, 'up'),
  slaMet: rate('slaMet', (m) => m.slaMet.rate, 'up'),
  reopened: rate('reopened', (m) => m.reopened.rate, 'down'),
  handoffs: count('handoffs', (m) => m.handoffs.total),
};

/** The cards, in reading order. */
export const CARD_KEYS: readonly MetricKey[] = [
  'firstResponse',
  'resolution',
  'csat',
  'botContainment',
  'slaMet',
  'reopened',
  'ticketsOpened',
  'handoffs',
];
