// The bot tells affected customers first, in workerd over real Postgres and the real webhook: an outage for a
// neighbourhood; a customer there writing "sem internet" gets the outage notice (message, expected end, the
// protocol) and is not queued (ticket stays with the bot, no queue entry, the summary carries the outage);
// told once: "atendente" then reaches a person; a customer elsewhere gets the normal flow. The outage's
// conversation count and the told list come from outage_conversations.

import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant, openDatabases } from '../../workers/services/db';
import { readOutage } from '../../workers/services/outages';
import {
  type BotTenant,
  botMessages,
  conversationOf,
  createBotTenant,
  customerSays,
  eventsOf,
  menuFlow,
  randomPhone,
  stubOf,
} from './bot-helpers';
import { asTenant, openClient } from './db-helpers';
import { eventually } from './helpers';

let client: Client;
let t: BotTenant;
let outageId: string;

const MESSAGE = 'Rompimento de fibra na Av. Brasil; equipe já está no local.';

beforeAll(async () => {
  client = await openClient();
  t = await createBotTenant(client, menuFlow);
  outageId = await asTenant(client, t.tenantId, async () => {
    const { rows } = await client.query<{ id: string }>(
      `insert into outages (tenant_id, kind, title, area, starts_at, expected_end_at, message)
       values ($1, 'outage', 'Fibra rompida no Centro', $2, now() - interval '1 hour', now() + interval '3 hours', $3)
       returning id`,
      [
        t.tenantId,
        JSON.stringify({ cities: [], neighbourhoods: ['São José', 'Centro'], pops: [], contracts: [] }),
        MESSAGE,
      ],
    );
    return rows[0]?.id as string;
  });
});
afterAll(async () => {
  await client?.end();
});

/** A known customer of the ISP, with the neighbourhood the ERP gave (spelled as the ERP spells it). */
async function customerIn(neighbourhood: string): Promise<string> {
  const phone = randomPhone();
  await asTenant(client, t.tenantId, () =>
    client.query(
      `insert into contacts (tenant_id, phone, name, attributes) values ($1, $2, 'Maria Cliente', $3)`,
      [t.tenantId, phone, JSON.stringify({ neighbourhood, city: 'Belo Horizonte' })],
    ),
  );
  return phone;
}

const botSaid = (conversationId: string, n: number) =>
  eventually(`${n} bot messages`, async () => {
    const said = botMessages(await eventsOf(client, t, conversationId));
    return said.length >= n ? said : null;
  });

const ticketRows = async (conversationId: string) =>
  (
    await asTenant(client, t.tenantId, () =>
      client.query<{ status: string; protocol: string; tags: string[] }>(
        'select status, protocol, tags from tickets where conversation_id = $1 order by opened_at',
        [conversationId],
      ),
    )
  ).rows;

describe('the bot tells affected customers first', () => {
  it('an affected customer writing "sem internet" gets the notice and is not queued; told once, a person stays reachable', async () => {
    const phone = await customerIn('sao  jose');
    await customerSays(t, phone, 'sem internet');
    const conversationId = await conversationOf(client, t, phone);
    const said = await botSaid(conversationId, 1);
    const { ref, stub } = stubOf(t, conversationId);
    const summary = await eventually('the summary with the outage', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.outageId ? s : null;
    });
    expect(summary.outageId).toBe(outageId);
    expect(summary.status).toBe('bot');
    expect(summary.tags).toContain('queda');
    const notice = said[0]?.text ?? '';
    expect(notice).toContain('Identificamos uma queda de internet na sua região.');
    expect(notice).toContain(MESSAGE);
    // Three hours from now in the tenant's zone: today, or tomorrow late in the evening.
    expect(notice).toMatch(/Previsão de normalização: (hoje|amanhã) às \d{2}:\d{2}\./);
    expect(notice).toContain(`Seu protocolo é ${summary.protocol}.`);
    // Not the flow's greeting: the notice came first and alone.
    expect(said.some((m) => m.text.includes('Olá! Sou o Fio'))).toBe(false);
    const events = await eventsOf(client, t, conversationId);
    expect(
      events.some((e) => e.event.type === 'bot.activity' && e.event.activity.code === 'outage_told'),
    ).toBe(true);
    // Recorded for the outage's count and the resolution notice.
    const dbs = openDatabases(env);
    try {
      const outage = await eventually('the conversation counted', async () => {
        const o = await inTenant(dbs.primary, t.tenantId, (tx) => readOutage(tx, t.tenantId, outageId));
        return o && o.conversationCount === 1 ? o : null;
      });
      expect(outage.state).toBe('active');
    } finally {
      await dbs.close();
    }
    // Ticket with the bot in Postgres too (no queue entry), tagged.
    await eventually('the tag flushed', async () => {
      const rows = await ticketRows(conversationId);
      return rows.length === 1 && rows[0]?.tags.includes('queda') ? rows : null;
    });
    expect((await ticketRows(conversationId)).map((r) => r.status)).toEqual(['bot']);

    // Told once: the next message is the flow's, and "atendente" reaches a person.
    await customerSays(t, phone, 'atendente');
    await eventually('handed to people', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.status === 'queued' ? s : null;
    });
    const after = botMessages(await eventsOf(client, t, conversationId));
    expect(after.filter((m) => m.text.includes('Identificamos uma queda'))).toHaveLength(1);
  });

  it('an unaffected customer writing "sem internet" gets the normal flow', async () => {
    const phone = await customerIn('Savassi');
    await customerSays(t, phone, 'sem internet');
    const conversationId = await conversationOf(client, t, phone);
    const said = await botSaid(conversationId, 1);
    expect(said[0]?.text).toContain('Olá! Sou o Fio');
    expect(said.some((m) => m.text.includes('queda'))).toBe(false);
    const { ref, stub } = stubOf(t, conversationId);
    const summary = await stub.inboxSummary(ref);
    expect(summary?.outageId ?? null).toBeNull();
    expect(summary?.tags ?? []).not.toContain('queda');
  });

  it('a resolved outage tells nobody', async () => {
    await asTenant(client, t.tenantId, () =>
      client.query(
        `insert into outages (tenant_id, title, area, starts_at, message, resolved_at)
         values ($1, 'Antiga', $2, now() - interval '5 hours', 'antiga', now() - interval '1 hour')`,
        [
          t.tenantId,
          JSON.stringify({ cities: [], neighbourhoods: ['Funcionários'], pops: [], contracts: [] }),
        ],
      ),
    );
    const phone = await customerIn('Funcionários');
    // The tenant's unresolved outages are cached briefly; the resolved one is never among them.
    await customerSays(t, phone, 'sem internet');
    const conversationId = await conversationOf(client, t, phone);
    const said = await botSaid(conversationId, 1);
    expect(said[0]?.text).toContain('Olá! Sou o Fio');
  });
});
