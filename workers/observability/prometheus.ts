// Renders a metrics snapshot as Prometheus text exposition format 0.0.4: one `# HELP` and `# TYPE` per metric
// family, then `name{label="value",…} number` lines. The tenant is a label like any other (`tenant`), absent
// for platform-wide series.
import type { CounterName, GaugeName, MetricSample, MetricsSnapshot } from './metrics';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** What each metric means, printed as its HELP line (README "Metrics, logs and readiness" says where it is counted). */
export const METRIC_HELP: Record<CounterName | GaugeName, string> = {
  fio_messages_in_total: 'Customer messages accepted (provider webhooks and the widget), by channel.',
  fio_messages_out_total: 'Messages the provider accepted for delivery, by channel.',
  fio_send_failures_total: 'Sends the provider refused or that failed, by channel and error code.',
  fio_webhook_failures_total: 'Outgoing webhook delivery attempts that failed, by outcome (retry or dead).',
  fio_bot_errors_total: 'Bot steps that failed or hit the watchdog, by reason.',
  fio_llm_errors_total:
    'LLM calls that failed, by reason (timeout, rate_limited, server_error, breaker_open, …).',
  fio_erp_calls_total: 'ERP tool calls made by the bot, by ERP kind.',
  fio_erp_errors_total: 'ERP tool calls that failed, by ERP kind and reason.',
  fio_erp_latency_ms_sum: 'Total milliseconds spent in ERP tool calls (divide by fio_erp_calls_total).',
  fio_outbox_backlog: 'Events stored by conversation objects and not yet committed to Postgres.',
  fio_archive_lag_seconds: 'Age of the oldest event not yet committed to Postgres (0 when none waits).',
};

/** An extra family computed by the route itself (process-level numbers it can honestly report). */
export interface ExtraFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: { labels: Record<string, string>; value: number }[];
}

export function renderPrometheus(snapshot: MetricsSnapshot, extra: ExtraFamily[] = []): string {
  const lines: string[] = [];
  const families = new Map<string, { type: 'counter' | 'gauge'; samples: MetricSample[] }>();
  for (const s of snapshot.counters) family(families, s, 'counter').push(s);
  for (const s of snapshot.gauges) family(families, s, 'gauge').push(s);
  for (const [name, f] of [...families].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`# HELP ${name} ${escapeHelp(METRIC_HELP[name as CounterName] ?? name)}`);
    // `_sum` counters are counters in everything but name (Prometheus reserves `_total` for the suffix).
    lines.push(`# TYPE ${name} ${f.type}`);
    for (const s of f.samples) {
      const labels = s.tenantId === null ? s.labels : { tenant: s.tenantId, ...s.labels };
      lines.push(`${name}${labelText(labels)} ${numberText(s.value)}`);
    }
  }
  for (const f of extra) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`);
    lines.push(`# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${labelText(s.labels)} ${numberText(s.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

function family(
  families: Map<string, { type: 'counter' | 'gauge'; samples: MetricSample[] }>,
  s: MetricSample,
  type: 'counter' | 'gauge',
): MetricSample[] {
  let f = families.get(s.name);
  if (!f) {
    f = { type, samples: [] };
    families.set(s.name, f);
  }
  return f.samples;
}

function labelText(labels: Record<string, string>): string {
  const keys = Object.keys(labels).filter((k) => /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k));
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabel(String(labels[k]))}"`).join(',')}}`;
}

/** Label values escape backslash, double quote and newline (the format's only escapes). */
function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function numberText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(Math.round(v * 1000) / 1000);
}
