// A known history for the report tests: a tenant of its own (agent, supervisor, admin), one team, a WhatsApp
// and a widget channel, and conversations whose events are written exactly as the archiver writes them
// (conversation_events rows: type, author, client id, payload, created_at). Every number the tests expect is
// computed by hand from the timeline below (README, "Reports: one definition per metric").
import type { Client } from '@neondatabase/serverless';
import {
  type ConversationEvent,
  eventAuthor,
  eventClientId,
  type TicketChange,
  type TicketSnapshot,
} from '../../workers/contract';
import { type FreshTenant, freshTenant } from './fresh-tenant';

export interface ReportWorld {
  tenant: FreshTenant;
  a1: string;
  a2: string;
  team: string;
  whatsapp: string;
  widget: string;
  /** conversation ids by name */
  conv: Record<string, string>;
  /** ticket ids by name */
  t: Record<string, string>;
}

export async function reportWorld(owner: Client, label: string): Promise<ReportWorld> {
  const tenant = await freshTenant(owner, label, ['agent', 'supervisor', 'admin']);
  const id = tenant.id;
  const one = async (q: string, params: unknown[]) =>
    (await owner.query<{ id: string }>(q, params)).rows[0]?.id as string;
  const team = await one('insert into teams (tenant_id, name) values ($1, $2) returning id', [id, 'Suporte']);
  const phoneNumberId = `8${`${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(-12)}`;
  const whatsapp = await one(
    `insert into channels (tenant_id, kind, name, address, settings) values ($1, 'whatsapp_cloud', 'WhatsApp', $2, $3) returning id`,
    [id, phoneNumberId, JSON.stringify({ phoneNumberId, wabaId: `waba-${phoneNumberId}` })],
  );
  const widget = await one(
    `insert into channels (tenant_id, kind, name, address, settings) values ($1, 'widget', 'Site', $2, '{}') returning id`,
    [id, `w-${crypto.randomUUID()}`],
  );
  const conv: Record<string, string> = {};
  for (const [name, channel] of Object.entries({
    c1: whatsapp,
    c2: widget,
    c3: whatsapp,
    c4: whatsapp,
    c5: whatsapp,
  })) {
    const contact = await one('insert into contacts (tenant_id, name) values ($1, $2) returning id', [
      id,
      name,
    ]);
    conv[name] = await one(
      'insert into conversations (tenant_id, channel_id, contact_id) values ($1, $2, $3) returning id',
      [id, channel, contact],
    );
  }
  const t: Record<string, string> = {};
  for (const n of ['t1', 't2', 't3', 't4', 't5', 't6']) t[n] = crypto.randomUUID();
  return {
    tenant,
    a1: tenant.userIds.agent as string,
    a2: tenant.userIds.supervisor as string,
    team,
    whatsapp,
    widget,
    conv,
    t,
  };
}

/** One archived row. */
export interface Row {
  conversationId: string;
  seq: number;
  at: string;
  event: ConversationEvent;
}

export async function insertRows(owner: Client, tenantId: string, rows: Row[]): Promise<void> {
  for (const r of rows) {
    const author = eventAuthor(r.event);
    await owner.query(
      `insert into conversation_events (tenant_id, conversation_id, seq, type, author_kind, author_id, client_id, payload, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        r.conversationId,
        r.seq,
        r.event.type,
        author.kind,
        author.id,
        eventClientId(r.event),
        r.event,
        r.at,
      ],
    );
  }
}

const customer = { kind: 'contact' as const, id: 'cust' };
const bot = { kind: 'bot' as const, id: null, name: 'Bot' };
const system = { kind: 'system' as const, id: null, name: null };

export function msg(
  by: 'customer' | 'bot' | string,
  text: string,
  clientId: string | null = null,
): ConversationEvent {
  const author =
    by === 'customer' ? customer : by === 'bot' ? bot : { kind: 'agent' as const, id: by, name: 'Agente' };
  return { type: 'message.created', message: { text, author, clientId } };
}

export function note(agent: string): ConversationEvent {
  return {
    type: 'note.created',
    note: { text: 'nota', author: { kind: 'agent', id: agent, name: 'A' }, clientId: null },
  };
}

export function tc(change: TicketChange, by: string | null, ticket: TicketSnapshot): ConversationEvent {
  const author =
    by === null ? system : by === 'bot' ? bot : { kind: 'agent' as const, id: by, name: 'Agente' };
  return { type: 'ticket.changed', change, by: author, ticket };
}

export function snap(ticketId: string, openedAt: string, over: Partial<TicketSnapshot>): TicketSnapshot {
  return {
    ticketId,
    protocol: `P${ticketId.slice(0, 6)}`,
    status: 'queued',
    priority: 3,
    teamId: null,
    teamName: null,
    assigneeId: null,
    assigneeName: null,
    tags: [],
    openedAt,
    closedAt: null,
    ...over,
  };
}

const clock = (target: number, metAt: string | null, breachedAt: string | null) => ({
  targetMinutes: target,
  elapsedMs: 0,
  runningSince: null,
  dueAt: null,
  metAt,
  breachedAt,
});

/** The main history: current week 2026-03-02..08 and the week before, in UTC instants (São Paulo is UTC−3). */
export function history(w: ReportWorld): Row[] {
  const { a1, a2, team, conv, t } = w;
  const rows: Row[] = [];
  const add = (c: string, at: string, event: ConversationEvent) => {
    const seq = rows.filter((r) => r.conversationId === conv[c]).length + 1;
    rows.push({ conversationId: conv[c] as string, seq, at, event });
  };
  // t1: bot first, handed off ('requested'), A1 answers in 600 s, closed after 3600 s, rated 5.
  const o1 = '2026-03-02T12:00:00.000Z';
  const t1 = (over: Partial<TicketSnapshot>) => snap(t.t1 as string, o1, { tags: ['financeiro'], ...over });
  const sla1 = (res: string | null) => ({
    policyId: crypto.randomUUID(),
    policyName: 'Padrão',
    firstResponse: clock(15, '2026-03-02T12:10:00.000Z', null),
    nextResponse: null,
    resolution: clock(120, res, null),
    nextResponseMet: res ? 1 : 0,
    nextResponseMissed: 0,
  });
  add('c1', o1, tc('opened', null, t1({ status: 'bot' })));
  add('c1', o1, msg('customer', 'oi'));
  add('c1', '2026-03-02T12:00:30.000Z', msg('bot', 'Olá! Sou o bot.'));
  add(
    'c1',
    '2026-03-02T12:01:00.000Z',
    tc('handed_off', 'bot', t1({ status: 'queued', teamId: team, handoffReason: 'requested' })),
  );
  add(
    'c1',
    '2026-03-02T12:02:00.000Z',
    tc(
      'assigned',
      null,
      t1({ status: 'assigned', teamId: team, assigneeId: a1, handoffReason: 'requested' }),
    ),
  );
  add('c1', '2026-03-02T12:05:00.000Z', note(a1));
  add('c1', '2026-03-02T12:10:00.000Z', msg(a1, 'Oi, aqui é o atendente'));
  const fr1 = {
    status: 'assigned' as const,
    teamId: team,
    assigneeId: a1,
    handoffReason: 'requested',
    firstResponseAt: '2026-03-02T12:10:00.000Z',
  };
  add('c1', '2026-03-02T12:10:00.000Z', tc('first_response', a1, t1({ ...fr1, sla: sla1(null) })));
  add('c1', '2026-03-02T12:20:00.000Z', msg('customer', 'obrigado, resolveu'));
  const closed1 = {
    ...fr1,
    status: 'closed' as const,
    closedAt: '2026-03-02T13:00:00.000Z',
    resolvedBy: 'agent' as const,
    sla: sla1('2026-03-02T13:00:00.000Z'),
  };
  add('c1', '2026-03-02T13:00:00.000Z', tc('closed', a1, t1(closed1)));
  add('c1', '2026-03-02T13:01:00.000Z', msg('bot', 'Como você avalia?', `csat-${t.t1}`));
  add('c1', '2026-03-02T13:05:00.000Z', msg('customer', '5'));
  add(
    'c1',
    '2026-03-02T13:05:00.000Z',
    tc('rated', null, t1({ ...closed1, csat: { score: 5, comment: null, at: '2026-03-02T13:05:00.000Z' } })),
  );

  // t2: straight to A2 (no bot), answered in 1800 s (first-response SLA breached), closed after 7200 s, surveyed, no answer.
  const o2 = '2026-03-03T14:00:00.000Z';
  const t2 = (over: Partial<TicketSnapshot>) =>
    snap(t.t2 as string, o2, { teamId: team, tags: ['financeiro', 'tecnico'], ...over });
  const sla2 = (res: string | null) => ({
    policyId: crypto.randomUUID(),
    policyName: 'Padrão',
    firstResponse: clock(15, null, '2026-03-03T14:15:00.000Z'),
    nextResponse: null,
    resolution: clock(240, res, null),
    nextResponseMet: 0,
    nextResponseMissed: res ? 1 : 0,
  });
  add('c2', o2, tc('opened', null, t2({ status: 'queued' })));
  add('c2', o2, msg('customer', 'sem internet'));
  add('c2', '2026-03-03T14:01:00.000Z', tc('assigned', null, t2({ status: 'assigned', assigneeId: a2 })));
  add(
    'c2',
    '2026-03-03T14:15:00.000Z',
    tc('sla_breached', null, t2({ status: 'assigned', assigneeId: a2, sla: sla2(null), slaBreaches: 1 })),
  );
  add('c2', '2026-03-03T14:30:00.000Z', msg(a2, 'Vou verificar'));
  const fr2 = { status: 'assigned' as const, assigneeId: a2, firstResponseAt: '2026-03-03T14:30:00.000Z' };
  add('c2', '2026-03-03T14:30:00.000Z', tc('first_response', a2, t2({ ...fr2, sla: sla2(null) })));
  add(
    'c2',
    '2026-03-03T16:00:00.000Z',
    tc(
      'closed',
      a2,
      t2({
        ...fr2,
        status: 'closed',
        closedAt: '2026-03-03T16:00:00.000Z',
        resolvedBy: 'agent',
        sla: sla2('2026-03-03T16:00:00.000Z'),
      }),
    ),
  );
  add('c2', '2026-03-03T16:01:00.000Z', msg('bot', 'Como você avalia?', `csat-${t.t2}`));
  // t3: A2 reopens t2 the next day: a new ticket, answered 300 s later, still open.
  const o3 = '2026-03-04T10:00:00.000Z';
  const t3 = (over: Partial<TicketSnapshot>) =>
    snap(t.t3 as string, o3, { teamId: team, status: 'assigned', assigneeId: a2, reopenCount: 1, ...over });
  add('c2', o3, tc('reopened', a2, t3({})));
  add('c2', '2026-03-04T10:05:00.000Z', msg(a2, 'Voltei a abrir'));
  add(
    'c2',
    '2026-03-04T10:05:00.000Z',
    tc('first_response', a2, t3({ firstResponseAt: '2026-03-04T10:05:00.000Z' })),
  );

  // t4: the bot alone, closed after 300 s: contained.
  const o4 = '2026-03-05T20:00:00.000Z';
  add('c3', o4, tc('opened', null, snap(t.t4 as string, o4, { status: 'bot' })));
  add('c3', o4, msg('customer', '2 via do boleto'));
  add('c3', '2026-03-05T20:01:00.000Z', msg('bot', 'Segue o boleto'));
  add('c3', '2026-03-05T20:02:00.000Z', msg('customer', 'valeu'));
  add(
    'c3',
    '2026-03-05T20:05:00.000Z',
    tc(
      'closed',
      'bot',
      snap(t.t4 as string, o4, { status: 'closed', closedAt: '2026-03-05T20:05:00.000Z', resolvedBy: 'bot' }),
    ),
  );

  // t5: the previous week: A1 answers in 300 s, closes after 1800 s.
  const o5 = '2026-02-25T12:00:00.000Z';
  const t5 = (over: Partial<TicketSnapshot>) =>
    snap(t.t5 as string, o5, { teamId: team, status: 'assigned', assigneeId: a1, ...over });
  add('c4', o5, tc('opened', null, t5({})));
  add('c4', o5, msg('customer', 'ajuda'));
  add('c4', '2026-02-25T12:05:00.000Z', msg(a1, 'Claro'));
  add(
    'c4',
    '2026-02-25T12:05:00.000Z',
    tc('first_response', a1, t5({ firstResponseAt: '2026-02-25T12:05:00.000Z' })),
  );
  add(
    'c4',
    '2026-02-25T12:30:00.000Z',
    tc(
      'closed',
      a1,
      t5({
        firstResponseAt: '2026-02-25T12:05:00.000Z',
        status: 'closed',
        closedAt: '2026-02-25T12:30:00.000Z',
        resolvedBy: 'agent',
      }),
    ),
  );

  // t6: the bot hands off ('low_confidence') and nobody has answered yet; its bot message is no first response.
  const o6 = '2026-03-06T14:58:00.000Z';
  add('c5', o6, tc('opened', null, snap(t.t6 as string, o6, { status: 'bot' })));
  add('c5', o6, msg('customer', 'quero falar com alguém'));
  add('c5', '2026-03-06T14:59:00.000Z', msg('bot', 'Um momento'));
  add(
    'c5',
    '2026-03-06T15:00:00.000Z',
    tc('handed_off', 'bot', snap(t.t6 as string, o6, { status: 'queued', handoffReason: 'low_confidence' })),
  );
  return rows;
}
