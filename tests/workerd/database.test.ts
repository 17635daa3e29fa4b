// The second wall and the partitions: row-level security for the app role, the two pre-auth lookups, and
// monthly partitions prepared ahead by the cron (events land in their month's partition).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import worker from '../../workers/index';
import { inTenant, openDatabases } from '../../workers/services/db';
import { ACME } from '../support/fixtures';
import { login, openSocket, widgetSession } from './helpers';

const dbs = openDatabases(env);
afterAll(() => dbs.close());
const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];

async function count(query: ReturnType<typeof sql>, tenantId?: string): Promise<number> {
  const run = async (q: typeof dbs.primary | Parameters<Parameters<typeof inTenant>[2]>[0]) =>
    Number((await q.execute<{ n: string }>(query)).rows[0]?.n);
  return tenantId ? inTenant(dbs.primary, tenantId, run) : run(dbs.primary);
}

describe('row-level security (app role)', () => {
  it('shows nothing without a tenant and only that tenant with one', async () => {
    await widgetSession('acme');
    await widgetSession('globex');
    const { tenantId: acme } = await login(acmeAgent.email, acmeAgent.password);
    expect(await count(sql`select count(*) as n from conversations`)).toBe(0);
    expect(await count(sql`select count(*) as n from users`)).toBe(0);
    expect(await count(sql`select count(*) as n from conversations`, acme)).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from conversations where tenant_id <> ${acme}`, acme)).toBe(
      0,
    );
    expect(await count(sql`select count(*) as n from tenants`, acme)).toBe(1);
  });

  it("refuses to write a row into another tenant's space", async () => {
    const { tenantId: acme } = await login(acmeAgent.email, acmeAgent.password);
    const globex = crypto.randomUUID();
    await expect(
      inTenant(dbs.primary, acme, (tx) =>
        tx.execute(sql`insert into contacts (tenant_id, name) values (${globex}, 'intruder')`),
      ),
    ).rejects.toThrow();
  });

  it('lets the pre-auth lookups see exactly what they need', async () => {
    const login = await dbs.primary.execute<{ tenant_id: string }>(
      sql`select * from fio_find_login(${acmeAgent.email})`,
    );
    expect(login.rows).toHaveLength(1);
    const tenant = await dbs.primary.execute<{ id: string }>(
      sql`select * from fio_find_tenant_by_slug('acme')`,
    );
    expect(tenant.rows).toHaveLength(1);
    expect(tenant.rows[0]?.id).toBe(login.rows[0]?.tenant_id);
    const none = await dbs.primary.execute(sql`select * from fio_find_tenant_by_slug('no-such-isp')`);
    expect(none.rows).toHaveLength(0);
  });
});

describe('monthly partitions', () => {
  it('the cron prepares this month and the next three; events land in their month', async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: '17 3 * * *', scheduledTime: Date.now() }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const parts = await dbs.primary.execute<{ relname: string }>(
      sql`select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'conversation_events'::regclass order by 1`,
    );
    const names = parts.rows.map((r) => r.relname);
    const month = (offset: number) => {
      const d = new Date();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() + offset);
      return `conversation_events_${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    };
    for (const offset of [0, 1, 2, 3]) expect(names).toContain(month(offset));
    expect(names).toContain('conversation_events_default');

    const session = await widgetSession('acme');
    const socket = await openSocket(session.conversationId, session.token);
    socket.send({ type: 'message.send', clientId: 'partition-msg-1', text: 'onde fica?' });
    await socket.next('ack');
    const { tenantId } = await login(acmeAgent.email, acmeAgent.password);
    let where: string | undefined;
    for (let i = 0; i < 100 && !where; i++) {
      const rows = await inTenant(dbs.primary, tenantId, (tx) =>
        tx.execute<{ part: string }>(
          sql`select tableoid::regclass::text as part from conversation_events where conversation_id = ${session.conversationId}`,
        ),
      );
      where = rows.rows[0]?.part;
      if (!where) await new Promise((r) => setTimeout(r, 50));
    }
    expect(where).toBe(month(0));
  });
});
