// Writes a generated history (history.ts) straight into Postgres in bulk, as the archive would have left it:
// the tenant's extra agents, contacts and one conversation each (WhatsApp with the bot, or the widget),
// monthly partitions of conversation_events for the past months (what the daily partition job would have
// made), then day by day the events and the `tickets` rows with multi-row `unnest` inserts, and finally each
// conversation's last seq and status. Nothing of the report tables is written here: the product's own rollup
// job builds them from these events (run.ts times it).
import type pg from 'pg';
import { addDays, todayIn } from '../../../app/agent/admin/reports/report-range';
import { generateHistory } from './history';
import type { Conversation, DayBatch } from './rows';
import type { TicketWorld } from './ticket-life';

export interface SeedSpec {
  tenantId: string;
  zone: string;
  lastDay: string;
  days: number;
  ticketsPerDay: number;
  /** Agents added to the tenant's own (they only need to exist: reports group by them). */
  extraAgents: number;
  seed: number;
  label: string;
}

export interface SeedResult {
  tickets: number;
  events: number;
  conversations: number;
  agents: number;
  /** Tickets opened per tenant-local day (what ticketsOpened must add up to). */
  openedByDay: Map<string, number>;
  ms: number;
}

const INSERT_ROWS = 4_000;
const TAGS = ['financeiro', 'tecnico', 'sem-conexao', 'lentidao', 'comercial', 'cancelamento', 'mudanca'];

export async function seedHistory(
  db: pg.Client,
  spec: SeedSpec,
  log: (l: string) => void,
): Promise<SeedResult> {
  const t0 = performance.now();
  const world = await prepareWorld(db, spec);
  await ensurePastPartitions(db, addDays(spec.lastDay, -spec.days - 31), log);
  // About three tickets per customer over the period: people come back.
  const total = Math.ceil(spec.days * spec.ticketsPerDay);
  const conversations = await createConversations(db, spec, Math.max(50, Math.ceil(total / 3)));
  const openedByDay = new Map<string, number>();
  let tickets = 0;
  let events = 0;
  const pending: DayBatch[] = [];
  let pendingEvents = 0;
  const flush = async () => {
    const merged: DayBatch = {
      events: pending.flatMap((b) => b.events),
      tickets: pending.flatMap((b) => b.tickets),
    };
    pending.length = 0;
    pendingEvents = 0;
    await insertBatch(db, spec.tenantId, merged);
  };
  const days = generateHistory({
    world,
    zone: spec.zone,
    lastDay: spec.lastDay,
    days: spec.days,
    ticketsPerDay: spec.ticketsPerDay,
    conversations,
    now: Date.now(),
    seed: spec.seed,
  });
  for (const { batch } of days) {
    for (const t of batch.tickets) {
      const day = todayIn(spec.zone, Date.parse(t.openedAt));
      openedByDay.set(day, (openedByDay.get(day) ?? 0) + 1);
    }
    tickets += batch.tickets.length;
    events += batch.events.length;
    pending.push(batch);
    pendingEvents += batch.events.length;
    if (pendingEvents >= 40_000) {
      await flush();
      log(`  ${spec.label}: ${events} events, ${tickets} tickets written`);
    }
  }
  if (pending.length > 0) await flush();
  await db.query(
    `update conversations c set last_seq = x.seq, last_activity_at = x.at,
       status = coalesce((select t.status from tickets t where t.conversation_id = c.id order by t.opened_at desc limit 1), 'closed')
     from (select conversation_id, max(seq) as seq, max(created_at) as at from conversation_events
           where tenant_id = $1 group by conversation_id) x
     where c.tenant_id = $1 and c.id = x.conversation_id`,
    [spec.tenantId],
  );
  await db.query('analyze conversation_events');
  await db.query('analyze tickets');
  return {
    tickets,
    events,
    conversations: conversations.length,
    agents: world.agents.length,
    openedByDay,
    ms: performance.now() - t0,
  };
}

async function prepareWorld(db: pg.Client, spec: SeedSpec): Promise<TicketWorld> {
  const existing = await db.query<{ id: string; name: string }>(
    `select id, name from users where tenant_id = $1 and role in ('agent', 'supervisor') order by email`,
    [spec.tenantId],
  );
  const added = await db.query<{ id: string; name: string }>(
    `insert into users (tenant_id, email, name, role)
     select $1, format('bench-agent-%s-%s@reports.fio.local', $2::text, n), format('Agente %s', n), 'agent'
     from generate_series(1, $3::int) n
     on conflict do nothing returning id, name`,
    [spec.tenantId, spec.label, spec.extraAgents],
  );
  const teams = await db.query<{ id: string; name: string }>(
    'select id, name from teams where tenant_id = $1 order by name',
    [spec.tenantId],
  );
  const agents = [...existing.rows, ...added.rows];
  if (agents.length === 0 || teams.rows.length === 0)
    throw new Error(`${spec.label}: no agents or teams to seed`);
  // Some agents carry more than others (the "who is overloaded" question has an answer).
  return {
    agents: agents.map((a, i) => ({ ...a, weight: 1 + (i % 4) })),
    teams: teams.rows,
    tags: TAGS,
  };
}

/** The months before the ones the migrations prepared, as the daily partition job would have created them. */
async function ensurePastPartitions(db: pg.Client, fromDay: string, log: (l: string) => void): Promise<void> {
  const { rows } = await db.query<{ m: string }>(
    `select to_char(m, 'YYYY-MM-DD') as m from generate_series(date_trunc('month', $1::date),
       date_trunc('month', now()), interval '1 month') m`,
    [fromDay],
  );
  for (const { m } of rows) {
    const name = `conversation_events_${m.slice(0, 7).replace('-', '_')}`;
    try {
      await db.query(
        `do $$ begin if to_regclass('${name}') is null then
           execute format('create table %I partition of conversation_events for values from (%L) to (%L)',
             '${name}', '${m}'::timestamptz, ('${m}'::date + interval '1 month')::timestamptz);
         end if; end $$`,
      );
    } catch (err) {
      // The default partition already holds rows of that month: they stay there (reads are the same).
      log(`  partition ${name} not created: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

async function createConversations(db: pg.Client, spec: SeedSpec, count: number): Promise<Conversation[]> {
  const channels = await db.query<{ id: string; kind: string }>(
    `select id, kind from channels where tenant_id = $1 and removed_at is null and kind in ('whatsapp_cloud', 'widget')
     order by kind, created_at`,
    [spec.tenantId],
  );
  const whatsapp = channels.rows.filter((c) => c.kind === 'whatsapp_cloud').map((c) => c.id);
  const widget = channels.rows.filter((c) => c.kind === 'widget').map((c) => c.id);
  if (whatsapp.length === 0 || widget.length === 0)
    throw new Error(`${spec.label}: needs a WhatsApp and a widget channel`);
  // 70 % of customers on WhatsApp (spread over the numbers), 30 % on the site's widget.
  const { rows } = await db.query<{ id: string; channel_id: string; kind: string }>(
    `with people as (
       select n, (n % 10) < 7 as wa from generate_series(1, $2::int) n
     ), contacts_in as (
       insert into contacts (tenant_id, name, phone, visitor_id)
       select $1, format('Cliente %s', n),
         case when wa then format('55%s%s', 11 + (n % 80), lpad((800000000 + n)::text, 9, '0')) end,
         case when not wa then gen_random_uuid() end
       from people on conflict do nothing returning id, phone
     )
     insert into conversations (tenant_id, channel_id, contact_id, status, created_at)
     select $1,
       case when phone is not null then ($3::uuid[])[1 + (abs(hashtext(id::text)) % array_length($3::uuid[], 1))]
            else ($4::uuid[])[1] end,
       id, 'closed', now() - interval '400 days'
     from contacts_in
     returning id, channel_id, (select kind from channels where channels.id = channel_id) as kind`,
    [spec.tenantId, count, whatsapp, widget],
  );
  return rows.map((r) => ({
    id: r.id,
    channelId: r.channel_id,
    bot: r.kind === 'whatsapp_cloud',
    seq: 0,
    busyUntil: Number.NEGATIVE_INFINITY,
  }));
}

async function insertBatch(db: pg.Client, tenantId: string, batch: DayBatch): Promise<void> {
  for (let i = 0; i < batch.events.length; i += INSERT_ROWS) {
    const rows = batch.events.slice(i, i + INSERT_ROWS);
    await db.query(
      // Archived a second after it happened, as the outbox does (its lag is milliseconds to seconds). Left to
      // the column's default, the whole year looked archived in the minutes of the seeding, and the rollup's
      // one-minute overlap re-read a large share of it on every later cron tick.
      `insert into conversation_events (tenant_id, conversation_id, seq, type, author_kind, author_id, client_id, payload, created_at, archived_at)
       select $1, u.*, u.at + interval '1 second'
       from unnest($2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::timestamptz[])
         as u (conversation_id, seq, type, author_kind, author_id, client_id, payload, at)`,
      [
        tenantId,
        rows.map((r) => r.conversationId),
        rows.map((r) => r.seq),
        rows.map((r) => r.type),
        rows.map((r) => r.authorKind),
        rows.map((r) => r.authorId),
        rows.map((r) => r.clientId),
        rows.map((r) => r.payload),
        rows.map((r) => r.at),
      ],
    );
  }
  for (let i = 0; i < batch.tickets.length; i += INSERT_ROWS) {
    const rows = batch.tickets.slice(i, i + INSERT_ROWS);
    await db.query(
      `insert into tickets (tenant_id, id, conversation_id, protocol, status, team_id, assignee_id, tags,
         handoff_reason, resolved_by, csat, csat_at, queued_at, reopen_count, sla, sla_breaches, opened_at,
         first_response_at, closed_at, state_seq)
       select $1, x.id, x.conversation_id, x.protocol, x.status, x.team_id, x.assignee_id,
         coalesce(array(select jsonb_array_elements_text(x.tags)), '{}'), x.handoff_reason, x.resolved_by,
         x.csat, x.csat_at, x.queued_at, x.reopen_count, x.sla, x.sla_breaches, x.opened_at,
         x.first_response_at, x.closed_at, x.state_seq
       from jsonb_to_recordset($2::jsonb) as x(id uuid, conversation_id uuid, protocol text, status text,
         team_id uuid, assignee_id uuid, tags jsonb, handoff_reason text, resolved_by text, csat smallint,
         csat_at timestamptz, queued_at timestamptz, reopen_count int, sla jsonb, sla_breaches int,
         opened_at timestamptz, first_response_at timestamptz, closed_at timestamptz, state_seq bigint)`,
      [
        tenantId,
        JSON.stringify(
          rows.map((t) => ({
            id: t.id,
            conversation_id: t.conversationId,
            protocol: t.protocol,
            status: t.status,
            team_id: t.teamId,
            assignee_id: t.assigneeId,
            tags: t.tags,
            handoff_reason: t.handoffReason,
            resolved_by: t.resolvedBy,
            csat: t.csat,
            csat_at: t.csatAt,
            queued_at: t.queuedAt,
            reopen_count: t.reopenCount,
            sla: t.sla === null ? null : JSON.parse(t.sla),
            sla_breaches: t.slaBreaches,
            opened_at: t.openedAt,
            first_response_at: t.firstResponseAt,
            closed_at: t.closedAt,
            state_seq: t.stateSeq,
          })),
        ),
      ],
    );
  }
}
