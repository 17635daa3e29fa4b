// What the bot left on the ticket for the agent who opens the conversation: the hand-off summary and reason,
// the ERP's protocol, and whether the bot resolved it alone. Every ticket event carries the whole ticket, so
// the newest one in the timeline is the ticket as it stands. Pure, for tests.
import type { TicketSnapshot } from '../../workers/contract';
import type { TimelineItem } from './timeline';

export interface BotBrief {
  protocol: string;
  summary: string | null;
  handoffReason: string | null;
  erpProtocol: string | null;
  resolvedBy: 'bot' | 'agent' | null;
}

/** The newest ticket snapshot among the loaded events (null before any ticket event is loaded). */
export function latestTicket(items: readonly TimelineItem[]): TicketSnapshot | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind === 'ticket') return item.ticket;
  }
  return null;
}

/** The bot's part of the ticket, or null when the bot left nothing on it (a ticket people handled alone). */
export function botBrief(ticket: TicketSnapshot | null): BotBrief | null {
  if (!ticket) return null;
  const brief: BotBrief = {
    protocol: ticket.protocol,
    summary: ticket.summary?.trim() || null,
    handoffReason: ticket.handoffReason ?? null,
    erpProtocol: ticket.erpProtocol ?? null,
    resolvedBy: ticket.resolvedBy ?? null,
  };
  const botTouched =
    brief.summary !== null ||
    brief.handoffReason !== null ||
    brief.erpProtocol !== null ||
    brief.resolvedBy === 'bot';
  return botTouched ? brief : null;
}
