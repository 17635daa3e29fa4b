// The outbox's write to Postgres: one statement for any number of conversations' batches. Rows go in as one
// JSON document (3 parameters whatever the size), ON CONFLICT DO NOTHING makes a retried batch a no-op,
// and each conversation's summary moves forward in the same statement, so rows and summaries commit
// together in one round trip. RLS applies: the connection's tenant must be `tenantId`.
import {
  type ConversationEvent,
  clipText,
  eventAuthor,
  eventClientId,
  type StoredEvent,
  type TicketSnapshot,
} from '../contract';
import { serviceWindowAfter } from './service-window';
import { conversationHookRows } from './webhook-conversation-events';

const PREVIEW_CHARS = 140;

export interface Statement {
  text: string;
  values: unknown[];
}

export interface ConversationBatch {
  conversationId: string;
  events: StoredEvent[];
}

/** The inbox's one-line preview of a message (also what Postgres keeps as last_message_preview). */
export function preview(event: ConversationEvent): string | null {
  if (event.type !== 'message.created') return null;
  const m = event.message;
  const text = m.text || m.attachment?.filename || (m.attachment ? `[${m.attachment.kind}]` : '');
  const label = m.location ? 'location' : m.reaction ? (m.reaction.emoji ?? 'reaction') : m.unsupported?.type;
  // clipText: a preview cut through an emoji would be a lone surrogate, which fails the whole statement.
  return clipText(text || `[${label ?? 'message'}]`, PREVIEW_CHARS);
}

interface Summary {
  conversationId: string;
  maxSeq: number;
  /** Newest message time: delivery receipts and downloads are not activity and must not reorder the inbox. */
  activity: string | null;
  preview: string | null;
  /** WhatsApp's service window after the newest customer message, if the batch has one. */
  windowUntil: string | null;
  /** The newest ticket event of the batch: the ticket row (and the conversation's status) take its snapshot. */
  ticket: { seq: number; snapshot: TicketSnapshot } | null;
}

function summarise(conversationId: string, events: StoredEvent[]): Summary {
  let maxSeq = 0;
  let activity: string | null = null;
  let latestPreview: { seq: number; text: string } | null = null;
  let customerAt: string | null = null;
  let ticket: Summary['ticket'] = null;
  for (const e of events) {
    maxSeq = Math.max(maxSeq, e.seq);
    if (e.event.type === 'ticket.changed' && (!ticket || e.seq > ticket.seq))
      ticket = { seq: e.seq, snapshot: e.event.ticket };
    if (e.event.type !== 'message.created') continue;
    if (!activity || e.createdAt > activity) activity = e.createdAt;
    const p = preview(e.event);
    if (p !== null && (!latestPreview || e.seq > latestPreview.seq)) latestPreview = { seq: e.seq, text: p };
    if (e.event.message.author.kind === 'contact' && (!customerAt || e.createdAt > customerAt))
      customerAt = e.createdAt;
  }
  return {
    conversationId,
    maxSeq,
    activity,
    preview: latestPreview?.text ?? null,
    windowUntil: customerAt ? serviceWindowAfter(new Date(customerAt)).toISOString() : null,
    ticket,
  };
}

/** Batches of the same conversation (a retry racing a restart) are merged, each seq once. */
function merge(batches: ConversationBatch[]): ConversationBatch[] {
  const byConversation = new Map<string, Map<number, StoredEvent>>();
  for (const b of batches) {
    const events = byConversation.get(b.conversationId) ?? new Map<number, StoredEvent>();
    for (const e of b.events) events.set(e.seq, e);
    byConversation.set(b.conversationId, events);
  }
  return [...byConversation].map(([conversationId, events]) => ({
    conversationId,
    events: [...events.values()].sort((a, b) => a.seq - b.seq),
  }));
}

export function archiveStatement(tenantId: string, batches: ConversationBatch[]): Statement {
  const merged = merge(batches).filter((b) => b.events.length > 0);
  if (merged.length === 0) throw new Error('empty batch');
  // Rows and summaries travel as two JSON documents: the driver sends each as one string (JSON.stringify is
  // native), where 14 Postgres array literals were built and escaped element by element in JavaScript, a
  // measurable share of the isolate's time per statement.
  const rowsJson = merged.flatMap((b) =>
    b.events.map((e) => ({
      conversation_id: b.conversationId,
      seq: e.seq,
      type: e.event.type,
      author_kind: eventAuthor(e.event).kind,
      author_id: eventAuthor(e.event).id,
      client_id: eventClientId(e.event),
      payload: e.event,
      created_at: e.createdAt,
    })),
  );
  const summaries = merged.map((b) => {
    const s = summarise(b.conversationId, b.events);
    return {
      conversation_id: s.conversationId,
      max_seq: s.maxSeq,
      activity: s.activity,
      preview: s.preview,
      window_until: s.windowUntil,
      ticket_id: s.ticket?.snapshot.ticketId ?? null,
      ticket_seq: s.ticket?.seq ?? null,
      ticket_status: s.ticket?.snapshot.status ?? null,
      priority: s.ticket?.snapshot.priority ?? null,
      team_id: s.ticket?.snapshot.teamId ?? null,
      assignee_id: s.ticket?.snapshot.assigneeId ?? null,
      tags: s.ticket?.snapshot.tags ?? null,
      closed_at: s.ticket?.snapshot.closedAt ?? null,
      // The bot's hand-off fields: the snapshot carries the whole ticket, so absent means none (yet).
      ai_summary: s.ticket?.snapshot.summary ?? null,
      handoff_reason: s.ticket?.snapshot.handoffReason ?? null,
      erp_protocol: s.ticket?.snapshot.erpProtocol ?? null,
      resolved_by: s.ticket?.snapshot.resolvedBy ?? null,
      // Routing, SLA and CSAT (absent in snapshots older than them: none).
      queued_at: s.ticket?.snapshot.queuedAt ?? null,
      first_response_at: s.ticket?.snapshot.firstResponseAt ?? null,
      reopen_count: s.ticket?.snapshot.reopenCount ?? 0,
      sla: s.ticket?.snapshot.sla ?? null,
      sla_breaches: s.ticket?.snapshot.slaBreaches ?? 0,
      csat: s.ticket?.snapshot.csat?.score ?? null,
      csat_comment: s.ticket?.snapshot.csat?.comment ?? null,
      csat_at: s.ticket?.snapshot.csat?.at ?? null,
    };
  });
  return {
    text: `
      with rows as (
        select * from jsonb_to_recordset($2::jsonb) as r(conversation_id uuid, seq bigint, type text,
          author_kind text, author_id text, client_id text, payload jsonb, created_at timestamptz)
      ), inserted as (
        insert into conversation_events
          (tenant_id, conversation_id, seq, type, author_kind, author_id, client_id, payload, created_at)
        select $1::uuid, conversation_id, seq, type, author_kind, author_id, client_id, payload, created_at from rows
        on conflict do nothing
        returning conversation_id, seq
      ), hook_rows as (
        select * from jsonb_to_recordset($4::jsonb) as h(conversation_id uuid, seq bigint, n integer,
          event_id uuid, type text, occurred_at text, data jsonb)
      ), hooks as (
        -- outgoing webhooks: one delivery per newly inserted event × subscribed endpoint, in seq order
        insert into webhook_deliveries (tenant_id, endpoint_id, event_type, order_key, payload)
        select $1::uuid, e.id, h.type, 'conversation:' || h.conversation_id,
          jsonb_build_object('id', h.event_id, 'type', h.type, 'tenantId', $1::uuid,
            'occurredAt', h.occurred_at, 'data', h.data)
        from hook_rows h
        join inserted i on i.conversation_id = h.conversation_id and i.seq = h.seq
        join webhook_endpoints e on e.tenant_id = $1::uuid and e.enabled and h.type = any(e.events)
        order by h.conversation_id, h.seq, h.n, e.id
        returning id
      ), summary as (
        select * from jsonb_to_recordset($3::jsonb) as s(conversation_id uuid, max_seq bigint,
          activity timestamptz, preview text, window_until timestamptz, ticket_id uuid, ticket_seq bigint,
          ticket_status text, priority smallint, team_id uuid, assignee_id uuid, tags text[],
          closed_at timestamptz, ai_summary text, handoff_reason text, erp_protocol text, resolved_by text,
          queued_at timestamptz, first_response_at timestamptz, reopen_count integer, sla jsonb,
          sla_breaches integer, csat smallint, csat_comment text, csat_at timestamptz)
      ), ticket_updates as (
        -- state_seq keeps a late, older batch from undoing a newer change
        update tickets t set status = s.ticket_status, priority = s.priority, team_id = s.team_id,
          assignee_id = s.assignee_id, tags = s.tags, closed_at = s.closed_at, state_seq = s.ticket_seq,
          ai_summary = s.ai_summary, handoff_reason = s.handoff_reason, erp_protocol = s.erp_protocol,
          resolved_by = s.resolved_by, queued_at = s.queued_at, first_response_at = s.first_response_at,
          reopen_count = s.reopen_count, sla = s.sla, sla_breaches = s.sla_breaches, csat = s.csat,
          csat_comment = s.csat_comment, csat_at = s.csat_at
        from summary s
        where t.tenant_id = $1::uuid and s.ticket_id is not null and t.id = s.ticket_id
          and t.state_seq < s.ticket_seq
        returning t.id
      ), updated as (
        update conversations c set
          last_seq = greatest(c.last_seq, s.max_seq),
          last_activity_at = greatest(c.last_activity_at, s.activity),
          -- a late, older batch (a retry) must not put an older message back in the inbox preview
          last_message_preview = case when s.max_seq >= c.last_seq
            then coalesce(s.preview, c.last_message_preview) else c.last_message_preview end,
          service_window_expires_at = greatest(c.service_window_expires_at, s.window_until),
          status = case when s.ticket_status is not null and s.max_seq >= c.last_seq
            then s.ticket_status else c.status end
        from summary s
        where c.tenant_id = $1::uuid and c.id = s.conversation_id
        returning c.id
      )
      select (select count(*) from inserted) as inserted, (select count(*) from updated) as updated,
        (select count(*) from ticket_updates) as tickets,
        (select coalesce(jsonb_agg(id), '[]'::jsonb) from hooks) as webhook_deliveries`,
    values: [
      tenantId,
      JSON.stringify(rowsJson),
      JSON.stringify(summaries),
      JSON.stringify(conversationHookRows(merged)),
    ],
  };
}
