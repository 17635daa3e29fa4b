// Conversation events: what is stored under a seq in the DO log and in Postgres, and replayed to clients.
// The log only grows: a delivery status or a finished media download is a new event that points at the
// message's seq, so a resuming client learns about it the same way it learns about new messages.
import { z } from 'zod';
import { ClientId, MESSAGE_TEXT_MAX, Seq, Uuid } from './ids';
import { VisibleText } from './text';

/** Who produced an event. Visitors are widget customers; contacts are channel (WhatsApp) customers. */
export const Author = z.object({
  kind: z.enum(['visitor', 'contact', 'agent', 'bot', 'system']),
  id: z.string().max(64).nullable(),
  name: z.string().max(200).nullable().optional(),
});
export type Author = z.infer<typeof Author>;

export const AttachmentKind = z.enum(['image', 'audio', 'video', 'document', 'sticker']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** A file on a message. Inbound WhatsApp media starts `pending` and becomes `ready` once copied to R2. */
export const Attachment = z.object({
  kind: AttachmentKind,
  mimeType: z.string().max(200).nullable(),
  filename: z.string().max(255).nullable(),
  size: z.number().int().nonnegative().nullable(),
  /** Object key in the media bucket; null until the file is stored here. */
  key: z.string().max(512).nullable(),
  state: z.enum(['pending', 'ready', 'failed']),
  error: z.string().max(500).nullable().optional(),
  /** The file was deleted (LGPD erasure or retention): kind and size remain, name and key are gone. */
  redacted: z.literal(true).optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** One contact card a customer shared: a name and the ways to reach them. */
export const SharedContact = z.object({
  name: z.string().max(500),
  phones: z
    .array(
      z.object({
        phone: z.string().max(64),
        type: z.string().max(40).nullable(),
        waId: z.string().max(32).nullable(),
      }),
    )
    .max(20),
  emails: z.array(z.string().max(320)).max(20),
  organization: z.string().max(500).nullable(),
});
export type SharedContact = z.infer<typeof SharedContact>;

export const SharedOrder = z.object({
  catalogId: z.string().max(128).nullable(),
  note: z.string().max(4096).nullable(),
  items: z
    .array(
      z.object({
        productId: z.string().max(256),
        quantity: z.number().nonnegative(),
        price: z.number().nonnegative().nullable(),
        currency: z.string().max(8).nullable(),
      }),
    )
    .max(100),
});
export type SharedOrder = z.infer<typeof SharedOrder>;

export const Referral = z.object({
  sourceUrl: z.string().max(2048).nullable(),
  sourceType: z.string().max(40).nullable(),
  sourceId: z.string().max(256).nullable(),
  headline: z.string().max(1024).nullable(),
  body: z.string().max(4096).nullable(),
  mediaUrl: z.string().max(2048).nullable(),
});
export type Referral = z.infer<typeof Referral>;

/**
 * WhatsApp's limits for interactive messages (Cloud API): up to 3 reply buttons of 20 characters, or a list
 * of up to 10 rows (in up to 10 sections) with 24-character titles, 72-character descriptions, a 20-character
 * button label; body 1024, header 60, footer 60. Checked before anything is stored or sent.
 */
export const INTERACTIVE_LIMITS = {
  buttons: 3,
  buttonTitle: 20,
  rows: 10,
  sections: 10,
  rowTitle: 24,
  rowDescription: 72,
  sectionTitle: 24,
  listButton: 20,
  body: 1024,
  header: 60,
  footer: 60,
  id: 200,
} as const;
const L = INTERACTIVE_LIMITS;
const Label = (max: number) => VisibleText.max(max, `at most ${max} characters`);
const ChoiceId = VisibleText.max(L.id, `at most ${L.id} characters`);

export const InteractiveButtons = z.object({
  kind: z.literal('buttons'),
  body: Label(L.body),
  header: Label(L.header).optional(),
  footer: Label(L.footer).optional(),
  buttons: z
    .array(z.object({ id: ChoiceId, title: Label(L.buttonTitle) }))
    .min(1)
    .max(L.buttons, `at most ${L.buttons} buttons`),
});
export const InteractiveList = z.object({
  kind: z.literal('list'),
  body: Label(L.body),
  header: Label(L.header).optional(),
  footer: Label(L.footer).optional(),
  /** The label of the button that opens the list ("Ver opções"). */
  button: Label(L.listButton),
  sections: z
    .array(
      z.object({
        title: Label(L.sectionTitle).optional(),
        rows: z
          .array(
            z.object({
              id: ChoiceId,
              title: Label(L.rowTitle),
              description: Label(L.rowDescription).optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1)
    .max(L.sections, `at most ${L.sections} sections`)
    .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= L.rows, `at most ${L.rows} rows in all`),
});
/** Reply buttons or a list; ids are unique within one message (the customer's tap names one). */
export const InteractiveContent = z
  .discriminatedUnion('kind', [InteractiveButtons, InteractiveList])
  .refine((m) => {
    const ids =
      m.kind === 'buttons' ? m.buttons.map((b) => b.id) : m.sections.flatMap((s) => s.rows.map((r) => r.id));
    return new Set(ids).size === ids.length;
  }, 'option ids must be unique');
export type InteractiveContent = z.infer<typeof InteractiveContent>;

export const Message = z.object({
  /** May be empty when the message is only an attachment, a location, a reaction… */
  text: z.string().max(MESSAGE_TEXT_MAX),
  author: Author,
  clientId: ClientId.nullable(),
  /** The provider's id (wamid) for WhatsApp messages, inbound or sent. */
  externalId: z.string().max(256).nullable().optional(),
  replyToExternalId: z.string().max(256).nullable().optional(),
  /** The customer forwarded it (WhatsApp's "Forwarded" label); absent otherwise. */
  forwarded: z.boolean().optional(),
  attachment: Attachment.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().max(500).nullable(),
      address: z.string().max(1000).nullable(),
    })
    .optional(),
  /** A button or list reply (the list row's description when the customer picked from a list). */
  choice: z
    .object({
      id: z.string().max(256),
      title: z.string().max(1024),
      description: z.string().max(1024).optional(),
    })
    .optional(),
  /** Contact cards the customer shared (WhatsApp `contacts`): shown as cards an agent can call or save. */
  contacts: z.array(SharedContact).max(20).optional(),
  /** A cart the customer sent from the number's catalogue (WhatsApp `order`). */
  order: SharedOrder.optional(),
  /** The ad or post the customer clicked to start writing (click-to-WhatsApp `referral`). */
  referral: Referral.optional(),
  /** Reply buttons or a list the business sent (agent, bot, CSAT): the customer's tap comes back as `choice`. */
  interactive: InteractiveContent.optional(),
  reaction: z.object({ toExternalId: z.string().max(256), emoji: z.string().max(32).nullable() }).optional(),
  /** A message type we do not render, kept with the provider's payload (its JSON text). */
  unsupported: z.object({ type: z.string().max(64), raw: z.string().max(64 * 1024) }).optional(),
  template: z
    .object({
      name: z.string().max(512),
      language: z.string().max(16),
      parameters: z.array(z.string().max(1024)).max(20),
    })
    .optional(),
  /** Its content was redacted (LGPD erasure or the tenant's retention period): text and files are gone. */
  redacted: z.literal(true).optional(),
});
export type Message = z.infer<typeof Message>;

export const MessageCreated = z.object({ type: z.literal('message.created'), message: Message });

/**
 * Where an outbound channel message stands. Ordered by how far it got: a later, lower status (a late
 * `sent` after `read`) is ignored. `failed` ranks below `delivered`: a delivery report proves it arrived.
 */
export const DeliveryStatus = z.enum(['queued', 'accepted', 'sent', 'failed', 'delivered', 'read']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;
export const DELIVERY_RANK: Record<DeliveryStatus, number> = {
  queued: 0,
  accepted: 1,
  sent: 2,
  failed: 3,
  delivered: 4,
  read: 5,
};

export const DeliveryError = z.object({
  code: z.number().int().nullable(),
  title: z.string().max(500),
  message: z.string().max(2000).nullable(),
});
export type DeliveryError = z.infer<typeof DeliveryError>;

export const MessageStatusChanged = z.object({
  type: z.literal('message.status'),
  messageSeq: Seq,
  status: DeliveryStatus,
  externalId: z.string().max(256).nullable(),
  error: DeliveryError.nullable(),
});
export type MessageStatusChanged = z.infer<typeof MessageStatusChanged>;

export const MessageAttachmentUpdated = z.object({
  type: z.literal('message.attachment'),
  messageSeq: Seq,
  attachment: Attachment,
});

export const TicketStatus = z.enum(['bot', 'queued', 'assigned', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;
export const Priority = z.number().int().min(1).max(5);
export const Tag = z.string().trim().min(1).max(40);
/** A tag as an agent sets it: trimmed, storable and not blank (Tag reads what is stored, as it always did). */
export const TagInput = VisibleText.trim().max(40);
export const TAGS_MAX = 20;

export const SlaTarget = z.enum(['first_response', 'next_response', 'resolution']);
export type SlaTarget = z.infer<typeof SlaTarget>;

/**
 * One SLA target's clock, counted in business time: `elapsedMs` accumulated while it ran, `runningSince` set
 * while it runs (paused: waiting on the customer, outside hours is simply not counted, closed), `dueAt` the
 * wall-clock time it breaches if it keeps running. `metAt` / `breachedAt` once decided.
 */
export const SlaClock = z.object({
  targetMinutes: z.number().int().positive(),
  elapsedMs: z.number().int().nonnegative(),
  runningSince: z.iso.datetime().nullable(),
  dueAt: z.iso.datetime().nullable(),
  metAt: z.iso.datetime().nullable(),
  breachedAt: z.iso.datetime().nullable(),
});
export type SlaClock = z.infer<typeof SlaClock>;

/** The SLA a ticket runs under (the policy chosen when it reached people, or when its priority changed). */
export const TicketSla = z.object({
  policyId: Uuid,
  policyName: z.string().max(120),
  firstResponse: SlaClock.nullable(),
  /** The current customer turn's clock (restarts at each customer message after an agent's reply). */
  nextResponse: SlaClock.nullable(),
  resolution: SlaClock.nullable(),
  /** Next-response turns met and missed so far. */
  nextResponseMet: z.number().int().nonnegative(),
  nextResponseMissed: z.number().int().nonnegative(),
});
export type TicketSla = z.infer<typeof TicketSla>;

export const CsatScore = z.number().int().min(1).max(5);
/** The customer's rating of a closed ticket (one per ticket; later answers are ignored). */
export const TicketCsat = z.object({
  score: CsatScore,
  comment: z.string().max(1000).nullable(),
  at: z.iso.datetime(),
});
export type TicketCsat = z.infer<typeof TicketCsat>;

/** A ticket (atendimento) as it stands after a change; every ticket event carries the whole of it. */
export const TicketSnapshot = z.object({
  ticketId: Uuid,
  protocol: z.string().max(40),
  status: TicketStatus,
  priority: Priority,
  teamId: Uuid.nullable(),
  teamName: z.string().max(120).nullable(),
  assigneeId: Uuid.nullable(),
  assigneeName: z.string().max(200).nullable(),
  tags: z.array(Tag).max(TAGS_MAX),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  /** What the agent reads first after a hand-off (tickets.ai_summary). */
  summary: z.string().max(2000).nullable().optional(),
  /** Why the bot handed off ('requested', 'low_confidence', 'step_failed', 'watchdog', a flow's own reason). */
  handoffReason: z.string().max(80).nullable().optional(),
  /** The protocol of the ticket the ERP opened for this demand. */
  erpProtocol: z.string().max(60).nullable().optional(),
  /** Who closed it: 'bot' when no person took part. */
  resolvedBy: z.enum(['bot', 'agent']).nullable().optional(),
  /**
   * The ticket goes on in another thread of the same contact (its number turned unhealthy and an agent continued
   * on another of the tenant's numbers): the conversation it continues in, or the one it continued from.
   */
  continuedIn: z
    .object({ conversationId: Uuid, channelName: z.string().max(200) })
    .nullable()
    .optional(),
  continuedFrom: z
    .object({ conversationId: Uuid, channelName: z.string().max(200) })
    .nullable()
    .optional(),
  /** When it last entered the queue (routing order: priority, then longest waiting). */
  queuedAt: z.iso.datetime().nullable().optional(),
  /** The first reply by a person (bot messages never count). */
  firstResponseAt: z.iso.datetime().nullable().optional(),
  /** Reopens of this demand before this ticket (a reopen opens a new ticket, one more than the closed one). */
  reopenCount: z.number().int().nonnegative().optional(),
  sla: TicketSla.nullable().optional(),
  /** SLA targets breached during this ticket. */
  slaBreaches: z.number().int().nonnegative().optional(),
  csat: TicketCsat.nullable().optional(),
});
export type TicketSnapshot = z.infer<typeof TicketSnapshot>;

export const TicketChange = z.enum([
  'opened',
  /** The bot handed the ticket to people (status bot → queued), with a reason and a summary. */
  'handed_off',
  'taken',
  'assigned',
  'transferred',
  'unassigned',
  'closed',
  'reopened',
  'priority',
  'tags',
  /** An agent continued the ticket on another number of the tenant (this thread's number is unhealthy). */
  'continued',
  /** Back to the queue by routing (`detail.reason`: the agent went offline, or left the customer unanswered). */
  'requeued',
  /** The first reply by a person: the first-response time is on the ticket. */
  'first_response',
  /** An SLA target was breached (`detail.target`). */
  'sla_breached',
  /** The customer answered the satisfaction survey (the ticket stays closed). */
  'rated',
  /** Something the customer wrote right after the close stayed on the closed ticket (a thanks). */
  'kept_closed',
]);
export type TicketChange = z.infer<typeof TicketChange>;

/** A system event in the timeline (assignment, transfer, close/reopen with protocol, priority, tags). */
export const TicketChangeReason = z.enum([
  /** Routing assigned it (an agent's own take or an assignment by a person carries no reason). */
  'auto_assigned',
  'agent_offline',
  'unanswered',
  /** Closed after waiting on the customer for the configured time. */
  'auto_closed',
]);
export type TicketChangeReason = z.infer<typeof TicketChangeReason>;

export const TicketChanged = z.object({
  type: z.literal('ticket.changed'),
  change: TicketChange,
  by: Author,
  ticket: TicketSnapshot,
  /** Why, when the change was made by routing or a timer rather than a person. */
  detail: z.object({ reason: TicketChangeReason.optional(), target: SlaTarget.optional() }).optional(),
});
export type TicketChanged = z.infer<typeof TicketChanged>;

/** An agent's private note: stored in the log for agents, never sent to the customer (socket, REST, WhatsApp). */
export const NoteCreated = z.object({
  type: z.literal('note.created'),
  note: z.object({
    text: z.string().max(MESSAGE_TEXT_MAX),
    author: Author,
    clientId: ClientId.nullable(),
    /** Redacted like a message (LGPD erasure or retention). */
    redacted: z.literal(true).optional(),
  }),
});
export type NoteCreated = z.infer<typeof NoteCreated>;

/** What the bot did that agents should see as a system line (never sent to the customer). */
export const BotActivityCode = z.enum([
  'customer_identified',
  'customer_not_found',
  'invoices_sent',
  'no_open_invoices',
  'unlock_granted',
  'unlock_refused',
  'connection_online',
  'connection_offline',
  'maintenance_active',
  'erp_ticket_opened',
  'erp_unavailable',
  'knowledge_answer',
  'llm_unavailable',
  'watchdog',
  'classified',
  'opted_out',
  'opted_in',
  'outage_told',
]);
export type BotActivityCode = z.infer<typeof BotActivityCode>;

export const BotActivity = z.object({
  type: z.literal('bot.activity'),
  activity: z.object({
    code: BotActivityCode,
    /** Values for the line's wording (dates, counts, protocols, an article's title); never a full CPF/CNPJ. */
    params: z.record(z.string().max(40), z.string().max(300)).optional(),
  }),
});
export type BotActivity = z.infer<typeof BotActivity>;

/** The union of event bodies; new kinds are added here and nowhere else. */
export const ConversationEvent = z.discriminatedUnion('type', [
  MessageCreated,
  MessageStatusChanged,
  MessageAttachmentUpdated,
  TicketChanged,
  NoteCreated,
  BotActivity,
]);
export type ConversationEvent = z.infer<typeof ConversationEvent>;
export type ConversationEventType = ConversationEvent['type'];

/** The author of what Fio itself does (status and media updates, a ticket opened for a returning customer). */
export const SYSTEM_AUTHOR: Author = { kind: 'system', id: null, name: null };

/** Who an event is attributed to (messages: their author; status and media updates: the system). */
export function eventAuthor(event: ConversationEvent): Author {
  switch (event.type) {
    case 'message.created':
      return event.message.author;
    case 'note.created':
      return event.note.author;
    case 'ticket.changed':
      return event.by;
    default:
      return SYSTEM_AUTHOR;
  }
}

/** The idempotency key a client sent the event with, if any. */
export function eventClientId(event: ConversationEvent): string | null {
  if (event.type === 'message.created') return event.message.clientId;
  if (event.type === 'note.created') return event.note.clientId;
  return null;
}

/** Fan-out rule: customers (widget visitors, WhatsApp contacts) never see private notes or the bot's work lines. */
export function visibleToCustomer(event: ConversationEvent): boolean {
  return event.type !== 'note.created' && event.type !== 'bot.activity';
}

/** One stored event as clients and the history API see it. */
export const StoredEvent = z.object({
  seq: Seq,
  conversationId: Uuid,
  createdAt: z.iso.datetime(),
  event: ConversationEvent,
});
export type StoredEvent = z.infer<typeof StoredEvent>;
