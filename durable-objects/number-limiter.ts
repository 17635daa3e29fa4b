// One Durable Object per WhatsApp number (named `${tenantId}:${channelId}`): paces sends to the number's
// throughput and each recipient's pair rate, and tracks the number's health from reported send outcomes and
// from what the provider says about the number (a gateway session logged out, a Cloud number banned).
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import { ChannelHealthCode, HealthParams } from '../workers/contract/channels';
import type { Env } from '../workers/env';
import { log, setLogLevel } from '../workers/services/log';
import {
  countsAgainstNumber,
  type HealthStatus,
  type HealthWindow,
  healthStatus,
  record,
  totals,
  WINDOW_MS,
} from './channel-health-window';
import { SendPacer } from './rate-schedule';

export interface HealthReport {
  status: HealthStatus;
  /** Send attempts in the window, including those that failed for recipient-side reasons. */
  sent: number;
  /** Failures in the window that count against the number (see countsAgainstNumber). */
  failed: number;
  errorRate: number;
  windowMs: number;
  tokenValid: boolean;
  /** The latest failure that counted against the number. */
  lastError: { code: number | null; at: number } | null;
  /** What the provider says keeps the number unhealthy (logged out, banned, ...), whatever the sends do. */
  condition: NumberCondition | null;
  /** The status differs from the one returned by the previous report/tokenChecked/setCondition. */
  changed: boolean;
}

export interface NumberCondition {
  code: z.infer<typeof ConditionCode>;
  params: HealthParams | null;
}

// ---- input validation ---------------------------------------------------------------------------------

// A phone number, or a business-scoped user id (country code, a dot, up to 128 characters).
const Recipient = z.string().trim().min(1).max(160);
const Millis = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const ReserveInput = z.strictObject({
  recipient: Recipient,
  ratePerSecond: z.number().int().min(1).max(1000),
  pairIntervalMs: z.number().int().min(0).max(60_000),
  pairBurst: z.number().int().min(1).max(100),
});
const ThrottledInput = z.strictObject({
  recipient: Recipient.nullable(),
  backoffMs: z.number().int().min(0).max(3_600_000),
});
const ReportInput = z
  .strictObject({
    ok: z.boolean(),
    code: z.number().int().min(0).max(9_999_999).nullable(),
    tokenInvalid: z.boolean(),
    at: Millis,
  })
  .refine(
    (r) => !r.ok || (r.code === null && !r.tokenInvalid),
    'a successful send has no code or token error',
  );
const TokenCheckedInput = z.strictObject({ valid: z.boolean(), at: Millis });
/** The provider's word that a number cannot be used; code null clears it (paired again, restored). */
export const ConditionCode = ChannelHealthCode.extract([
  'logged_out',
  'disconnected',
  'banned',
  'quality_red',
]);
const ConditionInput = z.strictObject({
  code: ConditionCode.nullable(),
  params: HealthParams.nullable().optional(),
  /** Clearing: only when the current condition is one of these (a quality GREEN does not lift a ban). */
  only: z.array(ConditionCode).max(4).optional(),
  at: Millis,
});

export type ReserveInput = z.input<typeof ReserveInput>;
export type ThrottledInput = z.input<typeof ThrottledInput>;
export type ReportInput = z.input<typeof ReportInput>;
export type TokenCheckedInput = z.input<typeof TokenCheckedInput>;
export type ConditionInput = z.input<typeof ConditionInput>;

function parse<T extends z.ZodType>(schema: T, input: unknown, method: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  throw new Error(`NumberLimiterDO.${method}: invalid input (${problems.join('; ')})`);
}

// ---- persisted health ---------------------------------------------------------------------------------

interface HealthState {
  window: HealthWindow;
  tokenValid: boolean;
  /** `at` of the outcome that last set tokenValid; older outcomes arriving late do not override it. */
  tokenAt: number;
  lastError: { code: number | null; at: number } | null;
  /** Status as of the last report/tokenChecked, so `changed` reflects what callers were last told. */
  status: HealthStatus;
  condition: NumberCondition | null;
  /** `at` of the provider event that last set or cleared the condition; older events do not override it. */
  conditionAt: number;
}

const FRESH: HealthState = {
  window: [],
  tokenValid: true,
  tokenAt: 0,
  lastError: null,
  status: 'healthy',
  condition: null,
  conditionAt: 0,
};

/** One row, buckets as [start, sent, failed] triples: a report rewrites a single small row. */
const StoredHealth = z.object({
  v: z.literal(1),
  buckets: z.array(z.tuple([z.number(), z.number(), z.number()])),
  tokenValid: z.boolean(),
  tokenAt: z.number(),
  lastError: z.object({ code: z.number().nullable(), at: z.number() }).nullable(),
  status: z.enum(['healthy', 'unhealthy']),
  // Added with provider conditions: rows stored before them read as "no condition".
  condition: z.object({ code: ConditionCode, params: HealthParams.nullable() }).nullable().default(null),
  conditionAt: z.number().default(0),
});

/** How far ahead bulk (campaign) sends may book the number: an agent's reply waits at most this behind them. */
const BULK_HORIZON_MS = 50;

const SCHEMA =
  'CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)';

function loadHealth(sql: SqlStorage): HealthState {
  const row = sql.exec<{ state: string }>('SELECT state FROM health WHERE id = 1').toArray()[0];
  if (!row) return FRESH;
  const stored = StoredHealth.safeParse(parseJson(row.state));
  if (!stored.success) {
    log('warn', 'number limiter: unreadable health state, starting fresh');
    return FRESH;
  }
  const { buckets, ...rest } = stored.data;
  return { ...rest, window: buckets.map(([start, sent, failed]) => ({ start, sent, failed })) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function saveHealth(sql: SqlStorage, state: HealthState): void {
  const { window, ...rest } = state;
  const buckets = window.map((b) => [b.start, b.sent, b.failed]);
  sql.exec(
    'INSERT INTO health (id, state) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state',
    JSON.stringify({ v: 1, buckets, ...rest }),
  );
}

function withToken(state: HealthState, valid: boolean, at: number): HealthState {
  return at >= state.tokenAt ? { ...state, tokenValid: valid, tokenAt: at } : state;
}

/** A provider condition keeps the number unhealthy; otherwise the sends and the token decide. */
function statusOf(state: HealthState, now: number): HealthStatus {
  if (state.condition) return 'unhealthy';
  return healthStatus(totals(state.window, now), state.tokenValid);
}

// ---- the object ----------------------------------------------------------------------------------------

/**
 * Pacing lives in memory only. An object is evicted only after sitting idle for far longer than any
 * schedule matters (one second for the number, pairBurst × pairInterval for a recipient), so a fresh pacer
 * is almost always what the old one would have said anyway. The exceptions — a deploy restarting a busy
 * object, or a long provider push-back — cost at most one burst, which the provider answers with a throttle
 * error that pushes us back again. Health, which must not reset, is in SQLite.
 */
export class NumberLimiterDO extends DurableObject<Env> {
  private readonly pacer = new SendPacer();
  private readonly sql: SqlStorage;
  private healthState: HealthState;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
    this.healthState = loadHealth(this.sql);
  }

  /** Reserves the next send slot for this number and recipient; the caller sleeps waitMs, then sends. */
  async reserve(input: ReserveInput): Promise<{ waitMs: number }> {
    const { recipient, ...limits } = parse(ReserveInput, input, 'reserve');
    const now = Date.now();
    // Rounded up so a caller sleeping exactly waitMs never starts early.
    return { waitMs: Math.ceil(this.pacer.reserve(recipient, now, limits) - now) };
  }

  /**
   * The low-priority lane for campaign sends: granted (waitMs) only while the number has at most
   * BULK_HORIZON_MS of sends booked ahead, else retryMs and nothing is charged. Agents' and bots' replies
   * (reserve) always go first: they never queue behind more than that horizon of bulk sends.
   */
  async reserveBulk(input: ReserveInput): Promise<{ waitMs: number } | { retryMs: number }> {
    const { recipient, ...limits } = parse(ReserveInput, input, 'reserveBulk');
    const now = Date.now();
    const horizon = Math.max(BULK_HORIZON_MS, 1000 / limits.ratePerSecond);
    const slot = this.pacer.reserveBulk(recipient, now, limits, horizon);
    if ('retryInMs' in slot) return { retryMs: slot.retryInMs };
    return { waitMs: Math.ceil(slot.startAt - now) };
  }

  /** The provider throttled the number (recipient null, 130429) or one recipient (131056). */
  async throttled(input: ThrottledInput): Promise<void> {
    const { recipient, backoffMs } = parse(ThrottledInput, input, 'throttled');
    const until = Date.now() + backoffMs;
    if (recipient === null) this.pacer.pushBackNumber(until);
    else this.pacer.pushBackRecipient(recipient, until);
  }

  /** Records one send outcome. */
  async report(input: ReportInput): Promise<HealthReport> {
    const outcome = parse(ReportInput, input, 'report');
    const now = Date.now();
    const against = countsAgainstNumber(outcome);
    let next: HealthState = {
      ...this.healthState,
      window: record(this.healthState.window, outcome.at, against, now),
    };
    // A success proves the token worked at that moment; only the caller knows an error meant a bad token.
    if (outcome.ok || outcome.tokenInvalid) next = withToken(next, outcome.ok, outcome.at);
    if (against && (next.lastError === null || outcome.at >= next.lastError.at)) {
      next = { ...next, lastError: { code: outcome.code, at: outcome.at } };
    }
    return this.commit(next, now);
  }

  /** The result of an admin's "test number" call. */
  async tokenChecked(input: TokenCheckedInput): Promise<HealthReport> {
    const { valid, at } = parse(TokenCheckedInput, input, 'tokenChecked');
    return this.commit(withToken(this.healthState, valid, at), Date.now());
  }

  /**
   * What the provider said about the number: a code keeps it unhealthy until cleared (code null). `changed`
   * is true when the status or the condition's code moved, so a repeated event changes nothing.
   */
  async setCondition(input: ConditionInput): Promise<HealthReport> {
    const { code, params, only, at } = parse(ConditionInput, input, 'setCondition');
    const state = this.healthState;
    const current = state.condition?.code ?? null;
    const outOfScope = only !== undefined && (current === null || !only.includes(current));
    if (at < state.conditionAt || outOfScope) return this.describe(state, Date.now(), false);
    const condition = code === null ? null : { code, params: params ?? null };
    const codeMoved = current !== code;
    const report = this.commit({ ...state, condition, conditionAt: at }, Date.now());
    return codeMoved && !report.changed ? { ...report, changed: true } : report;
  }

  async health(): Promise<HealthReport> {
    return this.describe(this.healthState, Date.now(), false);
  }

  private commit(next: HealthState, now: number): HealthReport {
    const before = this.healthState.status;
    const status = statusOf(next, now);
    this.healthState = { ...next, status };
    saveHealth(this.sql, this.healthState);
    return this.describe(this.healthState, now, status !== before);
  }

  private describe(state: HealthState, now: number, changed: boolean): HealthReport {
    const window = totals(state.window, now);
    return {
      status: statusOf(state, now),
      ...window,
      windowMs: WINDOW_MS,
      tokenValid: state.tokenValid,
      lastError: state.lastError,
      condition: state.condition,
      changed,
    };
  }
}
