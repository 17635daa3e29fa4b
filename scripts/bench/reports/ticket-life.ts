// One ticket's life, as the conversation object logs it: opened (with the bot on WhatsApp, straight to the
// queue on the widget), the bot's exchange, then either the bot closes it (contained) or hands it off with a
// reason; the queue wait (sometimes past the 15-minute first-response target: an `sla_breached` line), the
// assignment, the agent's first reply (`first_response`, the SLA clocks on the snapshot), a few turns, the
// close (some only the next day, past the 8-hour resolution target), the CSAT question and maybe its answer,
// and now and then the agent reopening it later (a new ticket in the same conversation). Events after `now`
// are not written: a ticket still going then stays open, as it would be in the product.
import type {
  Author,
  ConversationEvent,
  TicketChange,
  TicketSla,
  TicketSnapshot,
} from '../../../workers/contract';
import { type Conversation, type DayBatch, pushEvent } from './rows';

export interface TicketWorld {
  agents: { id: string; name: string; weight: number }[];
  teams: { id: string; name: string }[];
  tags: string[];
}

export interface Ticketing {
  rnd: () => number;
  now: number;
  nextProtocol: (at: number) => string;
}

const MIN = 60_000;
const FIRST_TARGET_MIN = 15;
const RESOLUTION_TARGET_MIN = 480;
const NEXT_TARGET_MIN = 10;
/** What the bot hands off for: the runtime's own codes and the demo flow's own words, as real tickets carry them. */
const REASONS = ['requested', 'low_confidence', 'O robô não entendeu o pedido', 'ERP indisponível'] as const;
const SYSTEM: Author = { kind: 'system', id: null, name: null };
const BOT: Author = { kind: 'bot', id: null, name: 'Assistente' };
const CUSTOMER: Author = { kind: 'contact', id: 'customer', name: 'Cliente' };

/** Exponential wait with this mean (ms), never above `cap`. */
const expo = (rnd: () => number, mean: number, cap: number) => Math.min(cap, -Math.log(1 - rnd()) * mean);
const pickOf = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

function pickAgent(w: TicketWorld, rnd: () => number): { id: string; name: string } {
  const total = w.agents.reduce((a, b) => a + b.weight, 0);
  let x = rnd() * total;
  for (const a of w.agents) {
    x -= a.weight;
    if (x < 0) return a;
  }
  return w.agents[0] as { id: string; name: string };
}

const iso = (ms: number) => new Date(ms).toISOString();

function clock(target: number, start: number, decidedAt: number | null, met: boolean) {
  return {
    targetMinutes: target,
    elapsedMs: decidedAt === null ? 0 : Math.max(0, decidedAt - start),
    runningSince: decidedAt === null ? iso(start) : null,
    dueAt: iso(start + target * MIN),
    metAt: decidedAt !== null && met ? iso(decidedAt) : null,
    breachedAt: decidedAt !== null && !met ? iso(Math.min(decidedAt, start + target * MIN)) : null,
  };
}

/** Writes one ticket (and the reopen it may lead to) into `batch`; the conversation is busy until its end. */
export function ticketLife(
  conv: Conversation,
  openAt: number,
  w: TicketWorld,
  t: Ticketing,
  batch: DayBatch,
  reopenCount: number,
  reopenBy: { id: string; name: string } | null = null,
): void {
  const { rnd, now } = t;
  const id = crypto.randomUUID();
  const tags = rnd() < 0.8 ? [pickOf(rnd, w.tags), ...(rnd() < 0.25 ? [pickOf(rnd, w.tags)] : [])] : [];
  const team = w.teams[tags[0] ? Math.abs(hash(tags[0])) % w.teams.length : 0] as {
    id: string;
    name: string;
  };
  let snap: TicketSnapshot = {
    ticketId: id,
    protocol: t.nextProtocol(openAt),
    status: 'queued',
    priority: 3,
    teamId: null,
    teamName: null,
    assigneeId: null,
    assigneeName: null,
    tags: [],
    openedAt: iso(openAt),
    closedAt: null,
    reopenCount,
  };
  let lastAt = openAt;
  let stateSeq = 0;
  let stopped = false;
  const emit = (at: number, event: ConversationEvent) => {
    if (stopped || at > now) {
      stopped = true;
      return;
    }
    lastAt = at;
    const seq = pushEvent(batch, conv, at, event);
    if (event.type === 'ticket.changed') stateSeq = seq;
  };
  const change = (at: number, c: TicketChange, by: Author, over: Partial<TicketSnapshot>) => {
    if (stopped || at > now) {
      stopped = true;
      return;
    }
    snap = { ...snap, ...over };
    emit(at, { type: 'ticket.changed', change: c, by, ticket: snap });
  };
  const say = (at: number, by: Author, text: string, clientId: string | null = null) =>
    emit(at, { type: 'message.created', message: { text, author: by, clientId } });
  const agentAuthor = (a: { id: string; name: string }): Author => ({
    kind: 'agent',
    id: a.id,
    name: a.name,
  });

  let at = openAt;
  let slaStart = openAt;
  let agent = reopenBy;
  if (reopenBy) {
    change(at, 'reopened', agentAuthor(reopenBy), {
      status: 'assigned',
      teamId: team.id,
      teamName: team.name,
      assigneeId: reopenBy.id,
      assigneeName: reopenBy.name,
      tags,
    });
  } else if (conv.bot) {
    change(at, 'opened', SYSTEM, { status: 'bot' });
    say(at, CUSTOMER, 'Oi, minha internet está sem sinal');
    at += 20_000;
    say(at, BOT, 'Olá! Sou o assistente virtual. Pode me dizer o CPF do titular?');
    at += MIN + rnd() * 2 * MIN;
    say(at, CUSTOMER, '123.456.789-09');
    at += 15_000;
    say(at, BOT, 'Encontrei seu contrato. Já verifiquei sua conexão.');
    if (rnd() < 0.38) {
      // Contained: the bot solved it (a second copy of the bill, an unlock by trust).
      at += MIN + rnd() * 5 * MIN;
      change(at, 'closed', BOT, { status: 'closed', closedAt: iso(at), resolvedBy: 'bot', tags });
      csat(at);
      finish();
      return;
    }
    at += 30_000;
    slaStart = at;
    change(at, 'handed_off', BOT, {
      status: 'queued',
      teamId: team.id,
      teamName: team.name,
      tags,
      handoffReason: pickOf(rnd, REASONS),
      queuedAt: iso(at),
    });
  } else {
    change(at, 'opened', SYSTEM, {
      status: 'queued',
      teamId: team.id,
      teamName: team.name,
      tags,
      queuedAt: iso(at),
    });
    say(at, CUSTOMER, 'Boa tarde, preciso de ajuda com meu plano');
  }

  if (!reopenBy) {
    // The queue: usually minutes, sometimes long enough to breach the first-response target.
    const wait =
      rnd() < 0.15 ? 10 * MIN + expo(rnd, 40 * MIN, 6 * 60 * MIN) : 20_000 + expo(rnd, 5 * MIN, 60 * MIN);
    agent = pickAgent(w, rnd);
    const assignAt = slaStart + wait * 0.7;
    const firstAt = slaStart + wait;
    const breachAt = slaStart + FIRST_TARGET_MIN * MIN;
    const breached = firstAt > breachAt;
    const breachLine = () =>
      // The clock as of the breach: decided, not met (any instant past the target says so).
      change(breachAt, 'sla_breached', SYSTEM, {
        sla: sla(slaStart, breachAt + 1, null, 0, 0),
        slaBreaches: 1,
      });
    if (breached && breachAt < assignAt) breachLine();
    change(assignAt, 'assigned', SYSTEM, {
      status: 'assigned',
      assigneeId: agent.id,
      assigneeName: agent.name,
    });
    if (breached && breachAt >= assignAt) breachLine();
    at = firstAt;
  } else {
    at += 10_000;
  }
  const who = agent as { id: string; name: string };
  say(at, agentAuthor(who), 'Olá! Vou verificar sua conexão agora mesmo.');
  const firstAt = at;
  change(at, 'first_response', agentAuthor(who), {
    firstResponseAt: iso(at),
    sla: sla(slaStart, firstAt, null, 0, 0),
  });
  let nextMet = 0;
  let nextMissed = 0;
  const turns = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < turns; i++) {
    at += MIN + rnd() * 4 * MIN;
    say(at, CUSTOMER, 'Ainda está lento por aqui');
    const reply = expo(rnd, 4 * MIN, 90 * MIN);
    if (reply <= NEXT_TARGET_MIN * MIN) nextMet += 1;
    else nextMissed += 1;
    at += reply;
    say(at, agentAuthor(who), 'Reiniciei sua ONU, pode testar?');
  }
  // Most close within the hour; some wait for a technician (the next day or later).
  at += rnd() < 0.12 ? 2 * 3_600_000 + rnd() * 30 * 3_600_000 : 2 * MIN + rnd() * 20 * MIN;
  change(at, 'closed', agentAuthor(who), {
    status: 'closed',
    closedAt: iso(at),
    resolvedBy: 'agent',
    sla: sla(slaStart, firstAt, at, nextMet, nextMissed),
    slaBreaches:
      (firstAt - slaStart > FIRST_TARGET_MIN * MIN ? 1 : 0) +
      (at - slaStart > RESOLUTION_TARGET_MIN * MIN ? 1 : 0),
  });
  csat(at);
  finish();
  if (!stopped && reopenCount === 0 && rnd() < 0.06) {
    // The customer calls back and the agent reopens the demand: a new ticket in the same conversation.
    const reopenAt = lastAt + MIN + rnd() * 48 * 3_600_000;
    if (reopenAt <= now) ticketLife(conv, reopenAt, w, t, batch, 1, who);
  }

  function csat(closedAt: number): void {
    if (rnd() >= 0.7) return;
    const askAt = closedAt + 30_000;
    say(askAt, BOT, 'De 1 a 5, como você avalia este atendimento?', `csat-${id}`);
    if (rnd() >= 0.45) return;
    const answerAt = askAt + MIN + rnd() * 30 * MIN;
    const x = rnd();
    const score = x < 0.45 ? 5 : x < 0.7 ? 4 : x < 0.82 ? 3 : x < 0.9 ? 2 : 1;
    say(answerAt, CUSTOMER, String(score));
    change(answerAt, 'rated', SYSTEM, { csat: { score, comment: null, at: iso(answerAt) } });
  }

  function finish(): void {
    conv.busyUntil = stopped ? Number.POSITIVE_INFINITY : lastAt + MIN;
    batch.tickets.push({
      id,
      conversationId: conv.id,
      protocol: snap.protocol,
      status: snap.status,
      teamId: snap.teamId,
      assigneeId: snap.assigneeId,
      tags: snap.tags,
      handoffReason: snap.handoffReason ?? null,
      resolvedBy: snap.resolvedBy ?? null,
      csat: snap.csat?.score ?? null,
      csatAt: snap.csat?.at ?? null,
      queuedAt: snap.queuedAt ?? null,
      reopenCount,
      sla: snap.sla ? JSON.stringify(snap.sla) : null,
      slaBreaches: snap.slaBreaches ?? 0,
      openedAt: snap.openedAt,
      firstResponseAt: snap.firstResponseAt ?? null,
      closedAt: snap.closedAt,
      stateSeq,
    });
  }
}

/** The SLA as the ticket carries it: first response and resolution clocks, next-response turns so far. */
function sla(
  start: number,
  firstAt: number | null,
  closedAt: number | null,
  met: number,
  missed: number,
): TicketSla {
  return {
    policyId: '00000000-0000-4000-8000-00000000beef',
    policyName: 'Padrão',
    firstResponse: clock(
      FIRST_TARGET_MIN,
      start,
      firstAt,
      firstAt !== null && firstAt - start <= FIRST_TARGET_MIN * MIN,
    ),
    nextResponse: null,
    resolution: clock(
      RESOLUTION_TARGET_MIN,
      start,
      closedAt,
      closedAt !== null && closedAt - start <= RESOLUTION_TARGET_MIN * MIN,
    ),
    nextResponseMet: met,
    nextResponseMissed: missed,
  };
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}
