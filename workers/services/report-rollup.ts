// Incremental maintenance of the report facts and rollups for one tenant. The archive stamps every event with
// `archived_at`; the job reads the conversations with events archived after the tenant's watermark (minus an
// overlap, so an archive transaction that committed late is still seen), rebuilds each conversation's ticket
// facts and hourly message counts whole from its events (report-facts.ts), and re-derives only the hourly
// rollup rows those conversations touched (before or after), all in one transaction per batch. Rebuilding a
// conversation whole makes every run idempotent: a re-run, an overlap or a late event changes nothing else.
import { sql } from 'drizzle-orm';
import { type Database, inTenant, type Tx } from './db';
import { conversationFacts, type FactEvent, type FactSnapshot, type SlaOutcome } from './report-facts';
import { type TicketRow, withSilentTickets } from './report-silent-tickets';

/** Conversations per batch (one transaction each). */
export const ROLLUP_BATCH = 200;
/** Events archived this long before the watermark are looked at again (an archive statement that committed late). */
export const ROLLUP_OVERLAP_MS = 60_000;

export interface RollupRun {
  batches: number;
  conversations: number;
  tickets: number;
  /** Another run held the tenant's lock: nothing was done. */
  busy: boolean;
}

/** Brings one tenant's report tables up to date with its archived events. */
export async function rollupTenant(
  primary: Database,
  tenantId: string,
  now = new Date(),
): Promise<RollupRun> {
  const run: RollupRun = { batches: 0, conversations: 0, tickets: 0, busy: false };
  let cursor: { at: string; id: string } | null = null;
  let start: string | null = null;
  for (;;) {
    const step = await inTenant(primary, tenantId, async (tx) => {
      // One run per tenant at a time: a slow run and the next minute's never interleave their writes.
      const lock = await tx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(hashtextextended(${`fio-reports:${tenantId}`}, 0)) as ok`,
      );
      if (!lock.rows[0]?.ok) return null;
      if (start === null) start = await runStart(tx, tenantId);
      const batch = await nextBatch(tx, tenantId, start, cursor);
      if (batch.length > 0)
        run.tickets += await rebuildConversations(
          tx,
          tenantId,
          batch.map((b) => b.id),
        );
      const last = batch.at(-1);
      await tx.execute(
        sql`insert into report_state (tenant_id, watermark, fresh_at)
            values (${tenantId}::uuid, ${last?.at ?? null}::timestamptz, ${now.toISOString()}::timestamptz)
            on conflict (tenant_id) do update set
              watermark = greatest(report_state.watermark, excluded.watermark),
              fresh_at = excluded.fresh_at`,
      );
      return batch;
    });
    if (step === null) {
      run.busy = true;
      return run;
    }
    if (step.length === 0) return run;
    run.batches += 1;
    run.conversations += step.length;
    const last = step.at(-1) as { at: string; id: string };
    cursor = { at: last.at, id: last.id };
    if (step.length < ROLLUP_BATCH) return run;
  }
}

/** Where this run starts reading: the watermark less the overlap, or the beginning of time. */
async function runStart(tx: Tx, tenantId: string): Promise<string> {
  const { rows } = await tx.execute<{ start: string }>(
    sql`select coalesce((watermark - make_interval(secs => ${ROLLUP_OVERLAP_MS / 1000}))::text, '-infinity') as start
        from (select (select watermark from report_state where tenant_id = ${tenantId}::uuid) as watermark) s`,
  );
  return rows[0]?.start ?? '-infinity';
}

/**
 * The next conversations by the newest archive time of their events, then id (a keyset, so a batch boundary
 * inside a run of equal times loses nothing). Events older than the cursor cannot change a newer maximum, so
 * the scan starts at the cursor's time.
 */
async function nextBatch(
  tx: Tx,
  tenantId: string,
  start: string,
  cursor: { at: string; id: string } | null,
): Promise<{ id: string; at: string }[]> {
  const from = cursor?.at ?? start;
  const { rows } = await tx.execute<{ id: string; at: string }>(
    sql`select conversation_id as id, max(archived_at)::text as at from conversation_events
        where tenant_id = ${tenantId}::uuid and archived_at > ${start}::timestamptz
          and archived_at >= ${from}::timestamptz
        group by conversation_id
        having ${cursor === null}::boolean
          or (max(archived_at), conversation_id) > (${cursor?.at ?? null}::timestamptz, ${cursor?.id ?? null}::uuid)
        order by max(archived_at), conversation_id
        limit ${ROLLUP_BATCH}`,
  );
  return rows;
}

interface EventRow extends Record<string, unknown> {
  conversation_id: string;
  seq: string | number;
  at: number;
  type: string;
  author_kind: string;
  author_id: string | null;
  client_id: string | null;
  change: string | null;
  ticket_id: string | null;
  status: string | null;
  assignee_id: string | null;
  team_id: string | null;
  tags: string[] | null;
  opened_at: string | null;
  closed_at: string | null;
  first_response_at: string | null;
  handoff_reason: string | null;
  csat_score: number | null;
  sla_first_met: string | null;
  sla_first_breached: string | null;
  sla_res_met: string | null;
  sla_res_breached: string | null;
  sla_next_met: number | null;
  sla_next_missed: number | null;
}

/** Rewrites the facts and hourly counts of these conversations and re-derives the rollup hours they touch. */
export async function rebuildConversations(tx: Tx, tenantId: string, ids: string[]): Promise<number> {
  const idList = sql`${`{${ids.join(',')}}`}::uuid[]`;
  const { rows } = await tx.execute<EventRow>(
    sql`select e.conversation_id, e.seq, (extract(epoch from e.created_at) * 1000)::float8 as at, e.type,
          e.author_kind, e.author_id, e.client_id, e.payload->>'change' as change,
          t->>'ticketId' as ticket_id, t->>'status' as status, t->>'assigneeId' as assignee_id,
          t->>'teamId' as team_id,
          case when jsonb_typeof(t->'tags') = 'array' then array(select jsonb_array_elements_text(t->'tags')) end as tags,
          t->>'openedAt' as opened_at, t->>'closedAt' as closed_at, t->>'firstResponseAt' as first_response_at,
          t->>'handoffReason' as handoff_reason, (t->'csat'->>'score')::int as csat_score,
          t->'sla'->'firstResponse'->>'metAt' as sla_first_met, t->'sla'->'firstResponse'->>'breachedAt' as sla_first_breached,
          t->'sla'->'resolution'->>'metAt' as sla_res_met, t->'sla'->'resolution'->>'breachedAt' as sla_res_breached,
          (t->'sla'->>'nextResponseMet')::int as sla_next_met, (t->'sla'->>'nextResponseMissed')::int as sla_next_missed
        from conversation_events e
        left join lateral (select case when e.type = 'ticket.changed' then e.payload->'ticket' end as t) x on true
        where e.tenant_id = ${tenantId}::uuid and e.conversation_id = any(${idList})
          and e.type in ('ticket.changed', 'message.created')
        order by e.conversation_id, e.seq`,
  );
  const channels = await tx.execute<{ id: string; channel_id: string | null }>(
    sql`select id, channel_id from conversations where tenant_id = ${tenantId}::uuid and id = any(${idList})`,
  );
  const channelOf = new Map(channels.rows.map((r) => [r.id, r.channel_id]));
  const byConversation = new Map<string, FactEvent[]>();
  for (const r of rows) {
    const list = byConversation.get(r.conversation_id) ?? [];
    list.push(toFactEvent(r));
    byConversation.set(r.conversation_id, list);
  }
  // Tickets the log never mentions (a first ticket nobody touched yet) still count: see report-silent-tickets.ts.
  const ticketsOf = await silentTicketRows(tx, tenantId, idList);
  for (const [conversationId, list] of ticketsOf)
    byConversation.set(conversationId, withSilentTickets(byConversation.get(conversationId) ?? [], list));

  const ticketRows: Record<string, unknown>[] = [];
  const hourRows: Record<string, unknown>[] = [];
  for (const [conversationId, events] of byConversation) {
    const channelId = channelOf.get(conversationId) ?? null;
    const facts = conversationFacts(events);
    for (const f of facts.tickets) {
      ticketRows.push({
        ticket_id: f.ticketId,
        conversation_id: conversationId,
        channel_id: channelId,
        agent_id: f.agentId,
        team_id: f.teamId,
        tags: f.tags,
        opened_at: iso(f.openedAt),
        closed_at: iso(f.closedAt),
        first_response_at: iso(f.firstResponseAt),
        first_response_agent_id: f.firstResponseAgentId,
        first_response_seconds: f.firstResponseSeconds,
        resolution_seconds: f.resolutionSeconds,
        handed_off_at: iso(f.handedOffAt),
        handoff_reason: f.handoffReason,
        human: f.human,
        contained: f.contained,
        csat_survey: f.csatSurvey,
        csat_score: f.csatScore,
        reopened: f.reopened,
        sla_first_at: iso(f.slaFirst?.at ?? null),
        sla_first_met: f.slaFirst?.met ?? null,
        sla_resolution_at: iso(f.slaResolution?.at ?? null),
        sla_resolution_met: f.slaResolution?.met ?? null,
        sla_next_met: f.slaNextMet,
        sla_next_missed: f.slaNextMissed,
      });
    }
    for (const h of facts.hours) {
      hourRows.push({
        conversation_id: conversationId,
        hour: iso(h.hour),
        ticket_id: h.ticketId,
        channel_id: channelId,
        messages_in: h.messagesIn,
        messages_out: h.messagesOut,
      });
    }
  }

  const old = await tx.execute<{ ms: number }>(
    sql`select distinct (extract(epoch from hour) * 1000)::float8 as ms from report_conversation_hours
        where tenant_id = ${tenantId}::uuid and conversation_id = any(${idList})`,
  );
  await tx.execute(
    sql`delete from report_tickets where tenant_id = ${tenantId}::uuid and conversation_id = any(${idList})`,
  );
  await tx.execute(
    sql`delete from report_conversation_hours where tenant_id = ${tenantId}::uuid and conversation_id = any(${idList})`,
  );
  if (ticketRows.length > 0) {
    await tx.execute(
      sql`insert into report_tickets (tenant_id, ticket_id, conversation_id, channel_id, agent_id, team_id, tags,
            opened_at, closed_at, first_response_at, first_response_agent_id, first_response_seconds,
            resolution_seconds, handed_off_at, handoff_reason, human, contained, csat_survey, csat_score, reopened,
            sla_first_at, sla_first_met, sla_resolution_at, sla_resolution_met, sla_next_met, sla_next_missed)
          select ${tenantId}::uuid, x.ticket_id, x.conversation_id, x.channel_id, x.agent_id, x.team_id,
            coalesce(array(select jsonb_array_elements_text(x.tags)), '{}'), x.opened_at, x.closed_at,
            x.first_response_at, x.first_response_agent_id, x.first_response_seconds, x.resolution_seconds,
            x.handed_off_at, x.handoff_reason, x.human, x.contained, x.csat_survey, x.csat_score, x.reopened,
            x.sla_first_at, x.sla_first_met, x.sla_resolution_at, x.sla_resolution_met, x.sla_next_met,
            x.sla_next_missed
          from jsonb_to_recordset(${JSON.stringify(ticketRows)}::jsonb) as x(ticket_id uuid, conversation_id uuid,
            channel_id uuid, agent_id uuid, team_id uuid, tags jsonb, opened_at timestamptz, closed_at timestamptz,
            first_response_at timestamptz, first_response_agent_id uuid, first_response_seconds float8,
            resolution_seconds float8, handed_off_at timestamptz, handoff_reason text, human boolean,
            contained boolean, csat_survey boolean, csat_score smallint, reopened boolean,
            sla_first_at timestamptz, sla_first_met boolean, sla_resolution_at timestamptz,
            sla_resolution_met boolean, sla_next_met integer, sla_next_missed integer)
          on conflict (tenant_id, ticket_id) do nothing`,
    );
  }
  if (hourRows.length > 0) {
    await tx.execute(
      sql`insert into report_conversation_hours (tenant_id, conversation_id, hour, ticket_id, channel_id,
            messages_in, messages_out)
          select ${tenantId}::uuid, x.conversation_id, x.hour, x.ticket_id, x.channel_id, x.messages_in, x.messages_out
          from jsonb_to_recordset(${JSON.stringify(hourRows)}::jsonb) as x(conversation_id uuid, hour timestamptz,
            ticket_id uuid, channel_id uuid, messages_in integer, messages_out integer)`,
    );
  }
  const touched = new Set(old.rows.map((r) => new Date(Number(r.ms)).toISOString()));
  for (const h of hourRows) touched.add(h.hour as string);
  if (touched.size > 0) await rederiveHours(tx, tenantId, [...touched]);
  return ticketRows.length;
}

/** The rollup rows of these hours, summed again from every conversation's counts and their tickets' facts. */
async function rederiveHours(tx: Tx, tenantId: string, hours: string[]): Promise<void> {
  const list = sql`${`{${hours.join(',')}}`}::timestamptz[]`;
  await tx.execute(sql`delete from report_hours where tenant_id = ${tenantId}::uuid and hour = any(${list})`);
  await tx.execute(
    sql`insert into report_hours (tenant_id, hour, channel_id, agent_id, team_id, tags, messages_in, messages_out)
        select ${tenantId}::uuid, h.hour, h.channel_id, f.agent_id, f.team_id, coalesce(f.tags, '{}'),
          sum(h.messages_in)::int, sum(h.messages_out)::int
        from report_conversation_hours h
        left join report_tickets f on f.tenant_id = h.tenant_id and f.ticket_id = h.ticket_id
        where h.tenant_id = ${tenantId}::uuid and h.hour = any(${list})
        group by h.hour, h.channel_id, f.agent_id, f.team_id, coalesce(f.tags, '{}')`,
  );
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

const ms = (s: string | null) => (s ? Date.parse(s) : null);

function outcome(metAt: string | null, breachedAt: string | null): SlaOutcome | null {
  // Breached once is breached: a target met after its due time still counts as missed, when it was missed.
  if (breachedAt) return { at: Date.parse(breachedAt), met: false };
  if (metAt) return { at: Date.parse(metAt), met: true };
  return null;
}

function toFactEvent(r: EventRow): FactEvent {
  let ticket: FactSnapshot | null = null;
  if (r.type === 'ticket.changed' && r.ticket_id && r.opened_at) {
    ticket = {
      ticketId: r.ticket_id,
      status: r.status ?? 'queued',
      assigneeId: r.assignee_id,
      teamId: r.team_id,
      tags: r.tags ?? [],
      openedAt: Date.parse(r.opened_at),
      closedAt: ms(r.closed_at),
      firstResponseAt: ms(r.first_response_at),
      handoffReason: r.handoff_reason,
      csatScore: r.csat_score,
      slaFirst: outcome(r.sla_first_met, r.sla_first_breached),
      slaResolution: outcome(r.sla_res_met, r.sla_res_breached),
      slaNextMet: r.sla_next_met ?? 0,
      slaNextMissed: r.sla_next_missed ?? 0,
    };
  }
  return {
    seq: Number(r.seq),
    at: Number(r.at),
    type: r.type,
    authorKind: r.author_kind,
    authorId: r.author_id,
    clientId: r.client_id,
    change: r.change,
    ticket,
  };
}

/** The conversations' ticket rows, by conversation, oldest first. */
async function silentTicketRows(
  tx: Tx,
  tenantId: string,
  idList: ReturnType<typeof sql>,
): Promise<Map<string, TicketRow[]>> {
  const { rows } = await tx.execute<{
    id: string;
    conversation_id: string;
    status: string;
    assignee_id: string | null;
    team_id: string | null;
    tags: string[] | null;
    opened_at: number;
    handoff_reason: string | null;
  }>(
    sql`select id, conversation_id, status, assignee_id, team_id, tags,
          (extract(epoch from opened_at) * 1000)::float8 as opened_at, handoff_reason
        from tickets where tenant_id = ${tenantId}::uuid and conversation_id = any(${idList})
        order by conversation_id, opened_at`,
  );
  const out = new Map<string, TicketRow[]>();
  for (const r of rows) {
    const list = out.get(r.conversation_id) ?? [];
    list.push({
      id: r.id,
      status: r.status,
      assigneeId: r.assignee_id,
      teamId: r.team_id,
      tags: r.tags ?? [],
      openedAt: Number(r.opened_at),
      handoffReason: r.handoff_reason,
    });
    out.set(r.conversation_id, list);
  }
  return out;
}
