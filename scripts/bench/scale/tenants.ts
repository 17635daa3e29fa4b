// The scale run's providers, written straight into Postgres (a sign-in is a second of argon2 each, so the
// agents get server-side sessions and tokens signed with the stack's JWT secret, exactly what a sign-in
// leaves behind): per tenant an owner and its agents in one team, and a WhatsApp Cloud number registered
// with the Graph API simulator and sealed in the tenant's channel like the demo numbers.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { hashPassword } from '../../../workers/services/passwords';
import { signAccessToken } from '../../../workers/services/tokens';
import type { Stack } from '../../lib/stack';
import { seedCloudNumber } from '../../seed';
import type { WebhookNumber } from '../webhooks/payload';

export interface ScaleAgent {
  id: string;
  token: string;
}

export interface ScaleTenant {
  index: number;
  tenantId: string;
  slug: string;
  number: WebhookNumber;
  owner: ScaleAgent;
  agents: ScaleAgent[];
}

/** Customer c of tenant t: 55 31 9 + 8 digits (tenant, customer), a real Brazilian mobile shape. */
export function scalePhone(t: number, c: number): string {
  return `55319${String(t).padStart(3, '0')}${String(c).padStart(5, '0')}`;
}

const TOKEN_TTL_SECONDS = 6 * 3600;

export async function seedScaleTenants(stack: Stack, dataDir: string, count: number, agents: number) {
  const jwtSecret = process.env.JWT_SECRET ?? readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
  const hash = hashPassword(`fio-scale-${randomBytes(6).toString('hex')}`);
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  client.on('error', () => {});
  await client.connect();
  const out: ScaleTenant[] = [];
  try {
    for (let t = 0; t < count; t++) {
      const slug = `escala-${String(t).padStart(3, '0')}`;
      await client.query('begin');
      const tenantId = (
        await client.query<{ id: string }>(`insert into tenants (slug, name) values ($1, $2) returning id`, [
          slug,
          `Provedor Escala ${t}`,
        ])
      ).rows[0]?.id as string;
      const users = (
        await client.query<{ id: string; role: string; name: string }>(
          `insert into users (tenant_id, email, name, role, password_hash)
           select $1, case when i = 0 then 'admin' else 'agente' || i end || '@' || $2 || '.scale.local',
                  case when i = 0 then 'Admin' else 'Agente ' || i end,
                  case when i = 0 then 'owner' else 'agent' end, $3
             from generate_series(0, $4::int) i order by i
           returning id, role, name`,
          [tenantId, slug, hash, agents],
        )
      ).rows;
      const team = (
        await client.query<{ id: string }>(
          `insert into teams (tenant_id, name, routing_mode, default_capacity) values ($1, 'Suporte', 'manual', 10)
           returning id`,
          [tenantId],
        )
      ).rows[0]?.id as string;
      await client.query(
        `insert into team_members (tenant_id, team_id, user_id) select $1, $2, unnest($3::uuid[])`,
        [tenantId, team, users.map((u) => u.id)],
      );
      const sessions = (
        await client.query<{ id: string; user_id: string }>(
          `insert into user_sessions (tenant_id, user_id, device, expires_at)
           select $1, unnest($2::uuid[]), 'bench:scale', now() + interval '1 day' returning id, user_id`,
          [tenantId, users.map((u) => u.id)],
        )
      ).rows;
      await client.query('commit');
      const sign = async (u: { id: string; role: string; name: string }): Promise<ScaleAgent> => {
        const sid = sessions.find((s) => s.user_id === u.id)?.id as string;
        const role = u.role as 'owner' | 'agent';
        return {
          id: u.id,
          token: await signAccessToken(
            { sub: u.id, tid: tenantId, sid, role, name: u.name },
            TOKEN_TTL_SECONDS,
            jwtSecret,
          ),
        };
      };
      const signed = await Promise.all(users.map(sign));
      const number: WebhookNumber & { accessToken: string } = {
        phoneNumberId: `3${String(t).padStart(14, '0')}`,
        wabaId: `4${String(t).padStart(14, '0')}`,
        displayPhoneNumber: `55313${String(t).padStart(7, '0')}`,
        accessToken: randomBytes(24).toString('base64url'),
      };
      stack.whatsapp.registerNumber({ ...number, verifiedName: `Provedor Escala ${t}` });
      await seedCloudNumber(
        stack.ownerUrl,
        tenantId,
        { name: 'WhatsApp', ...number },
        stack.secrets.channelSecretsKey,
      );
      out.push({
        index: t,
        tenantId,
        slug,
        number,
        owner: signed[0] as ScaleAgent,
        agents: signed.slice(1),
      });
    }
  } finally {
    await client.end();
  }
  return out;
}
