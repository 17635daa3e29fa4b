// The tenant inbox: conversation summaries every agent's dashboard holds live, presence, and the frames of
// the inbox socket (GET /ws/inbox). Summaries carry a tenant-wide `version`; a reconnecting dashboard says the
// last version it holds and gets every summary changed since, like a conversation's hello {since}.
import { z } from 'zod';
import {
  AttachmentKind,
  Author,
  CsatScore,
  Priority,
  SlaTarget,
  TAGS_MAX,
  Tag,
  TicketSnapshot,
  TicketStatus,
} from './events';
import { Seq, Uuid } from './ids';
import { RoutingMode } from './routing';

export const PresenceStatus = z.enum(['online', 'away', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

/** The SLA as the inbox row shows it: the running target due soonest, and what has been breached. */
export const SummarySla = z.object({
  target: SlaTarget.nullable(),
  dueAt: z.iso.datetime().nullable(),
  targetMinutes: z.number().int().positive().nullable(),
  breached: z.array(SlaTarget),
});
export type SummarySla = z.infer<typeof SummarySla>;

export type SlaStanding = 'ok' | 'at_risk' | 'breached';
/** At risk: due within a fifth of its target, or within 15 minutes, whichever is longer. */
export function slaStanding(sla: SummarySla | null | undefined, nowMs: number): SlaStanding | null {
  if (!sla) return null;
  if (sla.breached.length > 0) return 'breached';
  if (!sla.dueAt || !sla.targetMinutes) return null;
  const left = Date.parse(sla.dueAt) - nowMs;
  if (left <= 0) return 'breached';
  const margin = Math.max(15 * 60_000, (sla.targetMinutes * 60_000) / 5);
  return left <= margin ? 'at_risk' : 'ok';
}

/** One conversation as the inbox lists it. */
export const InboxSummary = z.object({
  conversationId: Uuid,
  channelId: Uuid,
  channelKind: z.enum(['widget', 'whatsapp_cloud', 'evolution', 'uazapi']),
  contact: z.object({
    id: Uuid,
    name: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  status: TicketStatus,
  protocol: z.string().nullable(),
  priority: Priority,
  teamId: Uuid.nullable(),
  teamName: z.string().nullable(),
  assigneeId: Uuid.nullable(),
  assigneeName: z.string().nullable(),
  tags: z.array(Tag).max(TAGS_MAX),
  lastSeq: Seq,
  lastMessage: z
    .object({
      text: z.string(),
      authorKind: Author.shape.kind,
      attachment: AttachmentKind.nullable(),
      at: z.iso.datetime(),
    })
    .nullable(),
  /** Customer messages after the last one an agent has read. */
  unread: z.number().int().nonnegative(),
  /** Since when the customer has been waiting for an answer (null: answered, or nothing asked). */
  waitingSince: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
  /**
   * The current ticket went on in another thread of the contact (its number turned unhealthy), or came from
   * one: the inbox row links the two threads. Absent when neither.
   */
  continuedIn: TicketSnapshot.shape.continuedIn,
  continuedFrom: TicketSnapshot.shape.continuedFrom,
  /** When the current ticket last entered the queue (routing order: priority, then this). */
  queuedAt: z.iso.datetime().nullable().optional(),
  sla: SummarySla.nullable().optional(),
  /** The closed ticket's rating, once the customer answered. */
  csat: CsatScore.nullable().optional(),
  /** The outage the bot told this customer about on the current ticket (the inbox groups them by it). */
  outageId: Uuid.nullable().optional(),
});
export type InboxSummary = z.infer<typeof InboxSummary>;

export const AgentPresence = z.object({
  userId: Uuid,
  name: z.string(),
  status: PresenceStatus,
  since: z.iso.datetime(),
});
export type AgentPresence = z.infer<typeof AgentPresence>;

// ---- client → server --------------------------------------------------------------------------------------

export const InboxHelloFrame = z.object({ type: z.literal('hello'), since: Seq });
/** Set by the agent (a menu) or by the client after idle time; disconnecting makes an agent offline. */
export const PresenceSetFrame = z.object({
  type: z.literal('presence.set'),
  status: z.enum(['online', 'away']),
});
export const InboxPingFrame = z.object({ type: z.literal('ping') });
export const InboxClientFrame = z.discriminatedUnion('type', [
  InboxHelloFrame,
  PresenceSetFrame,
  InboxPingFrame,
]);
export type InboxClientFrame = z.infer<typeof InboxClientFrame>;

// ---- server → client --------------------------------------------------------------------------------------

export const SummaryFrame = z.object({ type: z.literal('summary'), version: Seq, summary: InboxSummary });
/**
 * After hello: every summary newer than `since` has been sent; `reset` tells a client whose `since` is not
 * from this inbox (or too old) to drop what it holds first: the replay that follows is complete.
 */
export const InboxReadyFrame = z.object({
  type: z.literal('ready'),
  version: Seq,
  presence: z.array(AgentPresence),
});
export const InboxResetFrame = z.object({ type: z.literal('reset') });
export const PresenceFrame = z.object({ type: z.literal('presence'), presence: AgentPresence });
export const InboxPongFrame = z.object({ type: z.literal('pong') });
/**
 * A number of the tenant turned unhealthy or healed (banned, logged out, restored…): a conversation open on it
 * asks for its channel state again, so the banner follows without a reload. Live only, never replayed: a
 * reconnecting client asks again at `ready`.
 */
export const ChannelHealthFrame = z.object({
  type: z.literal('channel.health'),
  channelId: Uuid,
  health: z.enum(['healthy', 'unhealthy']),
});
/** Each agent's load against capacity and each team's queue: the supervisors' live view. */
export const RoutingLoad = z.object({
  agents: z.array(
    z.object({
      userId: Uuid,
      name: z.string(),
      status: PresenceStatus,
      load: z.number().int().nonnegative(),
      capacity: z.number().int().nonnegative(),
      teamIds: z.array(Uuid),
    }),
  ),
  queues: z.array(
    z.object({
      teamId: Uuid.nullable(),
      teamName: z.string().nullable(),
      mode: RoutingMode,
      queued: z.number().int().nonnegative(),
      oldestQueuedAt: z.iso.datetime().nullable(),
    }),
  ),
});
export type RoutingLoad = z.infer<typeof RoutingLoad>;
/** Sent after `ready` and whenever a load or a queue changes (coalesced); live only, never replayed. */
export const RoutingFrame = z.object({ type: z.literal('routing'), routing: RoutingLoad });

export const InboxErrorFrame = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
});
export const InboxServerFrame = z.discriminatedUnion('type', [
  SummaryFrame,
  InboxReadyFrame,
  InboxResetFrame,
  PresenceFrame,
  InboxPongFrame,
  InboxErrorFrame,
  ChannelHealthFrame,
  RoutingFrame,
]);
export type InboxServerFrame = z.infer<typeof InboxServerFrame>;
export type SummaryFrame = z.infer<typeof SummaryFrame>;

/** Closed conversations stay in the live inbox this long; older ones are found through search. */
export const INBOX_CLOSED_KEEP_MS = 3 * 24 * 60 * 60 * 1000;
