// Posting webhooks to the Fio Worker over loopback, bounded by a timeout and by stop(), with the exact
// bytes given (signature tests depend on it).
import type { SimContext } from './context';
import type { WebhookResult } from './types';

const TIMEOUT_MS = 15_000;

/** Webhooks cannot be delivered before setWorkerUrl (the control API answers 409). */
export class WorkerNotSetError extends Error {
  constructor() {
    super('WhatsApp simulator: workerUrl is not set (use setWorkerUrl or --worker)');
  }
}

export async function postToWorker(
  ctx: SimContext,
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<WebhookResult> {
  if (!ctx.workerUrl) throw new WorkerNotSetError();
  const url = `${ctx.workerUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]),
  });
  return { status: res.status, body: await res.text() };
}
