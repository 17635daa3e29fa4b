// Per-tenant operational counters and gauges (messages in/out, send and webhook failures, bot/LLM/ERP errors,
// ERP latency, outbox backlog, archive lag). Production records them through Workers Analytics Engine; the
// local stack keeps an equivalent the Prometheus `/metrics` route and the alert checks read.
// FOUNDATION STUB (issue 16): the signatures below are fixed; part O1 fills in the bodies.
import type { Env } from '../env';

/** Monotonic counters (Prometheus `_total`). */
export const COUNTER_NAMES = [
  'fio_messages_in_total',
  'fio_messages_out_total',
  'fio_send_failures_total',
  'fio_webhook_failures_total',
  'fio_bot_errors_total',
  'fio_llm_errors_total',
  'fio_erp_calls_total',
  'fio_erp_errors_total',
  'fio_erp_latency_ms_sum',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/** Values that go up and down; the latest report per tenant (and labels) wins. */
export const GAUGE_NAMES = ['fio_outbox_backlog', 'fio_archive_lag_seconds'] as const;
export type GaugeName = (typeof GAUGE_NAMES)[number];

export interface MetricLabels {
  /** e.g. `code` (Meta's error code), `channel` (cloud/evolution/uazapi/widget), `reason`. */
  [label: string]: string;
}

export interface MetricSample {
  name: CounterName | GaugeName;
  /** null: not about one tenant (the platform as a whole). */
  tenantId: string | null;
  labels: MetricLabels;
  value: number;
  /** When the value was last changed (ms since epoch). */
  at: number;
}

export interface MetricsSnapshot {
  counters: MetricSample[];
  gauges: MetricSample[];
}

/**
 * Adds `value` to a counter. Never throws and never waits on the caller's path: recording a metric must not
 * slow or fail the work it measures.
 */
export function countMetric(
  _env: Env,
  _name: CounterName,
  _tenantId: string | null,
  _labels: MetricLabels = {},
  _value = 1,
): void {}

/** Sets a gauge to its current value (same promise: never throws, never waits). */
export function setGauge(
  _env: Env,
  _name: GaugeName,
  _tenantId: string | null,
  _value: number,
  _labels: MetricLabels = {},
): void {}

/** Everything recorded so far across the deployment (what /metrics prints and the alert checks read). */
export async function metricsSnapshot(_env: Env): Promise<MetricsSnapshot> {
  return { counters: [], gauges: [] };
}
