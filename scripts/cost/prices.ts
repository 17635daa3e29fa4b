// Cloudflare's and Neon's published list prices (US$), each with the page it comes from and the day it was
// read. The cost model (model.ts) multiplies the measured per-message use by these; change a price here
// and every table follows. Allowances are the monthly amounts the Workers Paid plan (or Neon plan) includes.
export interface UnitPrice {
  /** US$ per `per` units above the included allowance. */
  usd: number;
  per: number;
  /** Units included each month before the price applies (0: none). */
  included: number;
  unit: string;
  source: string;
  read: string;
}

const READ = '2026-12-04';
const WORKERS = 'https://developers.cloudflare.com/workers/platform/pricing/';
const DO = 'https://developers.cloudflare.com/durable-objects/platform/pricing/';
const QUEUES = 'https://developers.cloudflare.com/queues/platform/pricing/';
const R2 = 'https://developers.cloudflare.com/r2/pricing/';
const WAE = 'https://developers.cloudflare.com/analytics/analytics-engine/pricing/';
const NEON = 'https://neon.com/docs/introduction/plans';

const M = 1_000_000;

export const PRICES = {
  /** The Workers Paid subscription: the minimum monthly charge that unlocks the allowances below. */
  workersPaidBase: { usd: 5, per: 1, included: 0, unit: 'month', source: WORKERS, read: READ },
  workerRequests: { usd: 0.3, per: M, included: 10 * M, unit: 'requests', source: WORKERS, read: READ },
  workerCpuMs: { usd: 0.02, per: M, included: 30 * M, unit: 'CPU ms', source: WORKERS, read: READ },
  /** HTTP requests, RPC sessions, WebSocket connects, alarms; incoming WebSocket messages count 1 in 20. */
  doRequests: { usd: 0.15, per: M, included: 1 * M, unit: 'requests', source: DO, read: READ },
  /** Wall time while active (not while hibernating), billed at 128 MB per object: seconds × 0.125 GB. */
  doDurationGbS: { usd: 12.5, per: M, included: 400_000, unit: 'GB-s', source: DO, read: READ },
  doSqlRowsRead: { usd: 0.001, per: M, included: 25_000 * M, unit: 'rows', source: DO, read: READ },
  doSqlRowsWritten: { usd: 1, per: M, included: 50 * M, unit: 'rows', source: DO, read: READ },
  doSqlStorageGbMonth: { usd: 0.2, per: 1, included: 5, unit: 'GB-month', source: DO, read: READ },
  /** One operation per 64 KB written, read or deleted: a delivered message is 3. */
  queueOperations: { usd: 0.4, per: M, included: 1 * M, unit: 'operations', source: QUEUES, read: READ },
  r2StorageGbMonth: { usd: 0.015, per: 1, included: 10, unit: 'GB-month', source: R2, read: READ },
  r2ClassA: { usd: 4.5, per: M, included: 1 * M, unit: 'requests', source: R2, read: READ },
  r2ClassB: { usd: 0.36, per: M, included: 10 * M, unit: 'requests', source: R2, read: READ },
  analyticsDataPoints: { usd: 0.25, per: M, included: 10 * M, unit: 'data points', source: WAE, read: READ },
  /** Neon Scale plan (the one with an uptime SLA): 1 CU = 1 vCPU + 4 GB RAM for an hour. */
  neonComputeCuHours: { usd: 0.26, per: 1, included: 0, unit: 'CU-hours', source: NEON, read: READ },
  neonStorageGbMonth: { usd: 0.35, per: 1, included: 0, unit: 'GB-month', source: NEON, read: READ },
} as const satisfies Record<string, UnitPrice>;

export type PriceKey = keyof typeof PRICES;
export type PriceTable = Record<PriceKey, UnitPrice>;

/** The ratio Cloudflare bills incoming WebSocket messages at (20 messages = 1 request). */
export const WS_MESSAGES_PER_BILLED_REQUEST = 20;
/** Durable Object duration is billed as if every active object held 128 MB. */
export const DO_BILLED_GB = 0.125;
/** Days in the model's month (Cloudflare and Neon both bill calendar months; 30 keeps the table simple). */
export const DAYS_PER_MONTH = 30;
export const HOURS_PER_MONTH = DAYS_PER_MONTH * 24;
