// Structured JSON logs: one line per record, so Workers Logs / wrangler tail can filter by field.
// Each line carries the request-scoped context (requestId, tenantId, conversationId where known:
// workers/observability/log-context.ts); fields passed explicitly win over it.
// LOG_LEVEL drops the records below it: every line costs CPU in the isolate and, under wrangler dev, in the
// process that relays it, which at hundreds of webhooks a second is a measurable share of the work.
import { contextFields } from '../observability/log-context';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
let threshold = RANK.info;

/** Set once per isolate from the environment (Worker entry and each Durable Object). */
export function setLogLevel(level: string | undefined): void {
  if (level && level in RANK) threshold = RANK[level as Level];
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (RANK[level] < threshold) return;
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...contextFields(), ...fields });
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.message, errorName: err.name };
  return { error: String(err) };
}
