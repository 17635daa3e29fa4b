// Where test runs keep Postgres clusters, Durable Object storage and logs (.fio/test-<suite>-…), and their
// removal: each stack's folder when it stops, and every folder of the suite when the run ends (also after a
// failed or interrupted run: the next run's setup sweeps what is left). A run is about 150 MB per stack.
// FIO_KEEP_TEST_DATA=1 keeps them to debug a failure (worker.log, the Postgres data to start by hand).
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../scripts/lib/stack';

export type TestSuite = 'workerd' | 'e2e';

const DATA_ROOT = join(ROOT, '.fio');

export const keepTestData = (): boolean => process.env.FIO_KEEP_TEST_DATA === '1';

/** The folder of one stack or database of a suite: `.fio/test-<suite>` or `.fio/test-<suite>-<name>`. */
export function testDataDir(suite: TestSuite, name?: string): string {
  return join(DATA_ROOT, name ? `test-${suite}-${name}` : `test-${suite}`);
}

/** Removes one folder, unless FIO_KEEP_TEST_DATA=1. */
export function removeTestData(dir: string): void {
  if (!keepTestData()) rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes every folder of `suite` (`force`: even with FIO_KEEP_TEST_DATA=1, as a fresh run's setup does, so
 * kept data never piles up over runs). Other suites' folders and the results (.fio/test-results) stay.
 */
export function sweepTestData(suite: TestSuite, opts: { force?: boolean } = {}): void {
  let names: string[];
  try {
    names = readdirSync(DATA_ROOT);
  } catch {
    return;
  }
  const mine = names.filter((n) => n === `test-${suite}` || n.startsWith(`test-${suite}-`));
  if (!opts.force && keepTestData()) {
    if (mine.length) console.log(`FIO_KEEP_TEST_DATA=1: kept ${mine.map((n) => `.fio/${n}`).join(', ')}`);
    return;
  }
  for (const n of mine) rmSync(join(DATA_ROOT, n), { recursive: true, force: true });
}
