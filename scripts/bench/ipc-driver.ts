// A load driver as a child process, both sides: the child runs the specs it gets over IPC one at a time on
// its own event loop (away from the bench process, which also hosts the Postgres bridge) and replies; the
// parent forks it with the same TypeScript loader, waits for it to be ready, runs specs with a deadline and
// stops it, escalating to SIGKILL. The socket and the webhook benches each have one.
import { type ChildProcess, fork } from 'node:child_process';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 3_000;
/** Stops by itself even if the bench process vanished without a word. */
const MAX_LIFETIME_MS = 60 * 60 * 1000;

type Reply<R> = { id: number; ok: true; result: R } | { id: number; ok: false; error: string };

/** Child side: serve `run` over IPC until the parent disconnects. */
export function serveDriverRequests<S, R>(run: (spec: S) => Promise<R>): void {
  const reply = (message: Reply<R>) => process.send?.(message);
  let queue = Promise.resolve();
  process.on('message', (request: { id: number; spec: S }) => {
    queue = queue.then(async () => {
      try {
        reply({ id: request.id, ok: true, result: await run(request.spec) });
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
}

export function forkChild(file: string, serialization: 'json' | 'advanced' = 'json'): ChildProcess {
  // fork() reuses process.execArgv, i.e. tsx's loader flags, so the child runs TypeScript too.
  return fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization });
}

/** Resolves with the child's first IPC message that `accept` returns a value for, within `timeoutMs`. */
export function firstMessage<T>(
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

export function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
}

export interface IpcDriver<S, R> {
  pid: number;
  run(spec: S): Promise<R>;
  stop(): Promise<void>;
}

/** Parent side: forks `file` (which calls serveDriverRequests) and waits until it is ready. */
export async function startIpcDriver<S extends { label: string }, R>(
  file: string,
  what: string,
  opts: { runTimeoutMs: number; serialization?: 'json' | 'advanced' },
): Promise<IpcDriver<S, R>> {
  const child = forkChild(file, opts.serialization);
  const stop = stopper(child);
  try {
    await firstMessage(child, `${what} driver`, (m) =>
      typeof m === 'object' && m !== null && 'ready' in m ? true : undefined,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  let nextId = 1;
  const run = async (spec: S): Promise<R> => {
    const id = nextId++;
    const reply = firstMessage(
      child,
      `${what} run ${spec.label}`,
      (m) => (typeof m === 'object' && m !== null && (m as Reply<R>).id === id ? (m as Reply<R>) : undefined),
      opts.runTimeoutMs,
    );
    child.send({ id, spec });
    const r = await reply;
    if (!r.ok) throw new Error(`${what} run ${spec.label}: ${r.error}`);
    return r.result;
  };
  return { pid: child.pid as number, run, stop };
}
