// The bench side of the webhook driver: forks driver.ts with this process's TypeScript loader, waits for it
// to say ready, runs specs over IPC (each with a deadline) and stops it, escalating to SIGKILL.
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DriverReply, WebhookResult, WebhookSpec } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 3_000;
/** A run is at most a couple of minutes plus the 30 s request timeout; anything longer is a hang. */
const RUN_TIMEOUT_MS = 5 * 60 * 1000;

export interface WebhookDriver {
  pid: number;
  run(spec: WebhookSpec): Promise<WebhookResult>;
  stop(): Promise<void>;
}

/** The child's first IPC message that `accept` maps to a value, within `timeoutMs`. */
function firstMessage<T>(
  child: ChildProcess,
  what: string,
  accept: (m: unknown) => T | undefined,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: unknown) => {
      const value = accept(m);
      if (value !== undefined) done(null, value);
    };
    const onExit = (code: number | null) => done(new Error(`${what}: driver exited with code ${code}`));
    function done(err: Error | null, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startWebhookDriver(): Promise<WebhookDriver> {
  // fork() reuses process.execArgv, i.e. tsx's loader flags, so the child runs TypeScript too.
  const child = fork(join(HERE, 'driver.ts'), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Structured clone, not JSON: failed requests are NaN in the latency arrays and must stay NaN.
    serialization: 'advanced',
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const isReady = (m: unknown) => (typeof m === 'object' && m !== null && 'ready' in m ? true : undefined);
    await firstMessage(child, 'webhook driver start', isReady, START_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  let nextId = 1;
  const run = async (spec: WebhookSpec): Promise<WebhookResult> => {
    const id = nextId++;
    const reply = firstMessage(
      child,
      `webhook run ${spec.label}`,
      (m) =>
        typeof m === 'object' && m !== null && (m as DriverReply).id === id ? (m as DriverReply) : undefined,
      RUN_TIMEOUT_MS,
    );
    child.send({ id, spec });
    const r = await reply;
    if (!r.ok) throw new Error(`webhook run ${spec.label}: ${r.error}`);
    return r.result;
  };
  return { pid: child.pid as number, run, stop };
}
