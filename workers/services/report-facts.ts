// Report facts from one conversation's event log: what each of its tickets contributes to the reports and
// how many messages it had per UTC hour. Pure: the rollup job feeds it the conversation's archived events
// (in seq order, only the fields needed) and writes the result. Every metric's definition lives here or in
// the query that sums these facts (README, "Reports: one definition per metric").

/** One archived event, reduced to what the reports read (times in epoch ms). */
export interface FactEvent {
  seq: number;
  at: number;
  type: string;
  authorKind: string;
  authorId: string | null;
  clientId: string | null;
  /** ticket.changed only. */
  change: string | null;
  ticket: FactSnapshot | null;
}

/** The parts of a ticket snapshot the reports use. */
export interface FactSnapshot {
  ticketId: string;
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  tags: string[];
  openedAt: number;
  closedAt: number | null;
  firstResponseAt: number | null;
  handoffReason: string | null;
  csatScore: number | null;
  slaFirst: SlaOutcome | null;
  slaResolution: SlaOutcome | null;
  slaNextMet: number;
  slaNextMissed: number;
}

export interface SlaOutcome {
  at: number;
  met: boolean;
}

export interface TicketFact {
  ticketId: string;
  agentId: string | null;
  teamId: string | null;
  tags: string[];
  openedAt: number;
  closedAt: number | null;
  firstResponseAt: number | null;
  firstResponseAgentId: string | null;
  firstResponseSeconds: number | null;
  resolutionSeconds: number | null;
  handedOffAt: number | null;
  handoffReason: string | null;
  human: boolean;
  contained: boolean;
  csatSurvey: boolean;
  csatScore: number | null;
  reopened: boolean;
  slaFirst: SlaOutcome | null;
  slaResolution: SlaOutcome | null;
  slaNextMet: number;
  slaNextMissed: number;
}

export interface HourCount {
  /** The UTC hour (epoch ms, a multiple of an hour). */
  hour: number;
  ticketId: string | null;
  messagesIn: number;
  messagesOut: number;
}

const HOUR_MS = 3_600_000;
const CUSTOMER = new Set(['contact', 'visitor']);
/** Bot messages (campaigns included) go out like an agent's; system lines are not messages to anyone. */
const BUSINESS = new Set(['agent', 'bot']);

/** The CSAT question's idempotency key (care/csat-ask.ts): one per ticket. */
export const csatClientId = (ticketId: string) => `csat-${ticketId}`;

interface Building {
  fact: TicketFact;
  openChange: string | null;
  withPeople: boolean;
}

/** Durations in whole seconds, never negative (a clock moved back between objects is not a negative wait). */
const seconds = (from: number, to: number) => Math.max(0, Math.round((to - from) / 1000));

export function conversationFacts(events: readonly FactEvent[]): {
  tickets: TicketFact[];
  hours: HourCount[];
} {
  const order: Building[] = [];
  const byId = new Map<string, Building>();
  const hours = new Map<string, HourCount>();
  const surveyed = new Set<string>();
  let current: Building | null = null;

  for (const e of events) {
    if (e.type === 'ticket.changed' && e.ticket) {
      const t = e.ticket;
      let b = byId.get(t.ticketId);
      if (!b) {
        b = { fact: emptyFact(t), openChange: e.change, withPeople: false };
        byId.set(t.ticketId, b);
        order.push(b);
      }
      applySnapshot(b, t);
      if (t.status === 'queued' || t.status === 'assigned') b.withPeople = true;
      if (e.change === 'handed_off' && b.fact.handedOffAt === null) {
        b.fact.handedOffAt = e.at;
        b.fact.handoffReason = t.handoffReason ?? 'unknown';
      }
      if (e.change === 'first_response' && e.authorKind === 'agent' && b.fact.firstResponseAgentId === null)
        b.fact.firstResponseAgentId = e.authorId;
      current = b;
      continue;
    }
    if (e.type !== 'message.created') continue;
    if (e.clientId?.startsWith('csat-')) surveyed.add(e.clientId.slice('csat-'.length));
    const inbound = CUSTOMER.has(e.authorKind);
    if (!inbound && !BUSINESS.has(e.authorKind)) continue;
    if (e.authorKind === 'agent' && current) {
      current.fact.human = true;
      // A first response recorded without its change line (older logs): its author is the first agent to write.
      if (current.fact.firstResponseAgentId === null && current.fact.closedAt === null)
        current.fact.firstResponseAgentId = e.authorId;
    }
    const hour = Math.floor(e.at / HOUR_MS) * HOUR_MS;
    const ticketId = current?.fact.ticketId ?? null;
    const key = `${hour}|${ticketId ?? ''}`;
    const h = hours.get(key) ?? { hour, ticketId, messagesIn: 0, messagesOut: 0 };
    if (inbound) h.messagesIn += 1;
    else h.messagesOut += 1;
    hours.set(key, h);
  }

  order.forEach((b, i) => {
    const f = b.fact;
    f.csatSurvey = surveyed.has(f.ticketId) || f.csatScore !== null;
    f.reopened = f.closedAt !== null && order[i + 1]?.openChange === 'reopened';
    f.contained = f.closedAt !== null && !b.withPeople && !f.human;
    f.firstResponseSeconds = f.firstResponseAt === null ? null : seconds(f.openedAt, f.firstResponseAt);
    f.resolutionSeconds = f.closedAt === null ? null : seconds(f.openedAt, f.closedAt);
    if (f.firstResponseAt === null) f.firstResponseAgentId = null;
    // Next-response turns are decided one by one without a time on the ticket: they count at the close.
    if (f.closedAt === null) {
      f.slaNextMet = 0;
      f.slaNextMissed = 0;
    }
  });
  return { tickets: order.map((b) => b.fact), hours: [...hours.values()] };
}

function emptyFact(t: FactSnapshot): TicketFact {
  return {
    ticketId: t.ticketId,
    agentId: null,
    teamId: null,
    tags: [],
    openedAt: t.openedAt,
    closedAt: null,
    firstResponseAt: null,
    firstResponseAgentId: null,
    firstResponseSeconds: null,
    resolutionSeconds: null,
    handedOffAt: null,
    handoffReason: null,
    human: false,
    contained: false,
    csatSurvey: false,
    csatScore: null,
    reopened: false,
    slaFirst: null,
    slaResolution: null,
    slaNextMet: 0,
    slaNextMissed: 0,
  };
}

/** The newest snapshot wins for everything that is the ticket's state (agent, team, tags, close, CSAT, SLA). */
function applySnapshot(b: Building, t: FactSnapshot): void {
  const f = b.fact;
  f.agentId = t.assigneeId;
  f.teamId = t.teamId;
  f.tags = [...new Set(t.tags)];
  f.openedAt = t.openedAt;
  f.closedAt = t.status === 'closed' ? (t.closedAt ?? null) : null;
  f.firstResponseAt = t.firstResponseAt;
  f.csatScore = t.csatScore;
  f.slaFirst = t.slaFirst;
  f.slaResolution = t.slaResolution;
  f.slaNextMet = t.slaNextMet;
  f.slaNextMissed = t.slaNextMissed;
}
