// What an isolate hands the metrics store in one flush: counter increments summed since the last flush, the
// latest value of each gauge, and gauge parts (one reporter's share of a per-tenant gauge, e.g. one
// conversation's outbox backlog). Pure data and merging rules, shared by the recorder and the store.
import type { CounterName, GaugeName, MetricLabels } from './metrics';

export interface CounterPoint {
  name: CounterName;
  tenantId: string | null;
  labels: MetricLabels;
  /** Sum of the increments since the last flush. */
  value: number;
  at: number;
}

export interface GaugePoint {
  name: GaugeName;
  tenantId: string | null;
  labels: MetricLabels;
  value: number;
  at: number;
}

/**
 * One reporter's share of a gauge: the store sums `value` over a tenant's parts (outbox backlog) and turns the
 * oldest `since` into an age at read time (archive lag). value 0 removes the part.
 */
export interface GaugePartPoint {
  name: GaugeName;
  tenantId: string;
  part: string;
  value: number;
  /** When the oldest thing this part counts began waiting (ms since epoch); null when value is 0. */
  since: number | null;
  at: number;
}

export interface MetricBatch {
  counters: CounterPoint[];
  gauges: GaugePoint[];
  parts: GaugePartPoint[];
}

/** A stable key for one series: labels sorted, so `{a,b}` and `{b,a}` are the same series. */
export function seriesKey(name: string, tenantId: string | null, labels: MetricLabels): string {
  return `${name}\u0000${tenantId ?? ''}\u0000${labelsText(labels)}`;
}

/** Labels as canonical JSON (sorted keys): how the store keys and persists them. */
export function labelsText(labels: MetricLabels): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '{}';
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, labels[k]])));
}

export function emptyBatch(): MetricBatch {
  return { counters: [], gauges: [], parts: [] };
}

export function batchSize(batch: MetricBatch): number {
  return batch.counters.length + batch.gauges.length + batch.parts.length;
}
