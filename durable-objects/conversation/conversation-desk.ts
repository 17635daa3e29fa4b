// The conversation's front desk: its ticket (the object is its one writer), what the inbox shows about it
// (contact, last message, unread, waiting since) and the push of that summary to the tenant's inbox object.
// Every appended event passes through `observe` in the append's synchronous step; pushes are single flight and
// coalesced (the newest summary wins), retried with backoff, and ordered by a revision the inbox checks.
import type {
  Author,
  InboxSummary,
  StoredEvent,
  TicketActionRequest,
  TicketChange,
  TicketChanged,
  TicketSnapshot,
} from '../../workers/contract';
import { SYSTEM_AUTHOR } from '../../workers/contract';
import { archiveShards, type Env } from '../../workers/env';
import { preview } from '../../workers/services/archive-statement';
import { type ConversationCard, continuationOf } from '../../workers/services/conversation-card';
import { archiverName, type ConversationRef } from '../../workers/services/conversation-names';
import { openDatabases } from '../../workers/services/db';
import { errorFields, log } from '../../workers/services/log';
import { type ContinuedOpening, openContinuedTicket } from '../../workers/services/ticket-continue';
import { openTicket, type TicketOpening } from '../../workers/services/ticket-open';
import { archiveFailure } from '../archive-outcome';
import type { MetaTable } from '../meta-table';
import type { AppendResult, ConversationStore } from './conversation-store';
import type { DeskWatcher } from './desk-watcher';
import { InboxPublisher } from './inbox-publisher';
import type { SummaryCarrier } from './outbox';
import { type ActionNames, applyTicketAction } from './ticket-rules';

/**
 * Kept in memory only (an extra storage write per append measurably slowed busy conversations): after a
 * restart it is folded again from the events the object still holds (see `fold`).
 */
interface DeskState {
  unread: number;
  lastCustomerSeq: number;
  waitingSince: string | null;
  lastMessage: InboxSummary['lastMessage'];
}

export type DeskActionResult =
  | { ok: true; seq: number | null; summary: InboxSummary }
  | { ok: false; code: 'conflict' | 'validation_failed'; message: string }
  | { ok: false; code: 'forbidden'; message: string; holder: { id: string; name: string | null } };

type Append = (event: StoredEvent['event'], clientId: string | null) => AppendResult;

export class ConversationDesk {
  private card: ConversationCard | null;
  private ticketCache: TicketSnapshot | null;
  private folded: DeskState | null = null;
  private readBumps: number;
  /** A change waits for the next outbox flush to carry it to the inbox. */
  private carry = false;
  private loading: Promise<void> | null = null;
  private opening: Promise<TicketSnapshot | null> | null = null;
  private readonly publisher: InboxPublisher;
  private watchers: DeskWatcher[] = [];
  private lastKeptSeq = 0;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly meta: MetaTable,
    private readonly store: ConversationStore,
    private readonly append: Append,
    /** The object's time (settable under tests): ticket times agree with the SLA and routing timers. */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.card = parse<ConversationCard>(meta.get('desk_card'));
    this.ticketCache = parse<TicketSnapshot>(meta.get('desk_ticket'));
    this.readBumps = Number(meta.get('desk_read_bumps') ?? 0);
    this.publisher = new InboxPublisher(env, {
      ref: () => store.identity(),
      current: async (ref) => {
        await this.ensureLoaded(ref);
        const summary = this.summary(ref);
        return summary ? { summary, rev: this.rev() } : null;
      },
    });
  }

  /**
   * The summary's revision, which the inbox uses to drop late pushes: it grows with every append (lastSeq)
   * and every change of the unread count by a read (a counter kept in storage, written only then), so it
   * never goes back, not even after a restart.
   */
  private rev(): number {
    return this.store.lastSeq + this.readBumps;
  }

  /** Folded on first use, not at wake: an object woken only to replay history never needs it. */
  private get state(): DeskState {
    this.folded ??= this.fold();
    return this.folded;
  }

  /** The inbox facts from the events still held, oldest first, as `observe` would have left them. */
  private fold(): DeskState {
    const s: DeskState = { unread: 0, lastCustomerSeq: 0, waitingSince: null, lastMessage: null };
    const ref = this.store.identity();
    if (ref)
      for (const e of this.store.rangeAfter(ref, 0, this.store.lastSeq, Number.MAX_SAFE_INTEGER)) apply(s, e);
    const read = this.store.agentReadSeq();
    s.unread = read >= s.lastCustomerSeq ? 0 : this.store.customerMessagesAfter(read);
    return s;
  }

  /** Reads the card and ticket from Postgres the first time; afterwards this object is their source. */
  async ensureLoaded(ref: ConversationRef): Promise<void> {
    if (this.card) return;
    this.loading ??= (async () => {
      const archiver = this.env.ARCHIVERS.getByName(
        archiverName(ref.tenantId, ref.conversationId, archiveShards(this.env)),
      );
      const outcome = await archiver.loadCard(ref);
      if (!outcome.ok) throw archiveFailure(outcome);
      const loaded = outcome.value;
      if (!loaded) throw new Error('conversation row not found');
      this.card = loaded.card;
      this.meta.set('desk_card', JSON.stringify(loaded.card));
      // A ticket event appended while loading is newer than what Postgres said.
      if (!this.ticketCache && loaded.ticket) this.setTicket(loaded.ticket);
      // A customer who wrote after the close while the card was loading gets a new ticket now.
      if (this.ticketClosed() && this.state.waitingSince !== null) void this.openForCustomer();
    })().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  /** The SLA keeper and the after-care ride along (see desk-watcher.ts). */
  watch(watchers: DeskWatcher[]): void {
    this.watchers = watchers;
  }

  /** Called for every appended event, inside the append's synchronous step. */
  observe(e: StoredEvent): void {
    this.see(e);
    for (const w of this.watchers) w.observe?.(e, this.ticketCache);
  }

  private see(e: StoredEvent): void {
    // The first fold already includes `e` (it is stored): only later events are applied one by one.
    let changed: boolean;
    if (this.folded === null) {
      this.folded = this.fold();
      changed = e.event.type === 'message.created' || e.event.type === 'ticket.changed';
    } else {
      changed = apply(this.folded, e);
    }
    if (!changed) return; // delivery statuses and media updates change nothing the inbox shows
    if (e.event.type === 'ticket.changed') this.setTicket(e.event.ticket);
    // Until the card is loaded the ticket is unknown; the load itself checks for a returning customer.
    else if (isCustomerMessage(e) && this.card && this.ticketClosed() && !this.keptClosed(e))
      void this.openForCustomer();
    // Every append starts or joins an outbox flush, and the flush carries the summary to the archiver, which
    // hands many conversations' summaries to the inbox in one call. A direct push per change cost about
    // half of a busy conversation's throughput. Direct pushes remain for what no flush will carry soon.
    if (this.card && this.store.flushAttempts === 0) this.carry = true;
    else this.publisher.request();
  }

  /** The conversation's channel (SLA policies may be per channel); null before the card is loaded. */
  channelId(): string | null {
    return this.card?.channelId ?? null;
  }

  /**
   * The object's storage was lost and rebuilt from Postgres (storage-recovery.ts), and its read-bump counter
   * with it. The inbox ignores a summary whose revision is not newer than the one it holds, so revisions
   * restart above any the lost storage can have issued: milliseconds since the epoch outgrow any
   * conversation's events and reads (one per millisecond, sustained, would be needed to catch up).
   */
  recovered(): void {
    this.readBumps = Math.max(this.readBumps, Date.now());
    this.meta.set('desk_read_bumps', String(this.readBumps));
  }

  /** A watcher's part of the summary changed with no event (the SLA chosen once the setup was read). */
  watcherChanged(): void {
    this.readBumps += 1;
    this.meta.set('desk_read_bumps', String(this.readBumps));
    this.publisher.request();
  }

  /** The current ticket as this object last wrote it (null before the first load). */
  ticket(): TicketSnapshot | null {
    return this.ticketCache;
  }

  /**
   * The bot's change to the ticket it works in (tags, priority, team, hand-off, close), recorded with the bot
   * as author; refused (null) when that ticket is no longer the bot's: an agent took it meanwhile.
   */
  botChange(
    ticketId: string,
    change: TicketChange,
    patch: Partial<TicketSnapshot>,
    by: Author,
  ): number | null {
    const t = this.ticketCache;
    if (!t || t.ticketId !== ticketId || t.status !== 'bot') return null;
    return this.record(change, by, { ...t, ...patch });
  }

  /**
   * A change made by routing or a timer rather than a person's action (auto-assignment, requeue, SLA breach,
   * first response, rating, auto-close), applied only while `expect` still holds for the current ticket: a
   * race with an agent's action has one winner. Returns the event's seq, or null when refused.
   */
  systemChange(
    change: TicketChange,
    patch: Partial<TicketSnapshot>,
    opts: {
      by?: Author;
      detail?: TicketChanged['detail'];
      expect?: (t: TicketSnapshot) => boolean;
      clientId?: string | null;
    } = {},
  ): number | null {
    const t = this.ticketCache;
    if (!t || (opts.expect && !opts.expect(t))) return null;
    return this.record(
      change,
      opts.by ?? SYSTEM_AUTHOR,
      { ...t, ...patch },
      opts.detail,
      opts.clientId ?? null,
    );
  }

  /** A customer message on a closed ticket that a watcher keeps there (a thanks, a CSAT answer). */
  private keptClosed(e: StoredEvent): boolean {
    const t = this.ticketCache;
    if (!t) return false;
    const kept = this.watchers.some((w) => w.keepClosed?.(e, t) === true);
    if (kept) this.lastKeptSeq = e.seq;
    return kept;
  }

  /** True for the message just kept on its closed ticket: nobody (the bot) takes it as a new demand. */
  kept(seq: number): boolean {
    return this.lastKeptSeq === seq;
  }

  private ticketClosed(): boolean {
    return !this.ticketCache || this.ticketCache.status === 'closed';
  }

  /** The outbox takes the summary for its next archive call (see Outbox). */
  readonly carrier: SummaryCarrier = {
    take: () => {
      const ref = this.store.identity();
      if (!this.carry || !ref) return null;
      const summary = this.summary(ref);
      if (!summary) return null;
      this.carry = false;
      return { summary, rev: this.rev() };
    },
    failed: () => {
      this.carry = false;
      this.publisher.request();
    },
  };

  /** An agent read up to `seq`: the unread count is what the customer sent after it. */
  agentRead(seq: number): void {
    const unread = seq >= this.state.lastCustomerSeq ? 0 : this.store.customerMessagesAfter(seq);
    if (unread === this.state.unread) return;
    this.state.unread = unread;
    this.readBumps += 1;
    this.meta.set('desk_read_bumps', String(this.readBumps));
    this.publisher.request();
  }

  /**
   * The contact's details changed in Postgres (an agent corrected the name, a returning visitor gave one):
   * the card is read again and the new summary pushed with a higher revision, so the inbox shows the name.
   */
  contactChanged(): void {
    // Never loaded: the first load reads the new details anyway (and a new conversation stays unpublished).
    if (this.card === null) return;
    this.card = null;
    this.meta.set('desk_card', '');
    this.readBumps += 1;
    this.meta.set('desk_read_bumps', String(this.readBumps));
    this.publisher.request();
  }

  /**
   * The log's content was redacted (LGPD erasure or retention): the inbox facts are folded again from the
   * redacted events, the card (contact name and phone) is read again from Postgres when `reloadCard`, and the
   * new summary is pushed with a higher revision so the inbox replaces the old preview.
   */
  redacted(reloadCard: boolean): void {
    this.folded = null;
    if (reloadCard) {
      this.card = null;
      this.meta.set('desk_card', '');
    }
    this.readBumps += 1;
    this.meta.set('desk_read_bumps', String(this.readBumps));
    this.publisher.request();
  }

  /** The summary with its revision, as a push would carry it (routing hands it to the inbox directly). */
  published(ref: ConversationRef): { summary: InboxSummary; rev: number } | null {
    const summary = this.summary(ref);
    return summary ? { summary, rev: this.rev() } : null;
  }

  summary(ref: ConversationRef): InboxSummary | null {
    const card = this.card;
    if (!card) return null;
    const t = this.ticketCache;
    const s = this.state;
    return {
      conversationId: ref.conversationId,
      channelId: card.channelId,
      channelKind: card.channelKind,
      contact: card.contact,
      status: t?.status ?? 'closed',
      protocol: t?.protocol ?? null,
      priority: t?.priority ?? 3,
      teamId: t?.teamId ?? null,
      teamName: t?.teamName ?? null,
      assigneeId: t?.assigneeId ?? null,
      assigneeName: t?.assigneeName ?? null,
      tags: t?.tags ?? [],
      lastSeq: this.store.lastSeq,
      lastMessage: s.lastMessage,
      unread: s.unread,
      waitingSince: t?.status === 'closed' ? null : s.waitingSince,
      updatedAt: new Date().toISOString(),
      ...continuationOf(t),
      // A ticket opened straight into the queue (no record stamped it) has waited since it opened.
      ...(t?.queuedAt ? { queuedAt: t.queuedAt } : t?.status === 'queued' ? { queuedAt: t.openedAt } : {}),
      ...(t?.csat ? { csat: t.csat.score } : {}),
      ...Object.assign({}, ...this.watchers.map((w) => w.summary?.(t) ?? {})),
    };
  }

  /** Applies an agent's ticket action; Postgres is needed only the first time and to reopen. */
  async act(
    ref: ConversationRef,
    action: TicketActionRequest,
    names: ActionNames,
  ): Promise<DeskActionResult> {
    await this.ensureLoaded(ref);
    const by: Author = { kind: 'agent', id: names.actor.id, name: names.actor.name };
    const current = this.ticketCache;
    const outcome = current
      ? applyTicketAction(current, action, names, this.now())
      : action.action === 'reopen'
        ? ({ kind: 'reopen' } as const)
        : ({ kind: 'refused', code: 'conflict', message: 'This conversation has no open ticket' } as const);
    switch (outcome.kind) {
      case 'refused':
        return { ok: false, code: outcome.code, message: outcome.message };
      case 'forbidden':
        return { ok: false, code: 'forbidden', message: outcome.message, holder: outcome.holder };
      case 'unchanged':
        return { ok: true, seq: null, summary: this.requireSummary(ref) };
      case 'change':
        return {
          ok: true,
          seq: this.record(outcome.change, by, outcome.next),
          summary: this.requireSummary(ref),
        };
      case 'reopen': {
        const opened = await this.openNew(ref, 'reopened', by, {
          status: 'assigned',
          assigneeId: names.actor.id,
          assigneeName: names.actor.name,
          teamId: current?.teamId ?? null,
          teamName: current?.teamName ?? null,
          priority: current?.priority ?? 3,
        });
        if (!opened) return { ok: false, code: 'conflict', message: 'This ticket is open' };
        return { ok: true, seq: opened, summary: this.requireSummary(ref) };
      }
    }
  }

  /**
   * Continue on another number (continue-on-number.ts): this thread's open ticket is closed with change
   * `continued`, naming the thread it goes on in. Returns the ticket as it was before (its id and protocol
   * are the new thread's); a retry finds it already continued there and changes nothing.
   */
  async continueIn(
    ref: ConversationRef,
    by: Author,
    continuedIn: { conversationId: string; channelName: string },
    clientId: string,
  ): Promise<{ ok: true; seq: number | null; ticket: TicketSnapshot } | { ok: false; message: string }> {
    await this.ensureLoaded(ref);
    const t = this.ticketCache;
    // The same click again (its clientId is on the event): done already. Another click: nothing to continue.
    if (t?.continuedIn && this.store.seqForClientId(by, clientId) !== null)
      return { ok: true, seq: null, ticket: t };
    if (t?.continuedIn) return { ok: false, message: `Already continued on ${t.continuedIn.channelName}` };
    if (!t || t.status === 'closed') return { ok: false, message: 'This conversation has no open ticket' };
    const next = { ...t, status: 'closed' as const, closedAt: this.now().toISOString(), continuedIn };
    // Through `record` like every ticket change, so the closed snapshot carries its SLA clocks (stopped).
    const seq = this.record('continued', by, next, undefined, clientId);
    return { ok: true, seq, ticket: t };
  }

  /** Opens this thread's ticket as the continuation of another's (same protocol): ticket-continue.ts. */
  async openContinued(
    ref: ConversationRef,
    by: Author,
    opening: ContinuedOpening,
  ): Promise<DeskActionResult> {
    await this.ensureLoaded(ref);
    const t = this.ticketCache;
    const fromId = opening.fromConversationId;
    if (t && t.status !== 'closed' && t.continuedFrom?.conversationId === fromId)
      return { ok: true, seq: null, summary: this.requireSummary(ref) };
    if (t && t.status !== 'closed')
      return { ok: false, code: 'conflict', message: 'The customer has an open ticket on that number' };
    const dbs = openDatabases(this.env);
    try {
      const ticket = await openContinuedTicket(dbs.primary, ref, opening);
      if (!ticket)
        return { ok: false, code: 'conflict', message: 'The customer has an open ticket on that number' };
      return { ok: true, seq: this.record('continued', by, ticket), summary: this.requireSummary(ref) };
    } finally {
      this.ctx.waitUntil(dbs.close());
    }
  }

  private requireSummary(ref: ConversationRef): InboxSummary {
    const s = this.summary(ref);
    if (!s) throw new Error('summary before the card is loaded');
    return s;
  }

  /** Every ticket event goes through here: queue entry time, reopen count, then the watchers' stamps. */
  private record(
    change: TicketChange,
    by: Author,
    ticket: TicketSnapshot,
    detail?: TicketChanged['detail'],
    clientId: string | null = null,
  ): number {
    const prev = this.ticketCache;
    const now = this.now();
    let next = ticket;
    const sameTicket = prev?.ticketId === next.ticketId;
    if (next.status === 'queued' && !(sameTicket && prev?.status === 'queued'))
      next = { ...next, queuedAt: now.toISOString() };
    if (change === 'reopened' && prev && !sameTicket)
      next = { ...next, reopenCount: (prev.reopenCount ?? 0) + 1 };
    for (const w of this.watchers) if (w.stamp) next = w.stamp(change, next, prev, now);
    const event: StoredEvent['event'] = detail
      ? { type: 'ticket.changed', change, by, ticket: next, detail }
      : { type: 'ticket.changed', change, by, ticket: next };
    return this.append(event, clientId).seq;
  }

  /** A customer wrote while no ticket is open: a new one (new protocol) goes to the queue. */
  private async openForCustomer(): Promise<void> {
    const ref = this.store.identity();
    if (!ref) return;
    try {
      await this.ensureLoaded(ref);
      const t = this.ticketCache;
      if (t && t.status !== 'closed') return;
      await this.openNew(ref, 'opened', SYSTEM_AUTHOR, {
        status: 'queued',
        assigneeId: null,
        assigneeName: null,
        teamId: t?.teamId ?? null,
        teamName: t?.teamName ?? null,
        priority: 3,
      });
    } catch (err) {
      // The next customer message tries again; until then the conversation shows as closed with unread.
      log('warn', 'could not open a ticket for a returning customer', { ...ref, ...errorFields(err) });
    }
  }

  /** Single flight: a reopen racing a customer's message opens one ticket. Returns the event's seq. */
  private async openNew(
    ref: ConversationRef,
    change: 'opened' | 'reopened',
    by: Author,
    opening: TicketOpening,
  ): Promise<number | null> {
    if (this.opening) {
      await this.opening;
      return null;
    }
    const closed = this.ticketCache;
    this.opening = (async () => {
      const dbs = openDatabases(this.env);
      try {
        return await openTicket(dbs.primary, ref, closed, opening);
      } finally {
        this.ctx.waitUntil(dbs.close());
      }
    })();
    try {
      const ticket = await this.opening;
      if (!ticket || (this.ticketCache && this.ticketCache.status !== 'closed')) return null;
      return this.record(change, by, ticket);
    } finally {
      this.opening = null;
    }
  }

  private setTicket(ticket: TicketSnapshot): void {
    this.ticketCache = ticket;
    this.meta.set('desk_ticket', JSON.stringify(ticket));
  }
}

function isCustomerMessage(e: StoredEvent): boolean {
  return (
    e.event.type === 'message.created' &&
    (e.event.message.author.kind === 'contact' || e.event.message.author.kind === 'visitor')
  );
}

/** Moves the inbox facts past one event; false when the event changes nothing the inbox shows. */
function apply(s: DeskState, e: StoredEvent): boolean {
  if (e.event.type === 'message.created') {
    const m = e.event.message;
    s.lastMessage = {
      text: preview(e.event) ?? '',
      authorKind: m.author.kind,
      attachment: m.attachment?.kind ?? null,
      at: e.createdAt,
    };
    if (isCustomerMessage(e)) {
      s.unread += 1;
      s.lastCustomerSeq = e.seq;
      s.waitingSince ??= e.createdAt;
    } else {
      s.waitingSince = null;
    }
    return true;
  }
  if (e.event.type === 'ticket.changed') {
    if (e.event.ticket.status === 'closed') s.waitingSince = null;
    return true;
  }
  return false;
}

function parse<T>(raw: string | null): T | null {
  return raw ? (JSON.parse(raw) as T) : null;
}
