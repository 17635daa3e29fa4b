// Webhook driver child process: runs the WebhookSpecs it gets over IPC one at a time on its own event loop
// (away from the bench process, which also hosts the Postgres WebSocket bridge) and replies with the results.
import { runWebhooks } from './load';
import type { DriverReply, DriverRequest } from './types';

/** Stops by itself even if the bench process vanished without a word. */
const MAX_LIFETIME_MS = 60 * 60 * 1000;

function reply(message: DriverReply): void {
  process.send?.(message);
}

let queue = Promise.resolve();
process.on('message', (request: DriverRequest) => {
  queue = queue.then(async () => {
    try {
      reply({ id: request.id, ok: true, result: await runWebhooks(request.spec) });
    } catch (err) {
      reply({ id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
});

process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
setTimeout(() => process.exit(0), MAX_LIFETIME_MS).unref();
process.send?.({ ready: true });
