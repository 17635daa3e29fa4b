// Seeds a tenant with a widget channel and users (idempotent: upserts by slug and email). `npm run dev`
// seeds the demo tenant; tests seed extra tenants with the same function.
import pg from 'pg';
import { hashPassword } from '../workers/services/passwords';

export interface SeedUser {
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent';
  password: string;
}

export interface SeedTenant {
  slug: string;
  name: string;
  users: SeedUser[];
}

export interface SeededTenant {
  tenantId: string;
  widgetChannelId: string;
  users: (SeedUser & { id: string })[];
}

export const DEMO_TENANT: SeedTenant = {
  slug: 'demo',
  name: 'Provedor Demo',
  users: [
    { email: 'admin@demo.fio.local', name: 'Ana Admin', role: 'admin', password: 'fio-demo-admin' },
    { email: 'bruno@demo.fio.local', name: 'Bruno Agente', role: 'agent', password: 'fio-demo-agent' },
    { email: 'carla@demo.fio.local', name: 'Carla Agente', role: 'agent', password: 'fio-demo-agent' },
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
    await client.query('commit');
    return { tenantId, widgetChannelId: widgetChannelId as string, users };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
