// The routing bench's tenants, written straight into Postgres (opening 2,000 conversations through webhooks
// takes minutes on two cores, see the bot bench): a tenant with its agents (one password hash for all: each
// hash is a second of argon2), one team they all belong to, and its conversations with their open tickets:
// the first `perAgent × agents` assigned round-robin (every agent at capacity), the rest queued oldest
// first. Conversation objects read their card and ticket from these rows the first time they wake, and the
// tenant inbox rebuilds its summaries from them on the first dashboard's hello, as after any restart.
import pg from 'pg';
import { hashPassword } from '../../../workers/services/passwords';

export const AGENT_PASSWORD = 'fio-bench-agent';
export const TEAM_NAME = 'Suporte';

export interface BenchAgent {
  id: string;
  email: string;
  name: string;
}

export interface BenchTenant {
  tenantId: string;
  channelId: string;
  teamId: string;
  owner: BenchAgent;
  agents: BenchAgent[];
}

export interface TenantSpec {
  slug: string;
  name: string;
  agents: number;
  /** The team's routing mode and default capacity as seeded (the bench switches the mode per side). */
  mode: 'manual' | 'round_robin' | 'balanced';
  capacity: number;
}

/** What a customer's last message looks like in the list (a realistic preview length, in Portuguese). */
const PREVIEW =
  'Boa tarde, minha internet está caindo toda hora desde ontem à noite, já reiniciei o roteador';

async function withClient<T>(ownerUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function seedBenchTenant(ownerUrl: string, spec: TenantSpec): Promise<BenchTenant> {
  const hash = hashPassword(AGENT_PASSWORD);
  return withClient(ownerUrl, async (c) => {
    await c.query('begin');
    const tenantId = (
      await c.query<{ id: string }>(`insert into tenants (slug, name) values ($1, $2) returning id`, [
        spec.slug,
        spec.name,
      ])
    ).rows[0]?.id as string;
    const channelId = (
      await c.query<{ id: string }>(
        `insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site') returning id`,
        [tenantId],
      )
    ).rows[0]?.id as string;
    const domain = `${spec.slug}.bench.local`;
    const owner = (
      await c.query<BenchAgent>(
        `insert into users (tenant_id, email, name, role, password_hash)
         values ($1, $2, 'Admin Bench', 'owner', $3) returning id, email, name`,
        [tenantId, `admin@${domain}`, hash],
      )
    ).rows[0] as BenchAgent;
    const agents = (
      await c.query<BenchAgent>(
        `insert into users (tenant_id, email, name, role, password_hash)
         select $1, 'agente' || lpad(i::text, 3, '0') || '@' || $2, 'Agente ' || lpad(i::text, 3, '0'), 'agent', $3
           from generate_series(1, $4::int) i
         returning id, email, name`,
        [tenantId, domain, hash, spec.agents],
      )
    ).rows.sort((a, b) => a.email.localeCompare(b.email));
    const teamId = (
      await c.query<{ id: string }>(
        `insert into teams (tenant_id, name, routing_mode, default_capacity) values ($1, $4, $2, $3)
         returning id`,
        [tenantId, spec.mode, spec.capacity, TEAM_NAME],
      )
    ).rows[0]?.id as string;
    await c.query(
      `insert into team_members (tenant_id, team_id, user_id) select $1, $2, unnest($3::uuid[])`,
      [tenantId, teamId, agents.map((a) => a.id)],
    );
    await c.query('commit');
    return { tenantId, channelId, teamId, owner, agents };
  });
}

/**
 * `count` conversations with an open ticket each, in the tenant's team: the first `assignedTo.length × perAgent`
 * assigned round-robin, the others queued, queued_at one second apart (the first queued waited longest).
 */
export async function seedConversations(
  ownerUrl: string,
  tenant: BenchTenant,
  count: number,
  assign: { agentIds: string[]; perAgent: number },
): Promise<void> {
  const assigned = assign.agentIds.length * assign.perAgent;
  await withClient(ownerUrl, async (c) => {
    await c.query('begin');
    await c.query(
      `create temp table bench_rows on commit drop as
         select i, gen_random_uuid() as contact_id, gen_random_uuid() as conversation_id,
                now() - make_interval(secs => ($1::int - i + 60)) as at
           from generate_series(1, $1::int) i`,
      [count],
    );
    await c.query(
      `insert into contacts (id, tenant_id, name, phone)
       select contact_id, $1, 'Cliente ' || lpad(i::text, 5, '0'), '553197' || lpad(i::text, 7, '0') from bench_rows`,
      [tenant.tenantId],
    );
    await c.query(
      `insert into conversations (id, tenant_id, channel_id, contact_id, status, last_message_preview,
         last_activity_at, created_at)
       select conversation_id, $1, $2, contact_id, case when i <= $3 then 'assigned' else 'queued' end, $4, at, at
         from bench_rows`,
      [tenant.tenantId, tenant.channelId, assigned, PREVIEW],
    );
    await c.query(
      `insert into tickets (tenant_id, conversation_id, protocol, status, priority, team_id, assignee_id,
         queued_at, opened_at)
       select $1, conversation_id, 'BENCH' || lpad(i::text, 7, '0'),
              case when i <= $3 then 'assigned' else 'queued' end, 3, $2,
              case when i <= $3 then ($4::uuid[])[((i - 1) % cardinality($4::uuid[])) + 1] end, at, at
         from bench_rows`,
      [tenant.tenantId, tenant.teamId, assigned, assign.agentIds],
    );
    await c.query('commit');
  });
}

/** The team's routing mode, straight in Postgres (when no admin route is there to change it). */
export async function setModeRow(ownerUrl: string, teamId: string, mode: TenantSpec['mode']): Promise<void> {
  await withClient(ownerUrl, (c) =>
    c.query('update teams set routing_mode = $2 where id = $1', [teamId, mode]),
  );
}

/** The tenant's conversation ids in seeding order (assigned first, then the queue oldest first). */
export async function conversationIds(
  ownerUrl: string,
  tenantId: string,
  limit = 1_000_000,
): Promise<string[]> {
  return withClient(ownerUrl, async (c) =>
    (
      await c.query<{ id: string }>(
        `select conversation_id as id from tickets where tenant_id = $1 order by protocol limit $2`,
        [tenantId, limit],
      )
    ).rows.map((r) => r.id),
  );
}

/** These conversations become the tenant's most recently active (the inbox rebuild reads the newest first). */
export async function bumpActivity(ownerUrl: string, tenantId: string, ids: string[]): Promise<void> {
  await withClient(ownerUrl, (c) =>
    c.query(
      `update conversations set last_activity_at = now() where tenant_id = $1 and id = any($2::uuid[])`,
      [tenantId, ids],
    ),
  );
}
