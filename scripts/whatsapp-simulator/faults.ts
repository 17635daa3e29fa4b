// Injected faults: a FIFO of one-shot responses per target, and how each provider renders one (Graph error
// body for Cloud, Nest-style for Evolution, `{error}` for Uazapi), including delays and held-open requests.
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { defaultsFor, graphErrorBody } from './graph-errors';
import { sendJson } from './http';
import { holdOpen, sleep } from './timing';
import type { Fault, FaultTarget, Provider } from './types';

interface Queued {
  target: FaultTarget;
  address: string | null;
  /** Only sends to this recipient (digits), e.g. 131026 for chosen phones of a campaign; null: any. */
  to: string | null;
  fault: Fault;
}

export class FaultQueue {
  private queue: Queued[] = [];

  push(target: FaultTarget, faults: Fault[], address?: string, to?: string): void {
    for (const fault of faults) this.queue.push({ target, address: address ?? null, to: to ?? null, fault });
  }

  /**
   * The oldest fault for this target whose address (and recipient, when the fault names one) is unset or
   * equal; removed (one-shot). A fault naming a recipient never hits a send to anyone else.
   */
  take(target: FaultTarget, address: string, to?: string): Fault | null {
    const index = this.queue.findIndex(
      (q) => q.target === target && (q.address ?? address) === address && (q.to === null || q.to === to),
    );
    if (index === -1) return null;
    const [found] = this.queue.splice(index, 1);
    return found?.fault ?? null;
  }

  clear(): void {
    this.queue = [];
  }
}

function bodyFor(provider: Provider, fault: Extract<Fault, { status: number }>): Record<string, unknown> {
  const defaults = defaultsFor(fault.status);
  const title = fault.title ?? defaults.title;
  const message = fault.message ?? title;
  if (provider === 'cloud') {
    const code = fault.code ?? defaults.code;
    return graphErrorBody({ status: fault.status, code, title, details: message });
  }
  if (provider === 'evolution') {
    return {
      status: fault.status,
      error: STATUS_CODES[fault.status] ?? 'Error',
      response: { message: [message] },
    };
  }
  return { error: message };
}

/**
 * Applies a fault. Returns true when it answered the request (an error, or held open until the client or
 * stop() ends it), false when the request should proceed normally (a 2xx fault only adds its delay).
 * `record` gets the status as soon as it is decided (0 = held open), so attempts() shows held requests.
 */
export async function applyFault(
  res: ServerResponse,
  fault: Fault,
  provider: Provider,
  signal: AbortSignal,
  record: (status: number) => void = () => {},
): Promise<boolean> {
  if ('timeout' in fault) {
    record(0);
    await holdOpen(res, signal);
    return true;
  }
  if (fault.delayMs) await sleep(fault.delayMs, signal);
  if (fault.status < 300) return false;
  record(fault.status);
  const retryAfter = fault.retryAfterSeconds;
  sendJson(
    res,
    fault.status,
    bodyFor(provider, fault),
    retryAfter ? { 'retry-after': String(retryAfter) } : {},
  );
  return true;
}
