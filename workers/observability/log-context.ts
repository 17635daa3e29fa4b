// The request-scoped context every log line and metric flush can reach without threading it through calls:
// requestId, tenantId, conversationId (where known) and the entry point's waitUntil. Set by the request
// middleware (workers/middleware/request-context.ts), filled in by authentication once the tenant is known,
// and by the conversation object's entry points. AsyncLocalStorage (node:async_hooks under nodejs_compat)
// follows the async chain, so concurrent requests in one isolate never see each other's fields.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface LogContext {
  requestId?: string;
  tenantId?: string;
  conversationId?: string;
  /** Keeps a background promise (a metrics flush) alive past the response; absent in objects. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `context` as the current one (a fresh object: annotations never leak to the caller's). */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  const parent = storage.getStore();
  return storage.run({ ...parent, ...context }, fn);
}

/** Runs `fn` with exactly `context` (not a copy): the caller reads what the request added to it afterwards. */
export function runInLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current context, or undefined outside any entry point that set one. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/** Adds what became known mid-request (the tenant after authentication) to the current context. */
export function annotateLogContext(fields: Pick<LogContext, 'tenantId' | 'conversationId'>): void {
  const store = storage.getStore();
  if (!store) return;
  if (fields.tenantId) store.tenantId = fields.tenantId;
  if (fields.conversationId) store.conversationId = fields.conversationId;
}

/** The fields a log line carries from the context (only the known ones). */
export function contextFields(): Record<string, string> {
  const store = storage.getStore();
  if (!store) return {};
  const out: Record<string, string> = {};
  if (store.requestId) out.requestId = store.requestId;
  if (store.tenantId) out.tenantId = store.tenantId;
  if (store.conversationId) out.conversationId = store.conversationId;
  return out;
}
