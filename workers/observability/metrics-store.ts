// Where flushed metrics go: one MetricsDO for the deployment. A flush is one call per isolate per second at
// most, so one object takes a large fleet (thousands of small writes a second); its SQLite keeps the totals
// across restarts, so counters stay monotonic as Prometheus expects.
import type { Env } from '../env';

const STORE_NAME = 'metrics';

export function metricsStore(env: Env) {
  return env.METRICS.getByName(STORE_NAME);
}
