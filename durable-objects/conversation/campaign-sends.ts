// A conversation's campaign messages (issue 15): which seqs are campaign sends, the in-flight marker that
// keeps a send from going out twice across restarts, and what happens to them (accepted, delivered, read,
// failed, the customer's first reply) reported to the campaign events queue through a small durable outbox
// in the object's SQLite, so a queue that is briefly down loses nothing.
//
// Why a marker: the outbound queue row is removed only after the provider answered. If the object restarts
// while a send is on the wire, the row is still there and a plain dispatcher would send it again. For a
// campaign that is a second marketing message to a customer, so the marker says "a send started"; a fresh
// instance that finds it does NOT resend: it waits for the status webhook (which names the seq through our
// callback reference) and, when none comes in time, reports the recipient failed ("outcome unknown after
// restart"). A customer may then miss a message they would have got; they never get two.
import type { DeliveryError, DeliveryStatus, StoredEvent } from '../../workers/contract';
import type { CampaignEventJob, Env } from '../../workers/env';
import { errorFields, log } from '../../workers/services/log';
import type { AlarmClock } from '../alarm-clock';
import { recoveryMs } from '../campaign/recovery';
import type { ChannelStore } from './channel-store';
import type { PostResult } from './conversation-post';

/**
 * How long a fresh instance waits for the status of a send that was on the wire when it restarted
 * (CAMPAIGN_RECOVERY_MS overrides it; tests shorten it).
 */
export const UNKNOWN_OUTCOME_WAIT_MS = 30_000;
/** Retry of the report outbox when the queue refused a batch. */
const REPORT_RETRY_MS = 10_000;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS campaign_sends (
    seq INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    campaign_id TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    in_flight_ms INTEGER,
    sent INTEGER NOT NULL DEFAULT 0,
    replied INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE IF NOT EXISTS campaign_reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    job TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS campaign_reported (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    seq INTEGER NOT NULL,
    job TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS campaign_reported_seq ON campaign_reported (seq);
`;

export interface CampaignMark {
  tenantId: string;
  campaignId: string;
  recipientId: string;
}

/** What the dispatcher does with a bulk head whose earlier attempt may have reached the provider. */
export type UnknownOutcome = { kind: 'wait'; afterMs: number } | { kind: 'give_up' } | null;

const REPORTED: Partial<Record<DeliveryStatus, CampaignEventJob['state']>> = {
  accepted: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};

export class CampaignSends {
  private flushing = false;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly sql: SqlStorage,
    private readonly clock: AlarmClock,
  ) {
    sql.exec(SCHEMA);
  }

  /** Called in the same synchronous turn as the message's append, so both commit together. */
  record(seq: number, mark: CampaignMark): void {
    this.sql.exec(
      'INSERT INTO campaign_sends (seq, tenant_id, campaign_id, recipient_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      seq,
      mark.tenantId,
      mark.campaignId,
      mark.recipientId,
    );
  }

  isBulk(seq: number): boolean {
    return this.row(seq) !== null;
  }

  /** Persisted before the provider call starts (the output gate holds the call until it is durable). */
  markInFlight(seq: number, now: number): void {
    this.sql.exec('UPDATE campaign_sends SET in_flight_ms = ? WHERE seq = ?', now, seq);
  }

  /** The provider answered (either way): a retry may send again. */
  clearInFlight(seq: number): void {
    this.sql.exec('UPDATE campaign_sends SET in_flight_ms = NULL WHERE seq = ?', seq);
  }

  /** Whether the head's earlier attempt may have reached the provider, and what to do about it. */
  unknownOutcome(seq: number, now: number): UnknownOutcome {
    const since = this.row(seq)?.in_flight_ms ?? null;
    if (since === null) return null;
    const left = since + recoveryMs(this.env, UNKNOWN_OUTCOME_WAIT_MS) - now;
    return left > 0 ? { kind: 'wait', afterMs: Math.min(left, 5_000) } : { kind: 'give_up' };
  }

  /** A status naming an in-flight campaign seq: the send did reach the provider (adopted, not resent). */
  inFlight(seq: number): boolean {
    return (this.row(seq)?.in_flight_ms ?? null) !== null;
  }

  /** Every stored event passes here: campaign statuses and the customer's first reply become reports. */
  observe(e: StoredEvent): void {
    const event = e.event;
    if (event.type === 'message.status') {
      const row = this.row(event.messageSeq);
      const state = REPORTED[event.status];
      if (!row || !state) return;
      if (event.status === 'accepted' || event.status === 'failed') this.clearInFlight(event.messageSeq);
      if (state !== 'failed') this.sql.exec('UPDATE campaign_sends SET sent = 1 WHERE seq = ?', row.seq);
      this.report(row, state, e.createdAt, event.externalId, state === 'failed' ? event.error : null);
      return;
    }
    if (event.type !== 'message.created' || event.message.author.kind !== 'contact') return;
    const waiting = this.sql
      .exec<Row>('SELECT * FROM campaign_sends WHERE sent = 1 AND replied = 0 AND seq < ?', e.seq)
      .toArray();
    for (const row of waiting) {
      this.sql.exec('UPDATE campaign_sends SET replied = 1 WHERE seq = ?', row.seq);
      this.report(row, 'replied', e.createdAt, null, null);
    }
  }

  /** Sends what the outbox holds; what the queue refuses stays for the alarm. */
  flush(): void {
    if (this.flushing) return;
    const rows = this.sql
      .exec<{ id: number; job: string }>('SELECT id, job FROM campaign_reports ORDER BY id LIMIT 100')
      .toArray();
    if (rows.length === 0) return;
    this.flushing = true;
    const last = rows[rows.length - 1]?.id ?? 0;
    const send = this.env.CAMPAIGN_EVENTS_QUEUE.sendBatch(
      rows.map((r) => ({ body: JSON.parse(r.job) as CampaignEventJob, contentType: 'json' as const })),
    );
    this.ctx.waitUntil(
      send
        .then(() => {
          this.sql.exec('DELETE FROM campaign_reports WHERE id <= ?', last);
          this.flushing = false;
          this.flush();
        })
        .catch((err) => {
          this.flushing = false;
          this.clock.ensureBy(Date.now() + REPORT_RETRY_MS);
          log('warn', 'campaign reports not queued yet', errorFields(err));
        }),
    );
  }

  onAlarm(): void {
    this.flush();
  }

  private report(
    row: Row,
    state: CampaignEventJob['state'],
    at: string,
    externalId: string | null,
    error: DeliveryError | null,
  ): void {
    const job: CampaignEventJob = {
      tenantId: row.tenant_id,
      campaignId: row.campaign_id,
      recipientId: row.recipient_id,
      state,
      at: Date.parse(at),
      externalId,
      error: error ? { code: error.code, title: error.title } : null,
    };
    this.sql.exec('INSERT INTO campaign_reports (job) VALUES (?)', JSON.stringify(job));
    this.sql.exec('INSERT INTO campaign_reported (seq, job) VALUES (?, ?)', row.seq, JSON.stringify(job));
    this.flush();
  }

  /**
   * The campaign asks again for outcomes it never folded: a report handed to the queue can still be lost
   * (a local queue lives in memory; a restart drops it). Every report of these seqs is queued once more;
   * the fold is forward-only and keeps the first time of each state, so a repeat changes nothing.
   */
  replay(seqs: readonly number[]): number {
    let queued = 0;
    for (const seq of seqs) {
      const rows = this.sql
        .exec<{ job: string }>('SELECT job FROM campaign_reported WHERE seq = ? ORDER BY id', seq)
        .toArray();
      for (const r of rows) this.sql.exec('INSERT INTO campaign_reports (job) VALUES (?)', r.job);
      queued += rows.length;
    }
    this.flush();
    return queued;
  }

  private row(seq: number): Row | null {
    return this.sql.exec<Row>('SELECT * FROM campaign_sends WHERE seq = ?', seq).toArray()[0] ?? null;
  }
}

type Row = {
  seq: number;
  tenant_id: string;
  campaign_id: string;
  recipient_id: string;
  in_flight_ms: number | null;
  sent: number;
  replied: number;
};

/** The send on the wire before a restart is known now: off the queue, accepted, its id remembered. */
export function adoptInFlight(
  store: ChannelStore,
  seq: number,
  externalId: string,
  status: (seq: number, status: DeliveryStatus, externalId: string) => void,
): void {
  store.dequeue(seq);
  store.remember(externalId, seq, true, 'accepted', Date.now());
  status(seq, 'accepted', externalId);
}

/** Appends through the conversation's one post path and marks the seq as a campaign send in the same turn. */
export function postCampaignMessage(
  sends: CampaignSends,
  mark: CampaignMark,
  post: () => PostResult,
): PostResult {
  const result = post();
  if (result.ok && !result.duplicate) sends.record(result.seq, mark);
  return result;
}
