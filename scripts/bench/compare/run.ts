// `npm run bench:compare -- --base <ref>`: the webhook and socket benches for a base commit and for HEAD (this
// work tree) in one invocation. The base is materialised beside the work tree and runs its own bench scripts;
// the rounds alternate sides (odd rounds base first, even rounds HEAD first) so the machine's load falls on
// both alike. Prints medians, HEAD ÷ base and a verdict per metric; writes .fio/bench/compare.{json,md} and
// keeps every run's own result file and log in .fio/bench/compare-runs. Stops every bench and removes the
// base checkout on success, failure and Ctrl-C.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { benchLifecycle } from '../lifecycle';
import { startBenchChild } from './bench-child';
import { type Checkout, headCheckout, materialiseBase } from './checkout';
import { readSuite, SUITE_FILES } from './metrics';
import { buildCompareReport, type RunInfo, renderText, writeCompareReport } from './report';
import { settings } from './settings';

const log = (line: string) => process.stderr.write(`[bench:compare] ${line}\n`);

const lifecycle = benchLifecycle(log, 'the running bench and the base checkout');
const { owned } = lifecycle;
// After Ctrl-C no further bench may start (the lifecycle is already stopping what it owns).
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    interrupted = true;
  });

async function runOne(
  checkout: Checkout,
  round: number,
  suite: { suite: RunInfo['suite']; only: string },
): Promise<RunInfo> {
  const { script, result } = SUITE_FILES[suite.suite];
  const name = `r${round}-${checkout.side}-${suite.suite}`;
  const resultFile = join(checkout.root, '.fio', 'bench', result);
  // A result left by an earlier run must never be read as this run's.
  rmSync(resultFile, { force: true });
  log(`${name}: ${script} in ${checkout.root} (${checkout.describe}), BENCH_ONLY=${suite.only}`);
  const started = performance.now();
  const child = await owned(
    startBenchChild({
      root: checkout.root,
      script,
      env: { BENCH_ONLY: suite.only },
      logFile: join(settings.runsDir, `${name}.log`),
      prefix: `[${name}]`,
    }),
  );
  const code = await child.exited;
  if (code !== 0 || !existsSync(resultFile))
    throw new Error(
      `${name} failed (exit ${code}); its output is in ${join(settings.runsDir, `${name}.log`)}`,
    );
  const file = join(settings.runsDir, `${name}.json`);
  copyFileSync(resultFile, file);
  const parsed = readSuite(suite.suite, JSON.parse(readFileSync(file, 'utf8')));
  return {
    round,
    side: checkout.side,
    suite: suite.suite,
    wallSeconds: (performance.now() - started) / 1000,
    file,
    result: parsed,
  };
}

async function main(): Promise<void> {
  // Nothing from an earlier comparison may pass for this one's, should this one fail.
  for (const f of ['compare.json', 'compare.md']) rmSync(join(settings.benchDir, f), { force: true });
  rmSync(settings.runsDir, { recursive: true, force: true });
  mkdirSync(settings.runsDir, { recursive: true });
  const base = await owned(materialiseBase(settings.baseRef, settings.benchDir, log));
  const head = await headCheckout(log);
  const suites = settings.suites.map((s) => s.suite).join(' + ');
  const total = settings.rounds * settings.suites.length * 2;
  log(
    `base ${settings.baseRef} (${base.describe}) vs HEAD ${head.describe}: ${settings.rounds} round(s) of ${suites}, ${total} runs`,
  );
  const runs: RunInfo[] = [];
  const failed: string[] = [];
  const t0 = performance.now();
  for (let round = 1; round <= settings.rounds; round++) {
    const sides = round % 2 ? [base, head] : [head, base];
    for (const suite of settings.suites)
      for (const side of sides) {
        if (interrupted) throw new Error('interrupted');
        // A run that fails (a bench timing out on an overloaded machine) costs its numbers, not the others'.
        await runOne(side, round, suite).then(
          (run) => runs.push(run),
          (err: unknown) => {
            if (interrupted) throw err;
            failed.push(err instanceof Error ? err.message : String(err));
            log(`FAILED: ${failed.at(-1)}; going on with the other runs`);
          },
        );
        const done = runs.length + failed.length;
        const elapsed = (performance.now() - t0) / 60_000;
        log(
          `${done}/${total} runs done in ${elapsed.toFixed(1)} min (~${((elapsed / done) * (total - done)).toFixed(0)} min left)`,
        );
      }
  }
  if (failed.length) process.exitCode = 1;
  const report = buildCompareReport({
    runs,
    failed,
    base: { ref: settings.baseRef, commit: base.describe },
    head: { commit: head.describe },
    rounds: settings.rounds,
    tolerancePct: settings.tolerancePct,
  });
  process.stdout.write(`\n${renderText(report)}\n`);
  const files = writeCompareReport(settings.benchDir, report);
  log(`wrote ${files.json} and ${files.md}; each run's own results and log are in ${settings.runsDir}`);
}

await lifecycle.run(main);
