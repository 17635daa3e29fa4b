// The bench's child processes (the baseline server and the load driver): forked with the same TypeScript
// loader as this process, each with a bounded start and a stop that escalates to SIGKILL.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstMessage, forkChild, type IpcDriver, startIpcDriver, stopper } from './ipc-driver';
import type { LoadResult, LoadSpec } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));
/** No single load run may take longer than this. */
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

export interface Child {
  pid: number;
  stop(): Promise<void>;
}

export async function startBaseline(): Promise<Child & { port: number }> {
  const child = forkChild(join(HERE, 'baseline-server.ts'));
  const stop = stopper(child);
  try {
    const port = await firstMessage(child, 'baseline server', (m) =>
      typeof m === 'object' && m !== null && 'port' in m ? Number(m.port) : undefined,
    );
    return { pid: child.pid as number, port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type Driver = IpcDriver<LoadSpec, LoadResult>;

export function startDriver(): Promise<Driver> {
  return startIpcDriver<LoadSpec, LoadResult>(join(HERE, 'driver.ts'), 'load', {
    runTimeoutMs: RUN_TIMEOUT_MS,
  });
}
