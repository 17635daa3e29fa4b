// End-to-end tests in Node with real WebSocket clients against the dev stack (wrangler dev + embedded
// Postgres). Files run one at a time: each starts its own stack and some stop Postgres on purpose.
import { defineConfig } from 'vitest/config';
import { ROOT } from '../scripts/lib/stack';

export default defineConfig({
  root: ROOT,
  test: {
    reporters: ['default', ['json', { outputFile: '.fio/test-results/e2e.json' }]],
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/support/e2e-global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll's 1 s default is shorter than a queue hop on a loaded CI machine (a redelivered webhook
    // missed it once); a poll still returns as soon as it matches.
    expect: { poll: { timeout: 15_000 } },
  },
});
