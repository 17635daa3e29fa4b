// The comparison's knobs: the base commit (`--base <ref>` or BENCH_BASE, default main), the alternating rounds
// (`--rounds n` or BENCH_ROUNDS), the suites (BENCH_ONLY, as for `npm run bench`) and the tolerance. Every
// other BENCH_* variable (BENCH_SECONDS, BENCH_WEBHOOK_RATE, …) goes unchanged to both sides' benches.
import { join } from 'node:path';
import { ROOT } from '../../lib/stack';
import { intEnv } from '../config';
import { isSocketScenario, SOCKET_SCENARIOS } from '../selection';

export type Suite = 'webhooks' | 'sockets';

/** `--name value` or `--name=value` on the command line (after `npm run bench:compare --`). */
function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  for (const [i, a] of argv.entries()) {
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

/** Which suites run, and the BENCH_ONLY each side's bench gets for it. */
function suitesEnv(): { suite: Suite; only: string }[] {
  const raw = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (raw.length === 0)
    return [
      { suite: 'webhooks', only: 'webhooks' },
      { suite: 'sockets', only: 'sockets' },
    ];
  const unknown = raw.filter((s) => s !== 'webhooks' && s !== 'sockets' && !isSocketScenario(s));
  if (unknown.length)
    throw new Error(
      `BENCH_ONLY: the comparison runs webhooks and sockets (or ${SOCKET_SCENARIOS.join(',')}), not ${unknown.join(', ')}`,
    );
  const socketOnly = raw.includes('sockets') ? 'sockets' : raw.filter((s) => s !== 'webhooks').join(',');
  return [
    ...(raw.includes('webhooks') ? [{ suite: 'webhooks' as const, only: 'webhooks' }] : []),
    ...(socketOnly ? [{ suite: 'sockets' as const, only: socketOnly }] : []),
  ];
}

function roundsSetting(): number {
  const cli = arg('rounds');
  if (cli !== undefined) process.env.BENCH_ROUNDS = cli;
  return intEnv('BENCH_ROUNDS', 3, 1, 20);
}

export const settings = {
  /** A commit-ish the repository knows: materialised read-only beside the work tree, run with its own code. */
  baseRef: arg('base') ?? process.env.BENCH_BASE ?? 'main',
  /** Each round runs every suite on both sides; odd rounds base first, even rounds head first. */
  rounds: roundsSetting(),
  suites: suitesEnv(),
  /** A median may move this much (percent, either way) and still count as unchanged. */
  tolerancePct: intEnv('BENCH_TOLERANCE_PCT', 5, 1, 100),
  /** Where the base checkout goes (git-ignored), and the comparison's report and per-run files. */
  benchDir: join(ROOT, '.fio', 'bench'),
  runsDir: join(ROOT, '.fio', 'bench', 'compare-runs'),
};

export type CompareSettings = typeof settings;
