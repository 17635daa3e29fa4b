// Seeds a tenant with a widget channel, users, teams and canned responses (idempotent: upserts by slug, email,
// team name and shortcut). `npm run dev` seeds the demo tenant (IXC) and Fibra Sul (SGP), each with its bot
// (seed-bot.ts); tests seed extra tenants with the same function.
import pg from 'pg';
import { hashPassword } from '../workers/services/passwords';
import { sealJson } from '../workers/services/secret-box';
import { DEFAULT_TEMPLATES } from './whatsapp-simulator/templates';

export interface SeedUser {
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'supervisor' | 'agent';
  password: string;
}

export interface SeedTeam {
  name: string;
  /** Emails of users of the same tenant. */
  members: string[];
}

export interface SeedCanned {
  shortcut: string;
  title: string;
  body: string;
}

export interface SeedTenant {
  slug: string;
  name: string;
  users: SeedUser[];
  teams?: SeedTeam[];
  canned?: SeedCanned[];
}

export interface SeededTenant {
  tenantId: string;
  widgetChannelId: string;
  users: (SeedUser & { id: string })[];
  teams: { id: string; name: string }[];
}

export const DEMO_TENANT: SeedTenant = {
  slug: 'demo',
  name: 'Provedor Demo',
  users: [
    // The tenant's owner (every right, including granting the owner role); the login stays admin@… for habit.
    { email: 'admin@demo.fio.local', name: 'Ana Admin', role: 'owner', password: 'fio-demo-admin' },
    { email: 'bruno@demo.fio.local', name: 'Bruno Agente', role: 'agent', password: 'fio-demo-agent' },
    { email: 'carla@demo.fio.local', name: 'Carla Agente', role: 'agent', password: 'fio-demo-agent' },
  ],
  teams: [
    { name: 'Suporte técnico', members: ['bruno@demo.fio.local', 'carla@demo.fio.local'] },
    { name: 'Financeiro', members: ['carla@demo.fio.local'] },
    { name: 'Comercial', members: ['bruno@demo.fio.local'] },
  ],
  canned: [
    {
      shortcut: 'ola',
      title: 'Saudação',
      body: 'Olá {{contact.name}}, aqui é {{agent.name}}. Como posso ajudar?',
    },
    {
      shortcut: 'protocolo',
      title: 'Número de protocolo',
      body: 'Seu protocolo de atendimento é {{protocol}}.',
    },
    {
      shortcut: 'reiniciar',
      title: 'Reiniciar o roteador',
      body:
        'Vamos reiniciar o seu roteador: desligue-o da tomada, aguarde 30 segundos e ligue-o de novo. ' +
        'Espere as luzes estabilizarem (cerca de 2 minutos) e teste a conexão. Se continuar sem internet, me avise.',
    },
  ],
};

/** The second seeded provider: its ERP is SGP (the demo's is IXC), so the simulator page talks to both. */
export const FIBRA_TENANT: SeedTenant = {
  slug: 'fibra',
  name: 'Fibra Sul Telecom',
  users: [
    { email: 'admin@fibra.fio.local', name: 'Fernanda Admin', role: 'owner', password: 'fio-fibra-admin' },
    { email: 'gabriel@fibra.fio.local', name: 'Gabriel Agente', role: 'agent', password: 'fio-fibra-agent' },
  ],
  teams: [
    { name: 'Suporte técnico', members: ['gabriel@fibra.fio.local'] },
    { name: 'Financeiro', members: ['gabriel@fibra.fio.local'] },
    { name: 'Comercial', members: ['gabriel@fibra.fio.local'] },
  ],
};

/** Runs as the database owner (RLS does not apply to it locally), so rows of any tenant can be written. */
export async function seedTenant(ownerUrl: string, spec: SeedTenant): Promise<SeededTenant> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    const tenant = await client.query<{ id: string }>(
      `insert into tenants (slug, name) values ($1, $2)
       on conflict (slug) do update set name = excluded.name returning id`,
      [spec.slug, spec.name],
    );
    const tenantId = tenant.rows[0]?.id as string;
    const existing = await client.query<{ id: string }>(
      `select id from channels where tenant_id = $1 and kind = 'widget' order by created_at limit 1`,
      [tenantId],
    );
    const widgetChannelId =
      existing.rows[0]?.id ??
      (
        await client.query<{ id: string }>(
          `insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site') returning id`,
          [tenantId],
        )
      ).rows[0]?.id;
    const users: SeededTenant['users'] = [];
    for (const u of spec.users) {
      const row = await client.query<{ id: string }>(
        `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, $3, $4, $5)
         on conflict ((lower(email))) do update set name = excluded.name, role = excluded.role,
           password_hash = excluded.password_hash
         returning id`,
        [tenantId, u.email, u.name, u.role, hashPassword(u.password)],
      );
      users.push({ ...u, id: row.rows[0]?.id as string });
    }
    const teams = await seedTeams(client, tenantId, spec.teams ?? []);
    for (const c of spec.canned ?? []) {
      await client.query(
        `insert into canned_responses (tenant_id, shortcut, title, body) values ($1, $2, $3, $4)
         on conflict (tenant_id, shortcut) do update set title = excluded.title, body = excluded.body`,
        [tenantId, c.shortcut, c.title, c.body],
      );
    }
    await client.query('commit');
    return { tenantId, widgetChannelId: widgetChannelId as string, users, teams };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}

/** Upserts teams by name and adds the named members (members added elsewhere are kept). */
async function seedTeams(
  client: pg.Client,
  tenantId: string,
  teams: SeedTeam[],
): Promise<SeededTenant['teams']> {
  const seeded: SeededTenant['teams'] = [];
  for (const t of teams) {
    const emails = [...new Set(t.members.map((e) => e.toLowerCase()))];
    const members = await client.query<{ id: string }>(
      'select id from users where tenant_id = $1 and lower(email) = any($2::text[])',
      [tenantId, emails],
    );
    if (members.rows.length !== emails.length) {
      throw new Error(`team ${t.name}: some members are not users of the tenant`);
    }
    const team = await client.query<{ id: string }>(
      `insert into teams (tenant_id, name) values ($1, $2)
       on conflict (tenant_id, lower(name)) do update set name = excluded.name returning id`,
      [tenantId, t.name],
    );
    const teamId = team.rows[0]?.id as string;
    await client.query(
      `insert into team_members (tenant_id, team_id, user_id) select $1, $2, unnest($3::uuid[])
       on conflict do nothing`,
      [tenantId, teamId, members.rows.map((m) => m.id)],
    );
    seeded.push({ id: teamId, name: t.name });
  }
  return seeded;
}

export interface SeedCloudNumber {
  name: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
  accessToken: string;
}

/**
 * Connects a WhatsApp Cloud API number to a tenant (idempotent by phone_number_id), with the token sealed the
 * way the Worker expects. The dev stack points it at the local Graph API simulator, registered with the same
 * token. Trusted, so no Graph proof (the API demands one); a number live in another tenant is never taken.
 */
export async function seedCloudNumber(
  ownerUrl: string,
  tenantId: string,
  number: SeedCloudNumber,
  secretsKey: string,
): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const existing = await client.query<{ id: string; tenant_id: string }>(
      `select id, tenant_id from channels where kind = 'whatsapp_cloud' and address = $1 and removed_at is null`,
      [number.phoneNumberId],
    );
    const held = existing.rows[0];
    if (held && held.tenant_id !== tenantId) {
      throw new Error(
        `WhatsApp number ${number.phoneNumberId} is connected to another tenant: remove it there, or start with --fresh`,
      );
    }
    const id = held?.id ?? crypto.randomUUID();
    const credentials = await sealJson(secretsKey, { accessToken: number.accessToken }, id);
    const settings = {
      phoneNumberId: number.phoneNumberId,
      wabaId: number.wabaId,
      displayPhoneNumber: number.displayPhoneNumber,
    };
    await client.query(
      `insert into channels (id, tenant_id, kind, name, address, settings, credentials)
       values ($1, $2, 'whatsapp_cloud', $3, $4, $5, $6)
       on conflict (id) do update set name = excluded.name, settings = excluded.settings,
         credentials = excluded.credentials`,
      [id, tenantId, number.name, number.phoneNumberId, JSON.stringify(settings), credentials],
    );
    // The simulator's approved templates, as a sync would store them: the CSAT question outside the 24 h
    // window (avaliacao_atendimento) works on the demo numbers without an admin syncing first.
    for (const t of DEFAULT_TEMPLATES) {
      await client.query(
        `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, category, body, components)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
        [
          tenantId,
          id,
          t.name,
          t.language,
          t.status ?? 'APPROVED',
          t.category ?? 'UTILITY',
          t.body,
          JSON.stringify([{ type: 'BODY', text: t.body }]),
        ],
      );
    }
    return id;
  } finally {
    await client.end();
  }
}
