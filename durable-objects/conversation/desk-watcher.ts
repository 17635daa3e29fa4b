// What rides along the conversation's desk without being the desk: the SLA keeper and the after-care (CSAT,
// auto-close, after-hours notice, the thanks after a close). Each sees every appended event and every ticket
// about to be recorded, may keep a closed ticket closed, adds to the inbox summary and wakes on the alarm.
import type { InboxSummary, StoredEvent, TicketChange, TicketSnapshot } from '../../workers/contract';
import type { Env } from '../../workers/env';
import type { AlarmClock } from '../alarm-clock';
import type { MetaTable } from '../meta-table';
import type { ObjectClock } from '../object-clock';
import type { ConversationChannel } from './conversation-channel';
import type { ConversationDesk } from './conversation-desk';
import type { AgentPost, PostResult } from './conversation-post';
import type { ConversationStore } from './conversation-store';

export interface DeskWatcher {
  /** Adjusts a ticket about to be recorded (SLA clocks stamped, …); returns it unchanged when nothing applies. */
  stamp?(change: TicketChange, next: TicketSnapshot, prev: TicketSnapshot | null, now: Date): TicketSnapshot;
  /**
   * A customer wrote while the ticket is closed: true keeps it closed (a thanks or a CSAT answer inside the
   * grace period) instead of opening a new ticket. The watcher records what it keeps.
   */
  keepClosed?(e: StoredEvent, closed: TicketSnapshot): boolean;
  /** Called for every appended event, after the desk saw it, inside the append's synchronous step. */
  observe?(e: StoredEvent, ticket: TicketSnapshot | null): void;
  /** What this watcher adds to the inbox summary (the live SLA, the rating). */
  summary?(ticket: TicketSnapshot | null): Partial<InboxSummary>;
  /** The object's alarm fired: do what is due, set the next deadline through the alarm clock. */
  onAlarm?(): Promise<void> | void;
}

/** What a watcher may use of its conversation object (built once by the object, shared by every watcher). */
export interface WatcherContext {
  ctx: DurableObjectState;
  env: Env;
  clock: AlarmClock;
  /** What "now" is for timers (settable under tests); deadlines → alarms through time.wallTime. */
  time: ObjectClock;
  meta: MetaTable;
  store: ConversationStore;
  desk: ConversationDesk;
  channel: ConversationChannel;
  /** Posts a message as the bot or the system through the one append path (window rules applied). */
  post: (post: AgentPost) => PostResult;
}
