// Prints one closing line for the whole `npm test` run ("tests: N passed, M failed"), summed from the JSON
// reports of both vitest suites, so CI and people read one number instead of two tables.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/stack';

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of ['workerd', 'e2e']) {
  const file = join(ROOT, '.fio/test-results', `${suite}.json`);
  if (!existsSync(file)) {
    console.error(`missing test report ${file}`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
