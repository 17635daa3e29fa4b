// The audit log is append-only for the app role and isolated per tenant like every other table.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asTenant, openClient } from './db-helpers';
import { login } from './helpers';
import { PEOPLE } from './sign-in';

describe('audit log', () => {
  let client: Awaited<ReturnType<typeof openClient>>;
  beforeAll(async () => {
    client = await openClient(env.DATABASE_URL);
  });
  afterAll(async () => {
    await client.end();
  });

  it('lets the app role append and read its own tenant, but never update or delete', async () => {
    const a = await login(PEOPLE.admin.email, PEOPLE.admin.password);
    const b = await login(PEOPLE.globex.email, PEOPLE.globex.password);
    const marker = crypto.randomUUID();
    await asTenant(client, a.tenantId, () =>
      client.query(
        `insert into audit_log (tenant_id, actor_type, action, details) values ($1, 'system', 'auth.sign_in', $2)`,
        [a.tenantId, JSON.stringify({ marker })],
      ),
    );
    const count = (tenantId: string) =>
      asTenant(client, tenantId, () =>
        client.query<{ n: string }>(`select count(*) as n from audit_log where details->>'marker' = $1`, [
          marker,
        ]),
      ).then((r) => Number(r.rows[0]?.n));
    expect(await count(a.tenantId)).toBe(1);
    expect(await count(b.tenantId)).toBe(0);
    await expect(
      asTenant(client, a.tenantId, () => client.query(`update audit_log set action = 'x'`)),
    ).rejects.toThrow(/permission denied|append-only/);
    await expect(asTenant(client, a.tenantId, () => client.query('delete from audit_log'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      asTenant(client, a.tenantId, () =>
        client.query(
          `insert into audit_log (tenant_id, actor_type, action) values ($1, 'system', 'auth.sign_in')`,
          [b.tenantId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await count(a.tenantId)).toBe(1);
  });
});
