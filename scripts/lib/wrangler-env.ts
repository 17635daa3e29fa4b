// The environment wrangler and miniflare run with here (dev stack, tests, benchmarks): nothing that phones
// home, and nothing two processes of one stack would fight over. Without it every `wrangler dev` start
// fetches the `request.cf` sample from workers.cloudflare.com (and prints a stack trace per worker when that
// host is unreachable), checks the npm registry for a newer wrangler for its banner, and may send usage
// metrics; those three are wrangler's documented switches. The Worker gets the placeholder `request.cf`,
// which it does not read.
//
// The last two are wrangler's (experimental, default on) local observability and data explorer. The first
// streams every invocation's tail events into a SQLite trace store under --persist-to: with the HTTP Worker
// and the objects as two processes persisting to one directory, both workerd processes wrote the same SQLite
// file, and under a burst of webhooks they locked each other out (SQLITE_BUSY: a stalled objects process,
// webhooks unanswered for tens of seconds, and sometimes a start that fails with "database is locked").
// Fio reads neither (its own logs and /metrics are the observability); README "Two worker scripts".
export const WRANGLER_OFFLINE_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_SEND_METRICS: 'false',
  X_LOCAL_OBSERVABILITY: 'false',
  X_LOCAL_EXPLORER: 'false',
} as const;
