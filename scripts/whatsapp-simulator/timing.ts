// Waiting that never outlives the simulator: delays and held-open requests end when stop() aborts the
// signal, so a test's afterAll cannot hang on a pending fault or auto status.
import type { ServerResponse } from 'node:http';

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Keeps a request unanswered until the client gives up or the simulator stops, then drops the socket. */
export function holdOpen(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      if (!res.writableEnded) res.destroy();
      resolve();
    };
    if (signal.aborted) return done();
    res.once('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
