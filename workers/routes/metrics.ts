// GET /metrics: every tenant's counters and gauges in Prometheus text format, for the platform operator only
// (Bearer OPERATOR_TOKEN; 503 when none is configured). Scrape it every 15–60 s.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { operatorRoute } from '../middleware/authorize';
import { metricsSnapshot } from '../observability/metrics';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from '../observability/prometheus';

export const metricsRoutes = new Hono<AppEnv>().get(
  '/metrics',
  operatorRoute('Prometheus scrape of every tenant’s operational counters'),
  async (c) => {
    const snapshot = await metricsSnapshot(c.env);
    const tenants = new Set(
      [...snapshot.counters, ...snapshot.gauges].map((s) => s.tenantId).filter((t) => t !== null),
    );
    const body = renderPrometheus(snapshot, [
      {
        name: 'fio_metric_series',
        help: 'Series held by the metrics store.',
        type: 'gauge',
        samples: [{ labels: {}, value: snapshot.counters.length + snapshot.gauges.length }],
      },
      {
        name: 'fio_tenants_reporting',
        help: 'Tenants with at least one recorded series.',
        type: 'gauge',
        samples: [{ labels: {}, value: tenants.size }],
      },
    ]);
    return c.body(body, 200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' });
  },
);
