// Which conversation events integrations hear about, and what they are told. The archiver computes these for
// each batch it writes and stores their deliveries in the same statement as the events (archive-statement.ts):
// a batch retried after a crash inserts no event twice, so no delivery twice either, and per-conversation
// order is the seq order. Private things never leave: notes, the bot's work lines, file keys in our bucket.
import type { StoredEvent, WebhookEventType } from '../contract';

export interface ConversationHook {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** The webhook events of one stored conversation event (none, one, or ticket + CSAT for a rating). */
export function conversationHooks(stored: StoredEvent): ConversationHook[] {
  const { event, seq, conversationId } = stored;
  const base = { conversationId, seq };
  switch (event.type) {
    case 'message.created': {
      const m = event.message;
      return [
        {
          type: 'message.created',
          data: {
            ...base,
            message: {
              text: m.text,
              author: { kind: m.author.kind, id: m.author.id, name: m.author.name ?? null },
              externalId: m.externalId ?? null,
              attachment: m.attachment
                ? {
                    kind: m.attachment.kind,
                    mimeType: m.attachment.mimeType,
                    filename: m.attachment.filename,
                    size: m.attachment.size,
                  }
                : null,
              location: m.location ?? null,
              choice: m.choice ?? null,
              redacted: m.redacted === true,
            },
          },
        },
      ];
    }
    case 'message.status':
      return [
        {
          type: 'message.status',
          data: {
            ...base,
            messageSeq: event.messageSeq,
            status: event.status,
            externalId: event.externalId,
            error: event.error,
          },
        },
      ];
    case 'ticket.changed': {
      const t = event.ticket;
      const hooks: ConversationHook[] = [
        {
          type: 'ticket.changed',
          data: {
            ...base,
            change: event.change,
            by: { kind: event.by.kind, id: event.by.id },
            ticket: {
              id: t.ticketId,
              protocol: t.protocol,
              status: t.status,
              priority: t.priority,
              teamId: t.teamId,
              assigneeId: t.assigneeId,
              tags: t.tags,
              closedAt: t.closedAt,
              resolvedBy: t.resolvedBy ?? null,
            },
          },
        },
      ];
      if (event.change === 'rated' && t.csat) {
        hooks.push({
          type: 'csat.received',
          data: {
            ...base,
            ticketId: t.ticketId,
            protocol: t.protocol,
            score: t.csat.score,
            comment: t.csat.comment,
            at: t.csat.at,
          },
        });
      }
      return hooks;
    }
    default:
      // message.attachment (a download finished), note.created, bot.activity: nothing for integrations.
      return [];
  }
}

/** The rows the archive statement joins with the tenant's endpoints (`hooks` CTE), in seq order. */
export function conversationHookRows(
  batches: readonly { conversationId: string; events: readonly StoredEvent[] }[],
): {
  conversation_id: string;
  seq: number;
  n: number;
  event_id: string;
  type: string;
  occurred_at: string;
  data: unknown;
}[] {
  const rows = [];
  for (const b of batches) {
    for (const e of b.events) {
      let n = 0;
      for (const hook of conversationHooks(e)) {
        rows.push({
          conversation_id: b.conversationId,
          seq: e.seq,
          n: n++,
          event_id: crypto.randomUUID(),
          type: hook.type,
          occurred_at: e.createdAt,
          data: hook.data,
        });
      }
    }
  }
  return rows;
}
