// Per-tenant operational counters and gauges (messages in/out, send and webhook failures, bot/LLM/ERP errors,
// ERP latency, outbox backlog, archive lag). Recording is a Map update in the isolate's memory: nothing waits
// and nothing goes over the network per call. A flush, at most one per isolate every FLUSH_MS (sooner when
// many series changed), hands the sums to the deployment's metrics store (durable-objects/metrics: what
// /metrics and the alert checks read) and, where the binding exists, to Workers Analytics Engine (METRICS_AE:
// write-only from a Worker, queried with its SQL API for history and dashboards).
import type { Env } from '../env';
import { errorFields, log } from '../services/log';
import { currentLogContext } from './log-context';
import { batchSize, emptyBatch, type MetricBatch, seriesKey } from './metric-batch';
import { metricsStore } from './metrics-store';

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

/** At most one flush per isolate this often; a quiet isolate sends nothing. */
export const FLUSH_MS = 1_000;
/** This many changed series flush at once instead of waiting for the timer. */
const FLUSH_SERIES = 500;
/** A scheduled flush that has not run after this long was lost with its request: schedule a new one. */
const LOST_FLUSH_MS = FLUSH_MS * 5;

let pending = emptyBatch();
const counterIndex = new Map<string, number>();
const gaugeIndex = new Map<string, number>();
const partIndex = new Map<string, number>();
let scheduledAt = 0;

/**
 * Adds `value` to a counter. Never throws and never waits on the caller's path: recording a metric must not
 * slow or fail the work it measures.
 */
export function countMetric(
  env: Env,
  name: CounterName,
  tenantId: string | null,
  labels: MetricLabels = {},
  value = 1,
): void {
  try {
    countInto(name, tenantId, { ...labels }, value, Date.now());
    schedule(env);
  } catch {
    // A metric must never break the work it measures.
  }
}

/** Sets a gauge to its current value (same promise: never throws, never waits). */
export function setGauge(
  env: Env,
  name: GaugeName,
  tenantId: string | null,
  value: number,
  labels: MetricLabels = {},
): void {
  try {
    const key = seriesKey(name, tenantId, labels);
    const point = { name, tenantId, labels: { ...labels }, value, at: Date.now() };
    const i = gaugeIndex.get(key);
    if (i === undefined) {
      gaugeIndex.set(key, pending.gauges.length);
      pending.gauges.push(point);
    } else pending.gauges[i] = point;
    schedule(env);
  } catch {
    // As above.
  }
}

/**
 * Reports one reporter's share of a per-tenant gauge: `part` names the reporter (a conversation), `value` its
 * share (0 removes it) and `since` when its oldest waiting item began waiting. The store sums the shares
 * (outbox backlog) and ages the oldest `since` at read time (archive lag), so a stalled Postgres shows a
 * growing number even while nothing commits and nobody reports.
 */
export function setGaugePart(
  env: Env,
  name: GaugeName,
  tenantId: string,
  part: string,
  value: number,
  since: number | null,
): void {
  try {
    const key = `${name}\u0000${tenantId}\u0000${part}`;
    const point = { name, tenantId, part, value, since: value > 0 ? since : null, at: Date.now() };
    const i = partIndex.get(key);
    if (i === undefined) {
      partIndex.set(key, pending.parts.length);
      pending.parts.push(point);
    } else pending.parts[i] = point;
    schedule(env);
  } catch {
    // As above.
  }
}

/** Everything recorded so far across the deployment (what /metrics prints and the alert checks read). */
export async function metricsSnapshot(env: Env): Promise<MetricsSnapshot> {
  // This isolate's own recent points first, so a caller sees what it just recorded.
  await flushMetrics(env);
  return metricsStore(env).snapshot();
}

/**
 * Sends what this isolate recorded since the last flush. On failure the points go back into the pending
 * batch (counters add up, newer gauge values win), so a store restart loses nothing but time.
 */
export async function flushMetrics(env: Env): Promise<void> {
  scheduledAt = 0;
  if (batchSize(pending) === 0) return;
  const batch = pending;
  pending = emptyBatch();
  counterIndex.clear();
  gaugeIndex.clear();
  partIndex.clear();
  writeAnalytics(env, batch);
  try {
    await metricsStore(env).record(batch);
  } catch (err) {
    restore(batch);
    log('warn', 'metrics flush failed; kept for the next one', errorFields(err));
  }
}

function schedule(env: Env): void {
  const now = Date.now();
  if (batchSize(pending) >= FLUSH_SERIES) {
    keepAlive(flushMetrics(env));
    return;
  }
  if (scheduledAt !== 0 && now - scheduledAt < LOST_FLUSH_MS) return;
  scheduledAt = now;
  keepAlive(new Promise((resolve) => setTimeout(resolve, FLUSH_MS)).then(() => flushMetrics(env)));
}

/** In a Worker request the flush must outlive the response (waitUntil); an object keeps running anyway. */
function keepAlive(promise: Promise<unknown>): void {
  const guarded = promise.catch(() => undefined);
  currentLogContext()?.waitUntil?.(guarded);
}

function restore(batch: MetricBatch): void {
  for (const c of batch.counters) countInto(c.name, c.tenantId, c.labels, c.value, c.at);
  for (const g of batch.gauges) {
    const key = seriesKey(g.name, g.tenantId, g.labels);
    if (!gaugeIndex.has(key)) {
      gaugeIndex.set(key, pending.gauges.length);
      pending.gauges.push(g);
    }
  }
  for (const p of batch.parts) {
    const key = `${p.name}\u0000${p.tenantId}\u0000${p.part}`;
    if (!partIndex.has(key)) {
      partIndex.set(key, pending.parts.length);
      pending.parts.push(p);
    }
  }
}

function countInto(
  name: CounterName,
  tenantId: string | null,
  labels: MetricLabels,
  value: number,
  at: number,
): void {
  const key = seriesKey(name, tenantId, labels);
  const i = counterIndex.get(key);
  const known = i === undefined ? undefined : pending.counters[i];
  if (known) {
    known.value += value;
    known.at = Math.max(known.at, at);
  } else {
    counterIndex.set(key, pending.counters.length);
    pending.counters.push({ name, tenantId, labels, value, at });
  }
}

/**
 * Analytics Engine: one data point per counter series and flush (blobs: tenant, name, labels; doubles: the
 * increment or gauge value; index: the tenant, AE's sampling key). writeDataPoint is itself fire-and-forget.
 */
function writeAnalytics(env: Env, batch: MetricBatch): void {
  const ae = env.METRICS_AE;
  if (!ae) return;
  try {
    for (const p of [...batch.counters, ...batch.gauges]) {
      ae.writeDataPoint({
        indexes: [p.tenantId ?? 'platform'],
        blobs: [p.tenantId ?? '', p.name, JSON.stringify(p.labels)],
        doubles: [p.value],
      });
    }
  } catch (err) {
    log('warn', 'analytics engine write failed', errorFields(err));
  }
}
