// The bot as a participant of the conversation (its fifth concern). It observes every append in the append's
// synchronous step (no awaits there): a customer's message while the ticket is with the bot is stored as a
// pending input and the bot's work starts after the append returns, single flight, so it never holds up the
// webhook's ack or the inbound call. Its replies go through the object's one append path as author `bot`.
// A take-over (any change moving the ticket out of `bot`) drops what is pending and stops a running step
// before its next append. A watchdog hands off when a customer has waited past the step deadline: in memory
// while the step runs, and through the alarm after an eviction (the pending input survives in storage).
import type { ChatTurn } from '../../../workers/ai/brain';
import type {
  Author,
  BotActivityCode,
  ConversationEvent,
  StoredEvent,
  TicketChange,
  TicketSnapshot,
} from '../../../workers/contract';
import type { Env } from '../../../workers/env';
import { countMetric } from '../../../workers/observability/metrics';
import type { ConversationRef } from '../../../workers/services/conversation-names';
import { isDatabaseUnavailable } from '../../../workers/services/db';
import { errorFields, log } from '../../../workers/services/log';
import type { AlarmClock } from '../../alarm-clock';
import type { MetaTable } from '../../meta-table';
import type { ChannelKind } from '../channel-store';
import type { AgentPost } from '../conversation-post';
import type { AppendResult, ConversationStore } from '../conversation-store';
import { RESUME_AFTER_MS, stepDeadlineMs } from './bot-deadline';
import { botInteractive, botUsesInteractive } from './bot-interactive';
import { BotSetupCache } from './bot-setup';
import { type BotHost, handOff, runStep, StepAborted } from './bot-step';
import { type BotRecord, BotStore, emptyFacts, type PendingInput } from './bot-store';
import { classifyMessage } from './classify';

export const BOT_AUTHOR: Author = { kind: 'bot', id: null, name: 'Fio' };

/** What the participant uses of the conversation object. */
export interface BotDeps {
  store: ConversationStore;
  append(event: ConversationEvent, clientId: string | null): AppendResult;
  post(post: AgentPost): void;
  ticket(): TicketSnapshot | null;
  /** The desk's bot-only ticket change (status bot → …); null when the ticket is not `ticketId` with the bot. */
  ticketChange(ticketId: string, change: TicketChange, patch: Partial<TicketSnapshot>): number | null;
  ensureLoaded(ref: ConversationRef): Promise<void>;
  phone(): string | null;
  /** The WhatsApp provider the conversation is bound to; null for the widget. */
  channelKind(): ChannelKind | null;
  /** Said before the flow (an outage in the customer's area): true when that answered the input. */
  firstWord?(host: BotHost, record: BotRecord, head: PendingInput): Promise<boolean>;
}

const WATCHDOG_TEXT =
  'Desculpe a demora! Vou te passar para uma pessoa da nossa equipe, que já vai te responder. ' +
  '(Sorry for the wait: a person from our team will answer you shortly.)';
const FAILED_TEXT =
  'Desculpe, não consegui concluir seu pedido. Vou te passar para uma pessoa da nossa equipe. ' +
  '(Sorry, I could not finish your request: a person from our team will answer you.)';

class Deadline extends Error {}

export class BotParticipant {
  private readonly bot: BotStore;
  private readonly setup: BotSetupCache;
  private running: Promise<void> | null = null;
  private current: { aborted: boolean } | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly clock: AlarmClock,
    meta: MetaTable,
    private readonly deps: BotDeps,
  ) {
    this.bot = new BotStore(ctx.storage.sql, meta);
    this.setup = new BotSetupCache(ctx, env, meta);
  }

  /** Called for every appended event, inside the append's synchronous step: no awaits here. */
  observe(e: StoredEvent): void {
    const event = e.event;
    if (event.type === 'message.created') {
      const kind = event.message.author.kind;
      if (kind !== 'contact' && kind !== 'visitor') return;
      const t = this.deps.ticket();
      // Unknown (not loaded yet) or closed (a new ticket, maybe the bot's, is being opened): the step decides.
      if (t && t.status !== 'bot' && t.status !== 'closed') return;
      this.bot.queue({
        seq: e.seq,
        text: event.message.choice?.title ?? event.message.text,
        choiceId: event.message.choice?.id ?? null,
        queuedMs: Date.now(),
      });
      this.clock.ensureBy(Date.now() + RESUME_AFTER_MS);
      this.later();
      if (t?.status === 'bot') this.classify(event.message.text);
      return;
    }
    if (event.type !== 'ticket.changed') return;
    if (event.ticket.status === 'bot') {
      if (this.bot.pending()) this.later();
      return;
    }
    // Taken, transferred, handed off or closed: the bot stops speaking in this ticket now.
    if (this.current) this.current.aborted = true;
    this.bot.clear();
  }

  /** The alarm fired: a step left pending by an eviction resumes (or the watchdog hands off). */
  onAlarm(): void {
    if (!this.bot.pending()) return;
    // Checked again while anything is pending: a runner that could not start (Postgres down before the
    // ticket was ever loaded) tries again, and the watchdog still gets its turn.
    this.clock.ensureBy(Date.now() + RESUME_AFTER_MS);
    if (!this.running) this.later();
  }

  /** Starts the work after the current synchronous step (the append and its ack) is done. */
  private later(): void {
    if (this.running) return;
    this.running = Promise.resolve()
      .then(() => this.drain())
      // Postgres out of reach (down, or out of connections) is a designed wait: the pending input stays
      // queued and the alarm resumes it. Only anything else is a bug worth an error line.
      .catch((err) =>
        isDatabaseUnavailable(err)
          ? log('warn', 'bot runner waiting for Postgres', {
              ...this.deps.store.identity(),
              ...errorFields(err),
            })
          : log('error', 'bot runner crashed', { ...this.deps.store.identity(), ...errorFields(err) }),
      )
      .finally(() => {
        this.running = null;
        // Inputs that arrived while the last step finished (or a ticket opened meanwhile) get their turn.
        if (this.bot.pending() && this.deps.ticket()?.status === 'bot') this.later();
      });
    this.ctx.waitUntil(this.running);
  }

  private async drain(): Promise<void> {
    const ref = this.deps.store.identity();
    if (!ref) return;
    await this.deps.ensureLoaded(ref);
    for (let head = this.bot.head(); head; head = this.bot.head()) {
      const ticket = this.deps.ticket();
      // No ticket yet, or a closed one: a new ticket is being opened; its `opened` event resumes us. A
      // message that waited that long for a ticket is not the bot's to answer any more.
      if (!ticket || ticket.status === 'closed') {
        if (Date.now() - head.queuedMs > 2 * stepDeadlineMs(this.env)) this.bot.clear();
        return;
      }
      if (ticket.status !== 'bot') {
        this.bot.clear();
        return;
      }
      const stored = this.bot.record();
      const record: BotRecord =
        stored && stored.ticketId === ticket.ticketId
          ? structuredClone(stored)
          : { ticketId: ticket.ticketId, state: null, facts: emptyFacts() };
      if (record.state && record.state.phase !== 'running') {
        this.bot.done(head.seq);
        continue;
      }
      await this.step(ref, record, head);
    }
  }

  private async step(ref: ConversationRef, record: BotRecord, head: PendingInput): Promise<void> {
    const host = this.host(ref, record.ticketId);
    const abort = { aborted: false };
    this.current = abort;
    const dueInMs = head.queuedMs + stepDeadlineMs(this.env) - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      if (dueInMs <= 0) throw new Deadline();
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Deadline()), dueInMs);
      });
      const setup = await Promise.race([this.setup.get(ref.tenantId), deadline]);
      if (!setup) throw new Error('no published flow');
      const answered = this.deps.firstWord
        ? await Promise.race([this.deps.firstWord(host, record, head), deadline])
        : false;
      if (!answered)
        await Promise.race([runStep(host, this.bot, setup, this.setup, record, head, abort), deadline]);
      this.bot.saveRecord(record);
      this.bot.done(head.seq);
    } catch (err) {
      abort.aborted = true;
      if (err instanceof StepAborted) {
        this.bot.saveRecord(record);
        this.bot.clear();
        return;
      }
      const watchdog = err instanceof Deadline;
      if (!watchdog)
        log('error', 'bot step failed; handing off', { ...ref, seq: head.seq, ...errorFields(err) });
      countMetric(this.env, 'fio_bot_errors_total', ref.tenantId, {
        reason: watchdog ? 'watchdog' : 'step_failed',
      });
      await this.giveUp(host, record, head, watchdog ? 'watchdog' : 'step_failed');
    } finally {
      clearTimeout(timer);
      if (this.current === abort) this.current = null;
    }
  }

  /** Never silence: the customer is told, agents see why, and the ticket goes to the queue. */
  private async giveUp(host: BotHost, record: BotRecord, head: PendingInput, reason: string): Promise<void> {
    this.bot.clear();
    if (!host.mine()) return;
    host.say(`bot-${head.seq}-${reason}`, reason === 'watchdog' ? WATCHDOG_TEXT : FAILED_TEXT);
    if (reason === 'watchdog') host.activity('watchdog');
    try {
      await handOff(
        host,
        { brain: null, teams: this.setup.storedTeams() },
        record,
        this.setup.handoffTeam(),
        reason,
      );
    } catch (err) {
      if (!(err instanceof StepAborted)) throw err;
    }
    this.bot.saveRecord({ ...record, state: record.state && { ...record.state, phase: 'handed_off' } });
  }

  /** With the LLM on, each customer message is classified (tags, priority) without holding anything up. */
  private classify(text: string): void {
    const ref = this.deps.store.identity();
    if (!ref || !text.trim()) return;
    this.ctx.waitUntil(
      classifyMessage(this.setup, ref.tenantId, text, (c) => {
        const t = this.deps.ticket();
        if (t?.status !== 'bot') return;
        const tags = [...new Set([...t.tags, ...c.tags])].slice(0, 20);
        if (tags.length !== t.tags.length) this.deps.ticketChange(t.ticketId, 'tags', { tags });
        if (c.priority !== null && c.priority !== t.priority)
          this.deps.ticketChange(t.ticketId, 'priority', { priority: c.priority });
        this.activity('classified', { intent: c.intent.slice(0, 300), sentiment: c.sentiment });
      }),
    );
  }

  private activity(code: BotActivityCode, params?: Record<string, string>): void {
    this.deps.append({ type: 'bot.activity', activity: { code, ...(params ? { params } : {}) } }, null);
  }

  private host(ref: ConversationRef, ticketId: string): BotHost {
    const deps = this.deps;
    return {
      ref,
      mine: () => {
        const t = deps.ticket();
        return t?.ticketId === ticketId && t.status === 'bot';
      },
      posted: (clientId) => deps.store.seqForClientId(BOT_AUTHOR, clientId) !== null,
      say: (clientId, text, attachment, choices) => {
        // The stored text stays the numbered one (search, the model's history); Cloud and the widget get buttons.
        const interactive =
          choices && botUsesInteractive(deps.channelKind()) ? botInteractive(text, choices) : null;
        deps.post({
          author: BOT_AUTHOR,
          clientId,
          text,
          ...(attachment ? { attachment } : {}),
          ...(interactive ? { interactive } : {}),
        });
      },
      activity: (code, params) => this.activity(code, params),
      ticketChange: (change, patch) => {
        deps.ticketChange(ticketId, change, patch);
      },
      ticket: () => deps.ticket(),
      history: () => history(deps.store, ref),
      phone: () => deps.phone(),
      media: this.env.MEDIA,
    };
  }
}

const HISTORY_EVENTS = 40;

/** The conversation's recent messages as the LLM sees them (customer, bot, agent). */
function history(store: ConversationStore, ref: ConversationRef): ChatTurn[] {
  const turns: ChatTurn[] = [];
  for (const e of store.pageBefore(ref, store.lastSeq + 1, HISTORY_EVENTS)) {
    if (e.event.type !== 'message.created' || !e.event.message.text) continue;
    const kind = e.event.message.author.kind;
    const role = kind === 'bot' ? 'bot' : kind === 'agent' ? 'agent' : kind === 'system' ? null : 'customer';
    if (role) turns.push({ role, text: e.event.message.text });
  }
  return turns;
}
