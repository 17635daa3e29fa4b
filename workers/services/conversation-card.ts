// What a conversation object needs to describe itself in the inbox and to manage its ticket: the contact, the
// channel kind and the current ticket (the open one, else the newest), read once from Postgres and then kept
// by the object, which is the one writer of its ticket from then on.
import type { TicketSnapshot } from '../contract';

export type ChannelKind = 'widget' | 'whatsapp_cloud' | 'evolution' | 'uazapi';

export interface ConversationCard {
  channelId: string;
  channelKind: ChannelKind;
  contact: { id: string; name: string | null; phone: string | null };
}

export interface LoadedCard {
  card: ConversationCard;
  ticket: TicketSnapshot | null;
}

export interface CardRow extends Record<string, unknown> {
  channel_id: string;
  channel_kind: ChannelKind;
  contact_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  ticket_id: string | null;
  protocol: string | null;
  status: TicketSnapshot['status'] | null;
  priority: number | null;
  team_id: string | null;
  team_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  tags: string[] | null;
  opened_at: Date | string | null;
  closed_at: Date | string | null;
  continued_in_id: string | null;
  continued_in_channel: string | null;
  continued_from_id: string | null;
  continued_from_channel: string | null;
  queued_at: Date | string | null;
  first_response_at: Date | string | null;
  reopen_count: number | null;
  sla: TicketSnapshot['sla'] | null;
  sla_breaches: number | null;
  csat: number | null;
  csat_comment: string | null;
  csat_at: Date | string | null;
}

/**
 * The card's columns and joins (`c` is the conversation): the channel, the contact and the current ticket
 * (the open one, else the newest) with its team's and assignee's names, and the thread it went on in or came
 * from (continued on another number) with that thread's number name. The inbox rebuild reads the same, so the
 * link survives a rebuild and a conversation object reloading its card.
 */
export const CARD_COLUMNS = `c.channel_id, ch.kind as channel_kind, k.id as contact_id, k.name as contact_name,
  k.phone as contact_phone, t.id as ticket_id, t.protocol, t.status, t.priority, t.team_id,
  tm.name as team_name, t.assignee_id, u.name as assignee_name, t.tags, t.opened_at, t.closed_at,
  t.queued_at, t.first_response_at, t.reopen_count, t.sla, t.sla_breaches, t.csat, t.csat_comment, t.csat_at,
  cin.id as continued_in_id, cin.channel_name as continued_in_channel,
  cfrom.id as continued_from_id, cfrom.channel_name as continued_from_channel`;
/** Every joined row is the conversation's tenant's; callers name that tenant in their where clause. */
export const CARD_JOINS = `from conversations c
  join channels ch on ch.id = c.channel_id and ch.tenant_id = c.tenant_id
  join contacts k on k.id = c.contact_id and k.tenant_id = c.tenant_id
  left join lateral (
    select * from tickets t where t.conversation_id = c.id and t.tenant_id = c.tenant_id
    order by (t.status <> 'closed') desc, t.opened_at desc limit 1
  ) t on true
  left join teams tm on tm.id = t.team_id and tm.tenant_id = c.tenant_id
  left join users u on u.id = t.assignee_id and u.tenant_id = c.tenant_id
  left join lateral (
    select c2.id, ch2.name as channel_name from conversations c2
      join channels ch2 on ch2.id = c2.channel_id and ch2.tenant_id = c2.tenant_id
    where c2.id = t.continued_in_conversation_id and c2.tenant_id = c.tenant_id
  ) cin on true
  left join lateral (
    select c3.id, ch3.name as channel_name from tickets t3
      join conversations c3 on c3.id = t3.conversation_id and c3.tenant_id = t3.tenant_id
      join channels ch3 on ch3.id = c3.channel_id and ch3.tenant_id = c3.tenant_id
    where t3.id = t.continued_from_ticket_id and t3.tenant_id = c.tenant_id
  ) cfrom on true`;

/**
 * One conversation's card as a plain statement: run by the tenant's archiver object on its one reused
 * connection, so conversation objects never open Postgres connections of their own (a connection each,
 * with its authentication, cost more than the query at a few hundred conversations).
 */
export function cardStatement(tenantId: string, conversationId: string): { text: string; values: string[] } {
  return {
    text: `select ${CARD_COLUMNS} ${CARD_JOINS} where c.tenant_id = $1::uuid and c.id = $2::uuid`,
    values: [tenantId, conversationId],
  };
}

export function loadedCardFromRows(rows: CardRow[]): LoadedCard | null {
  const r = rows[0];
  return r ? { card: cardFromRow(r), ticket: ticketFromRow(r) } : null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export function cardFromRow(r: CardRow): ConversationCard {
  return {
    channelId: r.channel_id,
    channelKind: r.channel_kind,
    contact: { id: r.contact_id, name: r.contact_name, phone: r.contact_phone },
  };
}

export function ticketFromRow(r: CardRow): TicketSnapshot | null {
  if (!r.ticket_id) return null;
  return {
    ticketId: r.ticket_id,
    protocol: r.protocol as string,
    status: r.status ?? 'queued',
    priority: r.priority ?? 3,
    teamId: r.team_id,
    teamName: r.team_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    tags: r.tags ?? [],
    openedAt: iso(r.opened_at) ?? new Date().toISOString(),
    closedAt: iso(r.closed_at),
    queuedAt: iso(r.queued_at),
    firstResponseAt: iso(r.first_response_at),
    reopenCount: r.reopen_count ?? 0,
    sla: r.sla ?? null,
    slaBreaches: r.sla_breaches ?? 0,
    csat:
      r.csat !== null && r.csat_at !== null
        ? { score: r.csat, comment: r.csat_comment, at: iso(r.csat_at) as string }
        : null,
    ...(r.continued_in_id
      ? { continuedIn: { conversationId: r.continued_in_id, channelName: r.continued_in_channel ?? '' } }
      : {}),
    ...(r.continued_from_id
      ? {
          continuedFrom: { conversationId: r.continued_from_id, channelName: r.continued_from_channel ?? '' },
        }
      : {}),
  };
}

/** The summary's link to the other thread of a continued ticket (none: no keys, summaries stay lean). */
export function continuationOf(
  t: Pick<TicketSnapshot, 'continuedIn' | 'continuedFrom'> | null | undefined,
): Pick<TicketSnapshot, 'continuedIn' | 'continuedFrom'> {
  return {
    ...(t?.continuedIn ? { continuedIn: t.continuedIn } : {}),
    ...(t?.continuedFrom ? { continuedFrom: t.continuedFrom } : {}),
  };
}
