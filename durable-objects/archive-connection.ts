// The archiver's Postgres connection: opened on first use, reused by every statement, closed after a quiet
// moment (ARCHIVE_IDLE_MS), dropped and reopened after any error. The tenant is set once per session: the
// connection belongs to one archiver object, and the object to one tenant. The connection holds a permit of the
// isolate's connection budget; when another operation of the isolate waits for one, an idle archive connection
// closes within PRESSURE_CHECK_MS instead of after its quiet moment (checked on this object's own timer: the
// socket may only be touched from its own context).
import { archiveIdleMs, type Env } from '../workers/env';
import { isRowDataError } from '../workers/services/archive-quarantine';
import type { Statement } from '../workers/services/archive-statement';
import { configureDriver, withTimeout } from '../workers/services/db';
import { BudgetedClient, connectionBudget } from '../workers/services/db-budget';
import { errorFields, log } from '../workers/services/log';

const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 10_000;
/**
 * Each idle connection looks this often (its own timer). At 50 ms the checks of a few hundred archivers' idle
 * connections were a tenth of the objects isolate's CPU in the 100-tenant scale run; a waiter rarely exists
 * (the objects' budget is 256) and may wait this long, within its 10 s deadline.
 */
const PRESSURE_CHECK_MS = 500;

export class ArchiveConnection {
  private client: Promise<BudgetedClient> | null = null;
  private live: BudgetedClient | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private running = 0;
  private idleSince = 0;

  constructor(
    private readonly env: Env,
    private readonly tenantId: string,
  ) {}

  async run<Row extends Record<string, unknown> = Record<string, unknown>>(
    statement: Statement,
  ): Promise<Row[]> {
    this.clearIdle();
    this.running++;
    try {
      return await this.runOn<Row>(statement);
    } finally {
      this.running--;
    }
  }

  private async runOn<Row extends Record<string, unknown>>(statement: Statement): Promise<Row[]> {
    const client = await this.connected();
    let rows: Row[];
    try {
      const result = await withTimeout(
        client.query<Row>(statement.text, statement.values),
        QUERY_TIMEOUT_MS,
        'archive statement',
      );
      rows = result.rows;
    } catch (err) {
      // The session may be broken or mid-statement; never reuse it. A data error is a refused statement on a
      // healthy session: the archiver isolates the refused row over the same connection.
      if (!isRowDataError(err)) this.close();
      else this.idleAfterRun();
      throw err;
    }
    this.idleAfterRun();
    return rows;
  }

  close(): void {
    this.clearIdle();
    const client = this.client;
    this.client = null;
    this.live = null;
    client?.then((c) => c.end()).catch(() => {});
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private connected(): Promise<BudgetedClient> {
    this.client ??= this.open().catch((err: unknown) => {
      this.client = null;
      throw err;
    });
    return this.client;
  }

  private async open(): Promise<BudgetedClient> {
    configureDriver(this.env);
    const client = new BudgetedClient({ connectionString: this.env.DATABASE_URL });
    client.on('error', (err: Error) => {
      log('debug', 'archive connection dropped', { tenantId: this.tenantId, ...errorFields(err) });
      if (this.live === client) this.close();
    });
    try {
      // The wait for a permit of the isolate's budget has its own deadline; this one is for the socket.
      const budgetWait = connectionBudget(this.env).stats().waitMs;
      await withTimeout(client.connect(), budgetWait + CONNECT_TIMEOUT_MS, 'archive connect');
      await withTimeout(
        client.query(`select set_config('app.tenant_id', $1, false)`, [this.tenantId]),
        QUERY_TIMEOUT_MS,
        'archive session setup',
      );
    } catch (err) {
      client.end().catch(() => {});
      throw err;
    }
    this.live = client;
    return client;
  }

  /** Closes after the quiet moment, or at once when the isolate's budget has operations waiting. */
  private idleAfterRun(): void {
    if (this.running > 1) return; // another statement follows on this connection
    this.clearIdle();
    if (connectionBudget().stats().waiting > 0) {
      this.close();
      return;
    }
    this.idleSince = Date.now();
    const check = () => {
      const quiet = Date.now() - this.idleSince >= archiveIdleMs(this.env);
      if (quiet || connectionBudget().stats().waiting > 0) this.close();
      else this.idleTimer = setTimeout(check, PRESSURE_CHECK_MS);
    };
    this.idleTimer = setTimeout(check, Math.min(PRESSURE_CHECK_MS, archiveIdleMs(this.env)));
  }
}
