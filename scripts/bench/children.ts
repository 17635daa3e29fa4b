// The bench's child processes (the baseline server and the load driver): forked with the same TypeScript
// loader as this process, each with a bounded start and a stop that escalates to SIGKILL.
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DriverReply, LoadResult, LoadSpec } from './types';

const HERE = dirname(fileURLToPath(import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 3_000;
/** No single load run may take longer than this. */
const RUN_TIMEOUT_MS = 10 * 60 * 1000;

export interface Child {
  pid: number;
  stop(): Promise<void>;
}

function spawnChild(file: string): ChildProcess {
  // fork() reuses process.execArgv, i.e. tsx's loader flags, so the child runs TypeScript too.
  return fork(join(HERE, file), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Resolves with the child's first IPC message that `accept` returns a value for, within `timeoutMs`. */
function firstMessage<T>(
  child: ChildProcess,
  what: string,
  accept: (m: unknown) => T | undefined,
  timeoutMs = START_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`${what} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: unknown) => {
      const value = accept(m);
      if (value !== undefined) done(null, value);
    };
    const onExit = (code: number | null) => done(new Error(`${what} exited with code ${code}`));
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

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
}

export async function startBaseline(): Promise<Child & { port: number }> {
  const child = spawnChild('baseline-server.ts');
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

export interface Driver extends Child {
  run(spec: LoadSpec): Promise<LoadResult>;
}

export async function startDriver(): Promise<Driver> {
  const child = spawnChild('driver.ts');
  const stop = stopper(child);
  try {
    await firstMessage(child, 'load driver', (m) =>
      typeof m === 'object' && m !== null && 'ready' in m ? true : undefined,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  let nextId = 1;
  const run = async (spec: LoadSpec): Promise<LoadResult> => {
    const id = nextId++;
    const reply = firstMessage(
      child,
      `load run ${spec.label}`,
      (m) =>
        typeof m === 'object' && m !== null && (m as DriverReply).id === id ? (m as DriverReply) : undefined,
      RUN_TIMEOUT_MS,
    );
    child.send({ id, spec });
    const r = await reply;
    if (!r.ok) throw new Error(`load run ${spec.label}: ${r.error}`);
    return r.result;
  };
  return { pid: child.pid as number, run, stop };
}
