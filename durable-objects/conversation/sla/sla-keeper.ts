// SLA keeper: the current ticket's first-response, next-response and resolution clocks, in business time.
// Clocks start when the ticket reaches people (queued or assigned; the bot's tickets have none), the first
// message by a person meets the first response (recorded as `first_response` on the timeline; bot, system
// messages and notes never count), resolution pauses while waiting on the customer and stops at the close,
// a priority or team change chooses the policy again keeping the time counted, a reopen (a new ticket) starts
// fresh clocks. The earliest due time is the object's alarm; a due clock is breached once (`sla_breached`).
// Everything reads the object's time (ObjectClock), so tests move it from Friday evening to Monday morning.
import {
  type Author,
  type InboxSummary,
  type StoredEvent,
  summarizeSla,
  type TicketChange,
  type TicketSnapshot,
} from '../../../workers/contract';
import { errorFields, log } from '../../../workers/services/log';
import { hoursFor, type ServiceSetup } from '../../../workers/services/service-setup';
import { cachedServiceSetup } from '../../../workers/services/service-setup-cache';
import type { DeskWatcher, WatcherContext } from '../desk-watcher';
import type { BusinessWindow } from './sla-clock';
import { meetClock } from './sla-clock';
import { matchSlaPolicy } from './sla-policy';
import {
  agentReplied,
  breachSla,
  closeSla,
  customerWrote,
  dueTargets,
  nextDueMs,
  repickSla,
  startSla,
} from './sla-rules';
import { freshLive, type LiveSla, readLive, saveLive } from './sla-state';

/** How long a setup read is used before the next event reads it again (the shared cache's own freshness). */
const SETUP_FRESH_MS = 15_000;

const forPeople = (t: TicketSnapshot) => t.status === 'queued' || t.status === 'assigned';
const iso = (ms: number) => new Date(ms).toISOString();

export class SlaKeeper implements DeskWatcher {
  private live: LiveSla | null;
  private setup: ServiceSetup | null = null;
  private setupReadMs = 0;
  private loading: Promise<void> | null = null;

  constructor(protected readonly w: WatcherContext) {
    this.live = readLive(w.meta);
  }

  // ---- desk hooks --------------------------------------------------------------------------------------------

  stamp(_change: TicketChange, next: TicketSnapshot, prev: TicketSnapshot | null): TicketSnapshot {
    this.load();
    const at = this.w.time.nowMs();
    const known = this.live?.ticketId === next.ticketId;
    const live = this.track(next);
    if (known) {
      if (!live.startedAt && forPeople(next)) this.begin(live, next, at);
      else if (live.startedAt && next.status === 'closed' && !live.closed) this.close(live, at);
      else if (
        live.startedAt &&
        !live.closed &&
        prev?.ticketId === next.ticketId &&
        (prev.priority !== next.priority || prev.teamId !== next.teamId)
      )
        this.repick(live, next, at);
    }
    this.save();
    // Every snapshot of the ticket (a breach, the first response, a transfer) carries the clocks as they are.
    return { ...next, sla: live.sla, slaBreaches: live.breaches };
  }

  observe(e: StoredEvent, ticket: TicketSnapshot | null): void {
    this.load();
    if (e.event.type !== 'message.created' || !ticket || ticket.status === 'closed') return;
    const author = e.event.message.author;
    const live = this.track(ticket);
    const at = this.w.time.nowMs();
    const before = live.sla;
    if (author.kind === 'agent') {
      const first = live.firstResponseAt === null;
      if (first) this.firstResponse(live, author, at);
      if (live.sla && live.startedAt) live.sla = agentReplied(live.sla, at, live.window);
      if (first || live.sla !== before) this.save();
    } else if (author.kind === 'contact' || author.kind === 'visitor') {
      if (live.sla && live.startedAt)
        live.sla = customerWrote(
          live.sla,
          at,
          live.window,
          live.firstResponseAt !== null,
          live.nextResponseMinutes,
        );
      if (live.sla !== before) this.save();
    }
    // The bot's and the system's messages never answer anyone.
  }

  summary(ticket: TicketSnapshot | null): Partial<InboxSummary> {
    if (!ticket) return {};
    const live = this.track(ticket);
    return { sla: live.sla ? summarizeSla(live.sla) : null };
  }

  async onAlarm(): Promise<void> {
    const live = this.live;
    const t = this.w.desk.ticket();
    if (!live?.sla || live.closed || !t || t.ticketId !== live.ticketId || t.status === 'closed') return;
    const at = this.w.time.nowMs();
    for (const target of dueTargets(live.sla, at)) {
      live.sla = breachSla(live.sla, target, at);
      live.breaches += 1;
      this.save();
      this.w.desk.systemChange(
        'sla_breached',
        {},
        { detail: { target }, expect: (c) => c.ticketId === live.ticketId && c.status !== 'closed' },
      );
    }
    this.arm();
  }

  // ---- transitions ---------------------------------------------------------------------------------------------

  /** The live state for `t`, starting one for a ticket not seen before (a reopen, one loaded from Postgres). */
  private track(t: TicketSnapshot): LiveSla {
    if (this.live?.ticketId === t.ticketId) return this.live;
    const live = freshLive(t.ticketId);
    this.live = live;
    if (t.sla) {
      // Already running elsewhere (this object's storage was lost): keep its clocks, re-read the hours.
      live.sla = t.sla;
      live.startedAt = t.queuedAt ?? t.openedAt;
      live.breaches = t.slaBreaches ?? 0;
      live.firstResponseAt = t.firstResponseAt ?? null;
      live.closed = t.status === 'closed';
    } else if (forPeople(t)) {
      this.begin(live, t, this.w.time.nowMs());
    } else if (t.status === 'closed') {
      live.closed = true;
    }
    this.save();
    return live;
  }

  /** The ticket reached people: its policy is chosen now, or as soon as the tenant's setup is loaded. */
  private begin(live: LiveSla, t: TicketSnapshot, at: number): void {
    live.startedAt = iso(at);
    if (this.setup) this.pick(live, t, this.setup);
    else this.load();
  }

  /** Chooses the policy and starts its clocks at the time the ticket reached people. */
  private pick(live: LiveSla, t: TicketSnapshot, setup: ServiceSetup): void {
    const policy = this.policyFor(t, setup);
    live.picked = true;
    live.window = windowOf(setup, t.teamId);
    live.nextResponseMinutes = policy?.nextResponseMinutes ?? null;
    if (live.sla) return; // adopted clocks keep counting; only the hours were missing
    const startedMs = Date.parse(live.startedAt ?? iso(this.w.time.nowMs()));
    let sla = policy ? startSla(policy, startedMs, live.window) : null;
    if (sla?.firstResponse && live.firstResponseAt)
      sla = {
        ...sla,
        firstResponse: meetClock(sla.firstResponse, Date.parse(live.firstResponseAt), live.window),
      };
    live.sla = sla;
    if (live.closed && sla) live.sla = closeSla(sla, this.w.time.nowMs(), live.window);
  }

  private close(live: LiveSla, at: number): void {
    live.closed = true;
    if (live.sla) live.sla = closeSla(live.sla, at, live.window);
  }

  /** Priority or team changed: the most specific policy again, with the time already counted. */
  private repick(live: LiveSla, t: TicketSnapshot, at: number): void {
    const setup = this.setup;
    if (!setup || !live.picked) {
      live.repick = true;
      this.load();
      return;
    }
    live.repick = false;
    const policy = this.policyFor(t, setup);
    const after = windowOf(setup, t.teamId);
    const answered = live.firstResponseAt !== null;
    if (!policy) live.sla = null;
    else if (live.sla) live.sla = repickSla(live.sla, policy, at, live.window, after, answered);
    else {
      const sla = startSla(policy, at, after);
      live.sla = answered && sla.firstResponse ? { ...sla, firstResponse: null } : sla;
    }
    live.window = after;
    live.nextResponseMinutes = policy?.nextResponseMinutes ?? null;
  }

  /** The first message by a person: recorded on the ticket (after this append, as the agent's change). */
  private firstResponse(live: LiveSla, by: Author, at: number): void {
    live.firstResponseAt = iso(at);
    const ticketId = live.ticketId;
    const firstResponseAt = live.firstResponseAt;
    // Not inside the append that observes the message: the timeline keeps the message before the change.
    queueMicrotask(() => {
      this.w.desk.systemChange(
        'first_response',
        { firstResponseAt },
        { by, expect: (t) => t.ticketId === ticketId && t.status !== 'closed' && !t.firstResponseAt },
      );
    });
  }

  // ---- setup, storage, alarm -------------------------------------------------------------------------------

  private policyFor(t: TicketSnapshot, setup: ServiceSetup) {
    return matchSlaPolicy(setup.slaPolicies, {
      priority: t.priority,
      teamId: t.teamId,
      channelId: this.w.desk.channelId(),
    });
  }

  /** Reads the tenant's setup in the background (again after a while); what waited for it is applied then. */
  private load(): void {
    const ref = this.w.store.identity();
    if (!ref || this.loading) return;
    if (this.setup && Date.now() - this.setupReadMs < SETUP_FRESH_MS) return;
    this.loading = cachedServiceSetup(this.w.env, ref.tenantId, (p) => this.w.ctx.waitUntil(p))
      .then(
        (setup) => {
          this.setup = setup;
          this.setupReadMs = Date.now();
          this.settle(setup);
        },
        (err) => log('warn', 'SLA: could not read the service setup', { ...ref, ...errorFields(err) }),
      )
      .finally(() => {
        this.loading = null;
      });
  }

  /** The setup arrived: a policy not chosen yet, or to choose again, is chosen now and the inbox told. */
  private settle(setup: ServiceSetup): void {
    const live = this.live;
    const t = this.w.desk.ticket();
    if (!live || !t || t.ticketId !== live.ticketId || !live.startedAt) return;
    if (!live.picked) this.pick(live, t, setup);
    else if (live.repick && !live.closed) this.repick(live, t, this.w.time.nowMs());
    else return;
    this.save();
    this.w.desk.watcherChanged();
  }

  private save(): void {
    if (this.live) saveLive(this.w.meta, this.live);
    this.arm();
  }

  /** The alarm no later than the earliest due time of a running clock (object time → wall time). */
  private arm(): void {
    const live = this.live;
    if (!live || live.closed) return;
    const due = nextDueMs(live.sla);
    if (due !== null) this.w.clock.ensureBy(this.w.time.wallTime(due));
  }
}

function windowOf(setup: ServiceSetup, teamId: string | null): BusinessWindow {
  return hoursFor(setup, teamId);
}
