// The bot's seed runs on every `npm run dev` with the simulators on new ports: run again it leaves one
// published flow version, one ERP connection and one AI setting per tenant (now at the new URLs), the same
// articles and the bot switched on; a connection an admin pointed at a real ERP is left alone. Postgres only.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotSimulators, seedBots } from '../../scripts/lib/bot-stack';
import { startPostgresCluster } from '../../scripts/lib/postgres-cluster';
import { migrate } from '../../scripts/migrate';
import { DEMO_TENANT, FIBRA_TENANT, seedCloudNumber, seedTenant } from '../../scripts/seed';
import { DEMO_ARTICLES } from '../../scripts/seed-bot';
import { openJson } from '../../workers/services/secret-box';
import { removeTestData, testDataDir } from '../support/test-data';

const dataDir = testDataDir('e2e', 'bot-seed');
let cluster: Awaited<ReturnType<typeof startPostgresCluster>>;
const key = randomBytes(32).toString('base64');

beforeAll(async () => {
  cluster = await startPostgresCluster({ dataDir, fresh: true, database: 'fio', replica: false });
  await migrate(cluster.primaryUrl);
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  removeTestData(dataDir);
});

/** Stand-ins for the simulators: the seed only needs their URLs. */
const sims = (erpPort: number, llmPort: number) =>
  ({
    erp: { url: `http://127.0.0.1:${erpPort}` },
    llm: { url: `http://127.0.0.1:${llmPort}`, baseUrl: `http://127.0.0.1:${llmPort}/v1` },
  }) as unknown as BotSimulators;

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: cluster.primaryUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function seedAll(erpPort: number, llmPort: number) {
  const provider = async (spec: typeof DEMO_TENANT, phoneNumberId: string) => {
    const tenant = await seedTenant(cluster.primaryUrl, spec);
    const whatsappChannelId = await seedCloudNumber(
      cluster.primaryUrl,
      tenant.tenantId,
      {
        name: 'WhatsApp',
        phoneNumberId,
        wabaId: `w${phoneNumberId}`,
        displayPhoneNumber: '55119',
        accessToken: 't',
      },
      key,
    );
    return { ...tenant, whatsappChannelId };
  };
  const demo = await provider(DEMO_TENANT, '900000000000001');
  const fibra = await provider(FIBRA_TENANT, '900000000000002');
  await seedBots(cluster.primaryUrl, key, sims(erpPort, llmPort), { demo, fibra }, true);
  return { demo, fibra };
}

describe('the bot seed', () => {
  it('runs again without duplicating anything and follows the simulators to their new ports', async () => {
    await seedAll(41001, 42001);
    const { demo, fibra } = await seedAll(41002, 42002);

    const flows = await query<{ tenant_id: string; version: number; state: string }>(
      'select tenant_id, version, state from bot_flow_versions order by tenant_id',
    );
    expect(flows.map((f) => [f.version, f.state])).toEqual([
      [1, 'published'],
      [1, 'published'],
    ]);
    const erp = await query<{ tenant_id: string; kind: string; base_url: string; credentials: string }>(
      'select tenant_id, kind, base_url, credentials from erp_connections',
    );
    const byTenant = new Map(erp.map((r) => [r.tenant_id, r]));
    expect(byTenant.get(demo.tenantId)?.base_url).toBe('http://127.0.0.1:41002/ixc/demo');
    expect(byTenant.get(fibra.tenantId)?.base_url).toBe('http://127.0.0.1:41002/sgp/sgpdemo');
    expect(byTenant.get(demo.tenantId)?.kind).toBe('ixc');
    expect(byTenant.get(fibra.tenantId)?.kind).toBe('sgp');
    // Sealed, bound to the tenant: opens with the tenant's associated data.
    const sealed = byTenant.get(demo.tenantId)?.credentials as string;
    expect(sealed).not.toContain('token');
    expect(await openJson(key, sealed, `erp:${demo.tenantId}`)).toHaveProperty('token');
    await expect(openJson(key, sealed, `erp:${fibra.tenantId}`)).rejects.toThrow();

    const ai = await query<{ enabled: boolean; base_url: string; model: string; keys: string }>(
      'select enabled, base_url, model, keys from ai_settings where tenant_id = $1',
      [demo.tenantId],
    );
    expect(ai).toHaveLength(1);
    expect(ai[0]?.enabled).toBe(true);
    expect(ai[0]?.base_url).toBe('http://127.0.0.1:42002/v1');
    expect(await openJson<string[]>(key, ai[0]?.keys as string, `ai:${demo.tenantId}`)).toHaveLength(2);

    const articles = await query<{ n: string }>(
      'select count(*) as n from knowledge_articles where tenant_id = $1',
      [demo.tenantId],
    );
    expect(Number(articles[0]?.n)).toBe(DEMO_ARTICLES.length);
    const bots = await query<{ bot_enabled: boolean }>(
      'select bot_enabled from channels where id = any($1)',
      [[demo.whatsappChannelId, fibra.whatsappChannelId]],
    );
    expect(bots.map((b) => b.bot_enabled)).toEqual([true, true]);
    // The flow names the tenant's own teams.
    const teams = await query<{ id: string }>('select id from teams where tenant_id = $1', [fibra.tenantId]);
    const flow = JSON.stringify(
      (
        await query<{ definition: unknown }>(
          'select definition from bot_flow_versions where tenant_id = $1',
          [fibra.tenantId],
        )
      )[0]?.definition,
    );
    expect(teams.filter((t) => flow.includes(t.id)).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves alone an ERP connection an admin pointed at a real ERP', async () => {
    const { demo } = await seedAll(41003, 42003);
    await query(
      `update erp_connections set base_url = 'https://provedor.ixcsoft.com.br' where tenant_id = $1`,
      [demo.tenantId],
    );
    await seedAll(41004, 42004);
    const rows = await query<{ base_url: string }>(
      'select base_url from erp_connections where tenant_id = $1',
      [demo.tenantId],
    );
    expect(rows[0]?.base_url).toBe('https://provedor.ixcsoft.com.br');
  });
});
