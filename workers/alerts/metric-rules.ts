// The rules judged from the metrics (workers/observability/metrics.ts): outbox backlog and archive lag from
// the latest gauges, ERP and LLM failures from what the counters did since the previous evaluation (their
// values then are kept in alert_marks). Pure functions: evaluate.ts feeds them and applies the verdicts.
import type { AlertDetails, AlertKind, AlertSeverity } from '../contract';
import type { MetricSample, MetricsSnapshot } from '../observability/metrics';
import type { AlertThresholds } from './thresholds';

/** A condition that holds now; tenantId null is platform-wide. */
export type HeldCondition = {
  tenant_id: string | null;
  kind: AlertKind;
  subject: string;
  severity: AlertSeverity;
  details: AlertDetails;
};

/** A rule that judged a tenant and found its condition cleared. */
export interface ClearedCondition {
  tenant_id: string | null;
  kind: AlertKind;
}

/** The counter totals per tenant the ERP and LLM rules compare between runs. */
export interface CounterMark {
  erpCalls: number;
  erpErrors: number;
  llmErrors: number;
}

const key = (tenantId: string | null) => tenantId ?? '';
const severityOf = (value: number, threshold: number): AlertSeverity =>
  value >= threshold * 10 ? 'critical' : 'warning';

/**
 * Outbox backlog (sum over a tenant's samples) and archive lag (its worst sample) over threshold. The metrics
 * store keeps the latest report of each series (an object that flushed reports 0), so no age filter here: a
 * stuck backlog does not change and must not look stale.
 */
export function gaugeConditions(snapshot: MetricsSnapshot, t: AlertThresholds): HeldCondition[] {
  const backlog = new Map<string, { tenantId: string | null; value: number }>();
  const lag = new Map<string, { tenantId: string | null; value: number }>();
  for (const s of snapshot.gauges) {
    if (s.name === 'fio_outbox_backlog') {
      const cur = backlog.get(key(s.tenantId)) ?? { tenantId: s.tenantId, value: 0 };
      cur.value += s.value;
      backlog.set(key(s.tenantId), cur);
    } else if (s.name === 'fio_archive_lag_seconds') {
      const cur = lag.get(key(s.tenantId)) ?? { tenantId: s.tenantId, value: 0 };
      cur.value = Math.max(cur.value, s.value);
      lag.set(key(s.tenantId), cur);
    }
  }
  const held: HeldCondition[] = [];
  for (const { tenantId, value } of backlog.values())
    if (value > t.outboxBacklog)
      held.push({
        tenant_id: tenantId,
        kind: 'outbox_backlog',
        subject: '',
        severity: severityOf(value, t.outboxBacklog),
        details: { value: Math.round(value), threshold: t.outboxBacklog },
      });
  for (const { tenantId, value } of lag.values())
    if (value > t.archiveLagSeconds)
      held.push({
        tenant_id: tenantId,
        kind: 'archive_lag',
        subject: '',
        severity: severityOf(value, t.archiveLagSeconds),
        details: { value: Math.round(value), threshold: t.archiveLagSeconds },
      });
  return held;
}

/** Each tenant's counter totals now (summed over labels); platform-wide counters are not judged. */
export function counterMarks(counters: MetricSample[]): Map<string, CounterMark> {
  const marks = new Map<string, CounterMark>();
  for (const s of counters) {
    if (!s.tenantId) continue;
    const field =
      s.name === 'fio_erp_calls_total'
        ? 'erpCalls'
        : s.name === 'fio_erp_errors_total'
          ? 'erpErrors'
          : s.name === 'fio_llm_errors_total'
            ? 'llmErrors'
            : null;
    if (!field) continue;
    const mark = marks.get(s.tenantId) ?? { erpCalls: 0, erpErrors: 0, llmErrors: 0 };
    mark[field] += s.value;
    marks.set(s.tenantId, mark);
  }
  return marks;
}

/**
 * ERP down: at least `erpMinCalls` calls since the last run and `erpErrorPercent` of them failed; cleared
 * when enough calls went through mostly fine. LLM failing: `llmErrors` failures since the last run; cleared
 * after a run with none. Fewer calls than that, no previous mark, or a counter that went backwards (a restart)
 * decide nothing: the alert stays as it is.
 */
export function counterVerdicts(
  now: Map<string, CounterMark>,
  before: Map<string, CounterMark>,
  t: AlertThresholds,
): { held: HeldCondition[]; cleared: ClearedCondition[] } {
  const held: HeldCondition[] = [];
  const cleared: ClearedCondition[] = [];
  const tenants = new Set([...now.keys(), ...before.keys()]);
  for (const tenantId of tenants) {
    const prev = before.get(tenantId);
    if (!prev) continue;
    const cur = now.get(tenantId) ?? prev;
    const calls = cur.erpCalls - prev.erpCalls;
    const errors = cur.erpErrors - prev.erpErrors;
    if (calls >= t.erpMinCalls && errors >= 0) {
      const percent = Math.round((1000 * errors) / calls) / 10;
      if (percent >= t.erpErrorPercent)
        held.push({
          tenant_id: tenantId,
          kind: 'erp_down',
          subject: '',
          severity: 'critical',
          details: { calls, errors, value: percent, threshold: t.erpErrorPercent },
        });
      else cleared.push({ tenant_id: tenantId, kind: 'erp_down' });
    }
    const llm = cur.llmErrors - prev.llmErrors;
    if (llm >= t.llmErrors)
      held.push({
        tenant_id: tenantId,
        kind: 'llm_failing',
        subject: '',
        severity: 'warning',
        details: { value: llm, threshold: t.llmErrors },
      });
    else if (llm === 0) cleared.push({ tenant_id: tenantId, kind: 'llm_failing' });
  }
  return { held, cleared };
}
