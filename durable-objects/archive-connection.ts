// The archiver's Postgres connection: opened on first use, reused by every statement, closed after a quiet
// moment (ARCHIVE_IDLE_MS), dropped and reopened after any error. The tenant is set once per session: the
// connection belongs to one archiver object, and the object to one tenant.
import { Client } from '@neondatabase/serverless';
import { archiveIdleMs, type Env } from '../workers/env';
import { isRowDataError } from '../workers/services/archive-quarantine';
import type { Statement } from '../workers/services/archive-statement';
import { configureDriver, withTimeout } from '../workers/services/db';
import { errorFields, log } from '../workers/services/log';

const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 10_000;

export class ArchiveConnection {
  private client: Promise<Client> | null = null;
  private live: Client | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly env: Env,
    private readonly tenantId: string,
  ) {}

  async run<Row extends Record<string, unknown> = Record<string, unknown>>(
    statement: Statement,
  ): Promise<Row[]> {
    this.clearIdle();
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
      else this.idleTimer = setTimeout(() => this.close(), archiveIdleMs(this.env));
      throw err;
    }
    this.idleTimer = setTimeout(() => this.close(), archiveIdleMs(this.env));
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

  private connected(): Promise<Client> {
    this.client ??= this.open().catch((err: unknown) => {
      this.client = null;
      throw err;
    });
    return this.client;
  }

  private async open(): Promise<Client> {
    configureDriver(this.env);
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    client.on('error', (err: Error) => {
      log('debug', 'archive connection dropped', { tenantId: this.tenantId, ...errorFields(err) });
      if (this.live === client) this.close();
    });
    try {
      await withTimeout(client.connect(), CONNECT_TIMEOUT_MS, 'archive connect');
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
}
