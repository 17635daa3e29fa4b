// The bench side of the webhook driver: forks driver.ts with this process's TypeScript loader, waits for it
// to say ready, runs specs over IPC (each with a deadline) and stops it, escalating to SIGKILL.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type IpcDriver, startIpcDriver } from '../ipc-driver';
import type { WebhookResult, WebhookSpec } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));
/** A run is at most a couple of minutes plus the 30 s request timeout; anything longer is a hang. */
const RUN_TIMEOUT_MS = 5 * 60 * 1000;

export type WebhookDriver = IpcDriver<WebhookSpec, WebhookResult>;

export function startWebhookDriver(): Promise<WebhookDriver> {
  return startIpcDriver<WebhookSpec, WebhookResult>(join(HERE, 'driver.ts'), 'webhook', {
    runTimeoutMs: RUN_TIMEOUT_MS,
    // Structured clone, not JSON: failed requests are NaN in the latency arrays and must stay NaN.
    serialization: 'advanced',
  });
}
