// The metrics store (one per deployment): totals of every counter series, the latest value of every gauge and
// the reporters' shares of per-tenant gauges, in SQLite, fed by the isolates' batched flushes
// (workers/observability/metrics.ts). Read by GET /metrics and the alert checks through snapshot().
// It is the local equivalent of Workers Analytics Engine that the Worker can read back: AE is write-only
// from a Worker, so production writes both.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../workers/env';
import { labelsText, type MetricBatch } from '../../workers/observability/metric-batch';
import type {
  CounterName,
  GaugeName,
  MetricLabels,
  MetricSample,
  MetricsSnapshot,
} from '../../workers/observability/metrics';
import { setLogLevel } from '../../workers/services/log';

interface SeriesRow extends Record<string, SqlStorageValue> {
  name: string;
  tenant_id: string;
  labels: string;
  value: number;
  at: number;
}

interface PartSumRow extends Record<string, SqlStorageValue> {
  name: string;
  tenant_id: string;
  total: number;
  oldest: number | null;
  at: number;
}

/** Gauges computed from parts: the backlog is the sum of shares, the lag the age of the oldest waiting item. */
const PART_GAUGES: Record<string, 'sum' | 'oldest_age_seconds'> = {
  fio_outbox_backlog: 'sum',
  fio_archive_lag_seconds: 'oldest_age_seconds',
};

export class MetricsDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
    this.sql = ctx.storage.sql;
    // tenant_id '' is the platform (null outside): a primary key column cannot be null.
    this.sql.exec(`
      create table if not exists counters (
        name text not null, tenant_id text not null, labels text not null,
        value real not null, at integer not null, primary key (name, tenant_id, labels));
      create table if not exists gauges (
        name text not null, tenant_id text not null, labels text not null,
        value real not null, at integer not null, primary key (name, tenant_id, labels));
      create table if not exists gauge_parts (
        name text not null, tenant_id text not null, part text not null,
        value real not null, since integer, at integer not null, primary key (name, tenant_id, part));`);
  }

  /** One isolate's flush: counters add, gauges replace (unless older than what is stored), parts replace. */
  record(batch: MetricBatch): void {
    this.ctx.storage.transactionSync(() => {
      for (const c of batch.counters) {
        this.sql.exec(
          `insert into counters (name, tenant_id, labels, value, at) values (?, ?, ?, ?, ?)
           on conflict (name, tenant_id, labels)
           do update set value = value + excluded.value, at = max(at, excluded.at)`,
          c.name,
          c.tenantId ?? '',
          labelsText(c.labels),
          c.value,
          c.at,
        );
      }
      for (const g of batch.gauges) {
        this.sql.exec(
          `insert into gauges (name, tenant_id, labels, value, at) values (?, ?, ?, ?, ?)
           on conflict (name, tenant_id, labels)
           do update set value = excluded.value, at = excluded.at where excluded.at >= gauges.at`,
          g.name,
          g.tenantId ?? '',
          labelsText(g.labels),
          g.value,
          g.at,
        );
      }
      for (const p of batch.parts) {
        if (p.value <= 0) {
          this.sql.exec(
            'delete from gauge_parts where name = ? and tenant_id = ? and part = ? and at <= ?',
            p.name,
            p.tenantId,
            p.part,
            p.at,
          );
          // The tenant's gauge reads 0 once its last part clears, instead of vanishing.
          this.sql.exec(
            `insert into gauges (name, tenant_id, labels, value, at) values (?, ?, '{}', 0, ?)
             on conflict (name, tenant_id, labels) do update set value = 0, at = excluded.at`,
            p.name,
            p.tenantId,
            p.at,
          );
          continue;
        }
        this.sql.exec(
          `insert into gauge_parts (name, tenant_id, part, value, since, at) values (?, ?, ?, ?, ?, ?)
           on conflict (name, tenant_id, part)
           do update set value = excluded.value, since = excluded.since, at = excluded.at
           where excluded.at >= gauge_parts.at`,
          p.name,
          p.tenantId,
          p.part,
          p.value,
          p.since,
          p.at,
        );
      }
    });
  }

  /** Every series; part gauges are folded per tenant, and a cleared one reads 0. */
  snapshot(): MetricsSnapshot {
    const now = Date.now();
    const counters = this.sql
      .exec<SeriesRow>(
        'select name, tenant_id, labels, value, at from counters order by name, tenant_id, labels',
      )
      .toArray()
      .map((r) => sample(r.name as CounterName, r));
    const gauges = this.sql
      .exec<SeriesRow>(
        'select name, tenant_id, labels, value, at from gauges order by name, tenant_id, labels',
      )
      .toArray()
      .map((r) => sample(r.name as GaugeName, r));
    const folded = this.sql
      .exec<PartSumRow>(
        `select name, tenant_id, sum(value) as total, min(since) as oldest, max(at) as at
         from gauge_parts group by name, tenant_id`,
      )
      .toArray();
    for (const r of folded) {
      const kind = PART_GAUGES[r.name] ?? 'sum';
      const value = kind === 'sum' ? r.total : r.oldest === null ? 0 : Math.max(0, (now - r.oldest) / 1000);
      const tenantId = r.tenant_id || null;
      const key = `${r.name}\u0000${tenantId}`;
      const at = r.at;
      // A gauge reported both whole and in parts: the parts are the live measure.
      const i = gauges.findIndex((g) => `${g.name}\u0000${g.tenantId}` === key && isEmpty(g.labels));
      const s: MetricSample = { name: r.name as GaugeName, tenantId, labels: {}, value, at };
      if (i >= 0) gauges[i] = s;
      else gauges.push(s);
    }
    return { counters, gauges };
  }
}

function sample(name: CounterName | GaugeName, r: SeriesRow): MetricSample {
  return {
    name,
    tenantId: r.tenant_id || null,
    labels: JSON.parse(r.labels) as MetricLabels,
    value: r.value,
    at: r.at,
  };
}

function isEmpty(labels: MetricLabels): boolean {
  return Object.keys(labels).length === 0;
}
