// After-care: what happens around a close without anyone clicking. The CSAT survey after a close (a list in
// WhatsApp's window and in the widget, the approved template outside it), its answer (a tap or free text)
// and optional comment recorded on the closed ticket; auto-close of a ticket waiting on the customer; a short
// thanks right after a close kept on the closed ticket; the "we're back at…" notice once per closed period.
// Everything it sends goes through the one append path as the bot; every ticket change through
// desk.systemChange with an `expect`, so a race with an agent has one winner. Timers read object time.
import type { Author, StoredEvent, TicketChanged, TicketSnapshot } from '../../../workers/contract';
import { clipText } from '../../../workers/contract/text';
import { errorFields, log } from '../../../workers/services/log';
import { hoursFor, type ServiceSetup } from '../../../workers/services/service-setup';
import { cachedServiceSetup } from '../../../workers/services/service-setup-cache';
import { BOT_AUTHOR } from '../bot/bot-participant';
import type { DeskWatcher, WatcherContext } from '../desk-watcher';
import { afterHoursNotice, type CareLocale, describeOpening } from './after-hours';
import { autoCloseDue, closingMessage } from './auto-close';
import { CareState } from './care-state';
import { csatChoiceScore, parseCsatAnswer, type Score } from './csat-answer';
import { askSurvey } from './csat-ask';
import { COMMENT_MINUTES, newSurvey, ratingThanks, surveyOpen } from './csat-survey';
import { openingHours } from './opening-hours';
import { isShortThanks } from './thanks';

/** The grace before the tenant's settings were read after a close (ServiceSettings' default). */
const DEFAULT_GRACE_MINUTES = 10;
const MINUTE = 60_000;

export class AfterCare implements DeskWatcher {
  private readonly state: CareState;
  /** The tenant's setup as last read (its language and grace, for the synchronous decisions). */
  private setup: ServiceSetup | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** A customer wrote to people (or the bot handed off): check the opening hours on the next run. */
  private hoursCheck = false;

  constructor(protected readonly w: WatcherContext) {
    this.state = new CareState(w.meta);
  }

  observe(e: StoredEvent, ticket: TicketSnapshot | null): void {
    const event = e.event;
    if (event.type === 'ticket.changed') {
      this.ticketChanged(event);
      return;
    }
    if (event.type !== 'message.created') return;
    const kind = event.message.author.kind;
    if (kind === 'agent') {
      if (ticket && ticket.status !== 'closed' && ticket.status !== 'bot') {
        this.state.setWaiting({ ticketId: ticket.ticketId, sinceMs: this.w.time.nowMs() });
        this.kick();
      }
      return;
    }
    if (kind !== 'contact' && kind !== 'visitor') return;
    // The customer wrote last: nothing waits on them any more.
    this.state.setWaiting(null);
    if (!ticket || ticket.status === 'queued' || ticket.status === 'assigned') {
      this.hoursCheck = true;
      this.kick();
    }
  }

  private ticketChanged(event: TicketChanged): void {
    const t = event.ticket;
    const waiting = this.state.waiting();
    if (waiting && (waiting.ticketId !== t.ticketId || t.status === 'closed')) this.state.setWaiting(null);
    if (event.change === 'closed' && t.status === 'closed') {
      const now = this.w.time.nowMs();
      this.state.setClosed({ ticketId: t.ticketId, closedMs: now, graceUntilMs: null });
      if (this.state.survey()?.ticketId !== t.ticketId)
        this.state.setSurvey(newSurvey(t.ticketId, t.protocol, now));
      this.kick();
      return;
    }
    if ((event.change === 'handed_off' || event.change === 'opened') && t.status === 'queued') {
      this.hoursCheck = true;
      this.kick();
    }
  }

  /**
   * A customer wrote on the closed ticket: a rating (or its comment) while the survey is open, a second
   * rating (ignored), or a short thanks inside the grace stays on it. The change is recorded right after
   * this append's step (a microtask), so events keep their order.
   */
  keepClosed(e: StoredEvent, closed: TicketSnapshot): boolean {
    if (e.event.type !== 'message.created') return false;
    const message = e.event.message;
    const by = message.author;
    const now = this.w.time.nowMs();
    const survey = this.state.survey();
    if (survey?.ticketId === closed.ticketId) {
      const score = message.choice ? csatChoiceScore(message.choice.id) : parseCsatAnswer(message.text);
      if (surveyOpen(survey, now) && score !== null) {
        this.state.setSurvey({
          ...survey,
          answered: true,
          commentUntil: iso(now + COMMENT_MINUTES * MINUTE),
        });
        queueMicrotask(() => this.rate(closed.ticketId, score, by));
        return true;
      }
      const expired = survey.expiresAt === null || now >= Date.parse(survey.expiresAt);
      // A second answer changes nothing and opens nothing.
      if (survey.answered && score !== null && !expired) return true;
      const commenting = survey.commentUntil !== null && now < Date.parse(survey.commentUntil);
      if (commenting && !message.choice && message.text.trim() && !isShortThanks(message.text)) {
        this.state.setSurvey({ ...survey, commentUntil: null });
        queueMicrotask(() => this.comment(closed.ticketId, message.text, by));
        return true;
      }
    }
    const last = this.state.closed();
    if (last?.ticketId !== closed.ticketId) return false;
    const graceUntil = last.graceUntilMs ?? last.closedMs + DEFAULT_GRACE_MINUTES * MINUTE;
    // Right after a rating (a day after the close, maybe) a thanks is part of the same exchange.
    const rating = survey?.ticketId === closed.ticketId ? survey.commentUntil : null;
    const inGrace = now <= graceUntil || (rating !== null && now < Date.parse(rating));
    // A 👍 reaction to the closing message is a thanks too.
    const said = message.reaction?.emoji ?? message.text;
    if (!inGrace || !isShortThanks(said)) return false;
    queueMicrotask(() =>
      this.w.desk.systemChange(
        'kept_closed',
        {},
        { by, expect: (t) => t.ticketId === closed.ticketId && t.status === 'closed' },
      ),
    );
    return true;
  }

  private rate(ticketId: string, score: Score, by: Author): void {
    const csat = { score, comment: null, at: this.w.time.now().toISOString() };
    const seq = this.w.desk.systemChange(
      'rated',
      { csat },
      { by, expect: (t) => t.ticketId === ticketId && t.status === 'closed' && !t.csat },
    );
    if (seq === null) return;
    const sent = this.w.post({
      author: BOT_AUTHOR,
      clientId: `csat-thanks-${ticketId}`,
      text: ratingThanks(this.locale()),
    });
    if (!sent.ok) log('warn', 'CSAT thanks not sent', { ...this.w.store.identity(), code: sent.code });
  }

  private comment(ticketId: string, text: string, by: Author): void {
    const current = this.w.desk.ticket()?.csat;
    if (!current) return;
    this.w.desk.systemChange(
      'rated',
      { csat: { ...current, comment: clipText(text.trim(), 1000) } },
      { by, expect: (t) => t.ticketId === ticketId && t.status === 'closed' && t.csat?.comment === null },
    );
  }

  private locale(): CareLocale {
    return this.setup?.locale ?? 'pt-BR';
  }

  // ---- timed work (single flight; the alarm and every trigger run the same step) --------------------------

  /** Only when something of ours is pending: most alarms are the outbox's and need no settings read. */
  onAlarm(): Promise<void> | void {
    const survey = this.state.survey();
    const pending = survey !== null && survey.askedAt === null && survey.skipped === null;
    if (pending || this.state.waiting() !== null || this.hoursCheck) return this.run();
  }

  private kick(): void {
    this.w.ctx.waitUntil(this.run());
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.step();
      } while (this.again);
    })()
      .catch((err) =>
        log('warn', 'after-care step failed', { ...this.w.store.identity(), ...errorFields(err) }),
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async step(): Promise<void> {
    const ref = this.w.store.identity();
    if (!ref) return;
    await this.w.desk.ensureLoaded(ref);
    const setup = await cachedServiceSetup(this.w.env, ref.tenantId, (p) => this.w.ctx.waitUntil(p));
    this.setup = setup;
    const last = this.state.closed();
    if (last && last.graceUntilMs === null)
      this.state.setClosed({
        ...last,
        graceUntilMs: last.closedMs + setup.settings.thanksGraceMinutes * MINUTE,
      });
    if (this.hoursCheck) {
      this.hoursCheck = false;
      this.afterHours(setup);
    }
    const deadlines = [await askSurvey(this.w, this.state, setup, ref.tenantId), this.autoClose(setup)];
    const next = Math.min(...deadlines.filter((d): d is number => d !== null));
    if (Number.isFinite(next)) this.w.clock.ensureBy(this.w.time.wallTime(next));
  }

  /** Closes the ticket waiting on the customer when due; returns when it is due (object ms) if not yet. */
  private autoClose(setup: ServiceSetup): number | null {
    const waiting = this.state.waiting();
    const due = autoCloseDue(waiting, setup.settings.autoClose);
    if (!waiting || due === null) return null;
    const nowMs = this.w.time.nowMs();
    if (nowMs < due) return due;
    const t = this.w.desk.ticket();
    if (!t || t.ticketId !== waiting.ticketId || t.status === 'closed' || t.status === 'bot') {
      this.state.setWaiting(null);
      return null;
    }
    const stillWaiting = () => {
      const w = this.state.waiting();
      return w?.ticketId === waiting.ticketId && w.sinceMs === waiting.sinceMs;
    };
    // The message first (it is the close's explanation), then the close; no await between them.
    const text = closingMessage(setup.settings.autoClose, setup.locale);
    const said = this.w.post({ author: BOT_AUTHOR, clientId: `auto-close-${t.ticketId}`, text });
    if (!said.ok) log('info', 'auto-close message not sent', { ...this.w.store.identity(), code: said.code });
    this.w.desk.systemChange(
      'closed',
      { status: 'closed', closedAt: iso(nowMs), resolvedBy: 'agent' },
      {
        detail: { reason: 'auto_closed' },
        expect: (cur) => cur.ticketId === t.ticketId && cur.status !== 'closed' && stillWaiting(),
      },
    );
    return null;
  }

  /** Outside the team's hours, the customer hears once per closed period when people are back. */
  private afterHours(setup: ServiceSetup): void {
    const t = this.w.desk.ticket();
    if (!t || (t.status !== 'queued' && t.status !== 'assigned')) return;
    if (!setup.settings.afterHours.enabled) return;
    const hours = hoursFor(setup, t.teamId);
    if (!hours) return;
    const open = openingHours(hours.hours, hours.timezone);
    const now = this.w.time.now();
    if (open.isOpenAt(now)) return;
    const opening = open.nextOpeningAfter(now);
    if (!opening) return;
    const key = String(opening.getTime());
    if (this.state.announcedOpening() === key) return;
    this.state.setAnnouncedOpening(key);
    const when = describeOpening(opening, now, hours.timezone, setup.locale);
    const text = afterHoursNotice(setup.settings.afterHours.message, when, setup.locale);
    const sent = this.w.post({ author: BOT_AUTHOR, clientId: `after-hours-${key}`, text });
    if (!sent.ok) log('info', 'after-hours notice not sent', { ...this.w.store.identity(), code: sent.code });
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
