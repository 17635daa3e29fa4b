// Which suites one `npm run bench` runs. BENCH_ONLY unset: every suite (scale only with BENCH_SCALE=1, see
// package.json). Otherwise the suites it names, comma-separated; the socket bench's scenario names (paced,
// ceiling, rooms) pick the `sockets` suite with just those scenarios (scripts/bench/config.ts). A name that is
// neither is refused by every suite, so a typo fails fast instead of silently running nothing.
export const SUITES = [
  'sockets',
  'webhooks',
  'agent',
  'sessions',
  'login',
  'permissions',
  'bot',
  'routing',
  'widget',
  'campaigns',
  'webhooks-out',
  'reports',
  'scale',
] as const;
export type Suite = (typeof SUITES)[number];

export const SOCKET_SCENARIOS = ['paced', 'ceiling', 'rooms'] as const;
export type SocketScenario = (typeof SOCKET_SCENARIOS)[number];

export const isSocketScenario = (name: string): name is SocketScenario =>
  (SOCKET_SCENARIOS as readonly string[]).includes(name);

/** The names BENCH_ONLY gives (empty: none given). Throws on a name that is no suite and no scenario. */
export function benchOnly(): string[] {
  const names = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const known: readonly string[] = [...SUITES, ...SOCKET_SCENARIOS];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new Error(`BENCH_ONLY: unknown suite(s) ${unknown.join(', ')}; use ${known.join(', ')}`);
  return names;
}

/** Whether `suite` runs in this `npm run bench`. */
export function suiteSelected(suite: Suite): boolean {
  const names = benchOnly();
  if (names.length === 0) return true;
  if (suite === 'sockets') return names.some((n) => n === 'sockets' || isSocketScenario(n));
  return names.includes(suite);
}

/** Logs why a suite does not run here. */
export function skippedLine(suite: Suite): string {
  return `skipped (BENCH_ONLY=${process.env.BENCH_ONLY} does not name ${suite})`;
}
