// A Postgres connection budget per workerd isolate. Every socket to Postgres the app opens (pools under drizzle,
// the archiver's session) first takes a permit here, so all the objects (or requests) of one isolate together
// hold at most N connections; the rest wait in a FIFO with a deadline instead of being refused by Postgres
// ("too many clients already") or piling up idle sessions. Only plain counters and flags are shared across
// requests: a waiter learns of its grant by polling on its own timer, because a promise resolved from another
// request's context runs its continuation there, and the socket it then opened would belong to the wrong
// request ("Cannot perform I/O on behalf of a different request").
import { Client, Pool, type PoolConfig } from '@neondatabase/serverless';
import type { Env } from '../env';

const DEFAULT_MAX = 32;
/**
 * The default of an isolate that hosts the Durable Objects. Each tenant's archivers (ARCHIVE_SHARDS of them)
 * keep a session while they write, so its permits must outnumber the archivers active at once: with fewer,
 * every archive statement waited for a permit, closed its connection after it and opened a new one for the
 * next (a new Postgres backend each), and the 60-tenant scale run collapsed under that churn (README,
 * "the many-tenant collapse, found").
 */
const OBJECTS_DEFAULT_MAX = 256;
let defaultMax = DEFAULT_MAX;
const DEFAULT_WAIT_MS = 10_000;
/**
 * A permit handed to a waiter whose request context was cancelled meanwhile is never picked up (its
 * continuation never runs). After this long unclaimed it goes back to the budget; a late waiter that finds its
 * grant revoked simply queues again, so the bound is never exceeded.
 */
const UNCLAIMED_GRANT_MS = 2_000;
/** How often a waiter looks for its grant (ms): the added latency of a wait, bounded and small. */
const POLL_MS = 5;

/** No connection of the isolate's budget came free in time: unavailable (53300, too_many_connections). */
export class ConnectionBudgetError extends Error {
  readonly code = '53300';
  constructor(max: number, waitMs: number, held: number, waiting: number) {
    // How many permits were taken and how many waited: a budget held with few connections open in Postgres
    // means permits are kept by connections that no longer exist.
    super(
      `no Postgres connection free in this isolate (budget ${max}: ${held} held, ${waiting} waiting) after waiting ${waitMs} ms`,
    );
    this.name = 'ConnectionBudgetError';
  }
}

export interface Permit {
  /** Idempotent: the connection closed (or never opened). */
  release(): void;
}

interface Waiter {
  deadline: number;
  /** Set by whichever context released a permit; read by the waiter's own timer. */
  grantedAt: number | null;
  revoked: boolean;
}

export interface BudgetStats {
  max: number;
  waitMs: number;
  active: number;
  waiting: number;
  /** Most connections held at once since the isolate started (or since resetPeak). */
  peak: number;
  /** Waits that ran out (ConnectionBudgetError). */
  timeouts: number;
}

export class ConnectionBudget {
  private active = 0;
  private peak = 0;
  private timeouts = 0;
  private readonly queue: Waiter[] = [];
  private readonly granted = new Set<Waiter>();

  constructor(
    private max: number,
    private waitMs: number,
  ) {}

  configure(opts: { max?: number; waitMs?: number }): void {
    if (opts.max !== undefined) this.max = opts.max;
    if (opts.waitMs !== undefined) this.waitMs = opts.waitMs;
    this.pump();
  }

  stats(): BudgetStats {
    return {
      max: this.max,
      waitMs: this.waitMs,
      active: this.active,
      waiting: this.queue.length,
      peak: this.peak,
      timeouts: this.timeouts,
    };
  }

  resetPeak(): void {
    this.peak = this.active;
  }

  async acquire(): Promise<Permit> {
    this.reclaimUnclaimed();
    if (this.queue.length === 0 && this.active < this.max) return this.take();
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const waiter = await this.wait(deadline);
      if (!waiter.revoked) {
        this.granted.delete(waiter);
        return this.permit();
      }
    }
  }

  private wait(deadline: number): Promise<Waiter> {
    return new Promise<Waiter>((resolve, reject) => {
      const waiter: Waiter = { deadline, grantedAt: null, revoked: false };
      this.queue.push(waiter);
      // The timer lives in the waiter's own context: what runs after the grant (opening the socket) does too. A
      // cancelled request's timer never fires; pump() skips its entry once the deadline has passed, and an
      // unclaimed grant is taken back.
      const tick = () => {
        if (waiter.grantedAt !== null) {
          resolve(waiter);
          return;
        }
        if (Date.now() >= deadline) {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          this.timeouts++;
          reject(new ConnectionBudgetError(this.max, this.waitMs, this.active, this.queue.length));
          return;
        }
        setTimeout(tick, POLL_MS);
      };
      setTimeout(tick, POLL_MS);
    });
  }

  private take(): Permit {
    this.active++;
    return this.permit();
  }

  private permit(): Permit {
    if (this.active > this.peak) this.peak = this.active;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.active--;
        this.pump();
      },
    };
  }

  private pump(): void {
    this.reclaimUnclaimed();
    const now = Date.now();
    while (this.active < this.max && this.queue.length > 0) {
      const waiter = this.queue.shift() as Waiter;
      if (waiter.deadline < now) continue; // its own timer rejects it (or its request is gone)
      this.active++;
      waiter.grantedAt = now;
      this.granted.add(waiter);
    }
  }

  private reclaimUnclaimed(): void {
    if (this.granted.size === 0) return;
    const now = Date.now();
    for (const waiter of this.granted) {
      if (waiter.grantedAt !== null && now - waiter.grantedAt > UNCLAIMED_GRANT_MS) {
        waiter.revoked = true;
        this.granted.delete(waiter);
        this.active--;
      }
    }
  }
}

/** The isolate's budget (module state: one per isolate, shared by every object and request in it). */
const isolateBudget = new ConnectionBudget(DEFAULT_MAX, DEFAULT_WAIT_MS);
let configuredFrom: string | null = null;

/** Called once by the objects' entry (workers/objects.ts): this isolate hosts the Durable Objects. */
export function hostsObjects(): void {
  defaultMax = OBJECTS_DEFAULT_MAX;
  configuredFrom = null;
  isolateBudget.configure({ max: defaultMax });
}

/** The budget this isolate has when PG_MAX_CONNECTIONS_PER_ISOLATE does not say (32, or 256 with the objects). */
export function defaultBudgetMax(): number {
  return defaultMax;
}

export function connectionBudget(
  env?: Pick<Env, 'PG_MAX_CONNECTIONS_PER_ISOLATE' | 'PG_CONNECTION_WAIT_MS'>,
) {
  if (env) {
    const key = `${env.PG_MAX_CONNECTIONS_PER_ISOLATE ?? ''}/${env.PG_CONNECTION_WAIT_MS ?? ''}`;
    if (key !== configuredFrom) {
      configuredFrom = key;
      isolateBudget.configure({
        max: Number(env.PG_MAX_CONNECTIONS_PER_ISOLATE ?? defaultMax),
        waitMs: Number(env.PG_CONNECTION_WAIT_MS ?? DEFAULT_WAIT_MS),
      });
    }
  }
  return isolateBudget;
}

/** The application_name budgeted connections carry, so pg_stat_activity can count them per role and isolate. */
export const BUDGETED_APPLICATION_NAME = 'fio';

/** A driver client that holds a permit of the isolate's budget from before its socket opens until it ends. */
export class BudgetedClient extends Client {
  override connect(): Promise<void>;
  override connect(callback: (err?: Error) => void): void;
  override connect(callback?: (err?: Error) => void): Promise<void> | undefined {
    const done = this.connectWithin();
    if (!callback) return done;
    done.then(
      () => callback(),
      (err: Error) => callback(err),
    );
    return undefined;
  }

  /** end() before the permit came (a caller's connect deadline): the grant must go straight back. */
  private abandoned = false;
  private permit: Permit | null = null;

  override end(): Promise<void>;
  override end(callback: (err: Error) => void): void;
  override end(callback?: (err: Error) => void): Promise<void> | undefined {
    this.abandoned = true;
    const ending = callback ? super.end(callback) : super.end();
    // Back when the end is asked (the Terminate is already written), not when the socket's 'end' arrives: that
    // event belongs to the request or alarm that opened the socket, and once that has finished it may never
    // run, which kept the permit taken with no connection behind it. In the 100-tenant scale run every wait
    // for a permit timed out while Postgres showed about ten of the isolate's connections.
    this.releasePermit();
    return callback ? undefined : (ending as Promise<void>);
  }

  private releasePermit(): void {
    const permit = this.permit;
    this.permit = null;
    permit?.release();
  }

  private async connectWithin(): Promise<void> {
    const permit = await isolateBudget.acquire();
    if (this.abandoned) {
      permit.release();
      throw new Error('Connection terminated: the client was ended while waiting for a connection permit');
    }
    this.permit = permit;
    this.once('end', () => this.releasePermit());
    try {
      await super.connect();
    } catch (err) {
      this.releasePermit();
      throw err;
    }
  }
}

/** A pool whose connections are BudgetedClients (the driver's Pool picks its client class from `Client`). */
export class BudgetedPool extends Pool {
  constructor(config: PoolConfig) {
    super({ application_name: BUDGETED_APPLICATION_NAME, ...config });
    this.Client = BudgetedClient;
  }
}
