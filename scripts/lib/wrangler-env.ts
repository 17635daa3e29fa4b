// The environment wrangler and miniflare run with here (dev stack, tests, benchmarks): nothing that phones
// home. Without it every `wrangler dev` start fetches the `request.cf` sample from workers.cloudflare.com
// (and prints a stack trace per worker when that host is unreachable), checks the npm registry for a newer
// wrangler for its banner, and may send usage metrics. All three are wrangler's documented switches; the
// Worker gets the placeholder `request.cf`, which it does not read.
export const WRANGLER_OFFLINE_ENV = {
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  WRANGLER_SEND_METRICS: 'false',
} as const;
