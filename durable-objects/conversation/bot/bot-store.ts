// The bot participant's storage inside the conversation object: its record for the current ticket (engine
// state, what the ERP told it), the customer messages waiting for a reply (persisted in the append's own
// synchronous step, so an eviction mid-step resumes from here), the watchdog's due time, and the ERP writes
// per demand (in_flight before the call, the result after: a retried step reuses it, never calls twice).
import type { BotState } from '../../../workers/bot/engine-types';
import type { ToolName } from '../../../workers/contract';
import type { ErpCustomer, ErpInvoice } from '../../../workers/erp/tools';
import type { MetaTable } from '../../meta-table';

/** What the bot learnt during a ticket, for later tool calls and the hand-off summary. */
export interface BotFacts {
  customer: ErpCustomer | null;
  invoices: ErpInvoice[];
  outcomes: { tool: ToolName; outcome: string }[];
  erpProtocol: string | null;
  tags: string[];
}

export interface BotRecord {
  ticketId: string;
  /** null until the bot started (greeting sent) in this ticket. */
  state: BotState | null;
  facts: BotFacts;
}

/** A customer message the bot owes a reply to. */
export interface PendingInput {
  seq: number;
  text: string;
  choiceId: string | null;
  queuedMs: number;
}

/** What a write tool returned, kept per demand; `in_flight` means the call started and never reported. */
export type DemandEntry = { state: 'in_flight' } | { state: 'done'; outcome: string; data: unknown };

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bot_inputs (
    seq INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    queued_ms INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS bot_demands (
    key TEXT PRIMARY KEY,
    entry TEXT NOT NULL
  );
`;

export const emptyFacts = (): BotFacts => ({
  customer: null,
  invoices: [],
  outcomes: [],
  erpProtocol: null,
  tags: [],
});

export class BotStore {
  private recordCache: BotRecord | null | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly meta: MetaTable,
  ) {
    sql.exec(SCHEMA);
  }

  record(): BotRecord | null {
    if (this.recordCache === undefined) {
      const raw = this.meta.get('bot_record');
      this.recordCache = raw ? (JSON.parse(raw) as BotRecord) : null;
    }
    return this.recordCache;
  }

  saveRecord(record: BotRecord): void {
    this.recordCache = record;
    this.meta.set('bot_record', JSON.stringify(record));
  }

  queue(input: PendingInput): void {
    this.sql.exec(
      'INSERT INTO bot_inputs (seq, body, queued_ms) VALUES (?, ?, ?) ON CONFLICT (seq) DO NOTHING',
      input.seq,
      JSON.stringify({ text: input.text, choiceId: input.choiceId }),
      input.queuedMs,
    );
  }

  /** The oldest message still owed a reply. */
  head(): PendingInput | null {
    const row = this.sql
      .exec<{ seq: number; body: string; queued_ms: number }>(
        'SELECT seq, body, queued_ms FROM bot_inputs ORDER BY seq LIMIT 1',
      )
      .toArray()[0];
    if (!row) return null;
    const body = JSON.parse(row.body) as { text: string; choiceId: string | null };
    return { seq: row.seq, text: body.text, choiceId: body.choiceId, queuedMs: row.queued_ms };
  }

  done(seq: number): void {
    this.sql.exec('DELETE FROM bot_inputs WHERE seq <= ?', seq);
  }

  /** Every pending input is dropped (the ticket left the bot). */
  clear(): void {
    this.sql.exec('DELETE FROM bot_inputs');
    this.meta.set('bot_due', '');
  }

  pending(): boolean {
    return this.head() !== null;
  }

  /** When the oldest unanswered message's reply is due (epoch ms), or null. */
  due(): number | null {
    const raw = this.meta.get('bot_due');
    return raw ? Number(raw) : null;
  }

  setDue(at: number | null): void {
    this.meta.set('bot_due', at === null ? '' : String(at));
  }

  demand(key: string): DemandEntry | null {
    const row = this.sql
      .exec<{ entry: string }>('SELECT entry FROM bot_demands WHERE key = ?', key)
      .toArray()[0];
    return row ? (JSON.parse(row.entry) as DemandEntry) : null;
  }

  setDemand(key: string, entry: DemandEntry): void {
    this.sql.exec(
      'INSERT INTO bot_demands (key, entry) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET entry = excluded.entry',
      key,
      JSON.stringify(entry),
    );
  }
}
