// What route handlers and webhook senders share: the state, the simulator's own URL, where the worker is,
// and the stop signal that ends every pending wait.
import type { SimState } from './state';

export interface SimContext {
  state: SimState;
  appSecret: string;
  /** Base URL of the simulator itself, e.g. http://127.0.0.1:8790. */
  baseUrl: string;
  /** Fio Worker base URL; null until set. */
  workerUrl: string | null;
  /** Aborted by stop(). */
  signal: AbortSignal;
  autoStatuses: boolean;
  autoStatusDelayMs: number;
}
