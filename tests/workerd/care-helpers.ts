// Helpers for the after-care suites (CSAT, auto-close, thanks after a close, after hours): a tenant of the
// suite's own with its service settings and hours seeded in Postgres, Evolution numbers on the provider
// listener (which records what was sent), a Cloud number whose customer writes through Meta's signed webhook,
// the conversation's messages and ticket as the agent's API returns them, and the object's test clock.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { expect } from 'vitest';
import type {
  BusinessHours,
  EventHistoryResponse,
  Message,
  ServiceSettings,
  StoredEvent,
  TicketChanged,
} from '../../workers/contract';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { TEST_WHATSAPP_APP_SECRET } from '../support/fixtures';
import { type FreshTenant, freshTenant } from './fresh-tenant';
import { api, call, eventually, postJson } from './helpers';

export interface CareTenant extends FreshTenant {
  agent: string;
  admin: string;
}

/** A tenant of its own with these settings (a partial ServiceSettings: the rest are defaults) and hours. */
export async function careTenant(
  owner: Client,
  label: string,
  settings: Partial<Record<keyof ServiceSettings, unknown>>,
  hours: BusinessHours | null = null,
  timezone = 'America/Sao_Paulo',
): Promise<CareTenant> {
  const t = await freshTenant(owner, label, ['admin', 'agent']);
  await owner.query(
    'update tenants set service_settings = $2, business_hours = $3, timezone = $4 where id = $1',
    [t.id, JSON.stringify(settings), hours ? JSON.stringify(hours) : null, timezone],
  );
  return { ...t, agent: t.tokens.agent as string, admin: t.tokens.admin as string };
}

export const randomPhone = () => `55319${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** An Evolution number of the tenant and one customer writing to it (the listener records sends). */
export async function evolutionCustomer(owner: Client, tenant: CareTenant) {
  const instance = `care-${crypto.randomUUID()}`;
  const apiKey = `evo-key-${crypto.randomUUID()}`;
  const created = await api<{ channel: { id: string } }>('POST', '/api/channels', tenant.admin, {
    kind: 'evolution',
    name: `Atendimento ${instance.slice(-6)}`,
    baseUrl: env.FIO_TEST_PROVIDER_URL,
    instance,
    apiKey,
    pairIntervalMs: 0,
    pairBurst: 100,
  });
  expect(created.status).toBe(201);
  const channelId = created.body.channel.id;
  const phone = randomPhone();
  const send = async (message: Record<string, unknown>, sentAt = new Date()) => {
    const res = await postJson(
      `/webhooks/evolution/${channelId}`,
      {
        event: 'messages.upsert',
        instance,
        data: {
          key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id: `3EB0${crypto.randomUUID()}` },
          pushName: 'Maria Cliente',
          message,
          messageTimestamp: Math.floor(sentAt.getTime() / 1000),
        },
      },
      { apikey: apiKey },
    );
    expect(res.status).toBe(200);
  };
  const says = (text: string, sentAt = new Date()) => send({ conversation: text }, sentAt);
  const taps = (rowId: string, title: string) =>
    send({ listResponseMessage: { title, singleSelectReply: { selectedRowId: rowId } } });
  const sent = async () => {
    const res = await fetch(`${env.FIO_TEST_PROVIDER_URL}/_sent?instance=${encodeURIComponent(instance)}`);
    return (await res.json()) as { path: string; body: Record<string, unknown> }[];
  };
  return {
    channelId,
    phone,
    says,
    taps,
    sent,
    conversationId: () => conversationOf(owner, channelId, phone),
  };
}

export async function signed(body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(TEST_WHATSAPP_APP_SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return `sha256=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A customer's text through the real Cloud API webhook route, signed with the test app secret. */
export async function cloudTextWebhook(m: {
  waba: string;
  phoneNumberId: string;
  phone: string;
  text: string;
  name: string;
  wamid?: string;
  sentAt?: Date;
}): Promise<Response> {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: m.waba,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: m.phoneNumberId },
              contacts: [{ profile: { name: m.name }, wa_id: m.phone }],
              messages: [
                {
                  from: m.phone,
                  id: m.wamid ?? `wamid.test.${crypto.randomUUID()}`,
                  timestamp: `${Math.floor((m.sentAt ?? new Date()).getTime() / 1000)}`,
                  type: 'text',
                  text: { body: m.text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  return call('/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': await signed(body) },
    body,
  });
}

/**
 * A Cloud API number of the tenant (no credentials: its sends fail visibly, what was stored is what we
 * check) with the given approved templates, and one customer writing through Meta's signed webhook.
 */
export async function cloudCustomer(
  owner: Client,
  tenant: CareTenant,
  templates: { name: string; body: string; status?: string }[],
) {
  const phoneNumberId = `9${`${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(-12)}`;
  const waba = `waba-${crypto.randomUUID().slice(0, 8)}`;
  const r = await owner.query<{ id: string }>(
    `insert into channels (tenant_id, kind, name, address, settings)
     values ($1, 'whatsapp_cloud', $2, $3, $4) returning id`,
    [
      tenant.id,
      `Cloud ${phoneNumberId.slice(-4)}`,
      phoneNumberId,
      JSON.stringify({ phoneNumberId, wabaId: waba, displayPhoneNumber: `+5511${phoneNumberId.slice(-9)}` }),
    ],
  );
  const channelId = r.rows[0]?.id as string;
  for (const t of templates) {
    await owner.query(
      `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, category, body)
       values ($1, $2, $3, 'pt_BR', $4, 'UTILITY', $5)`,
      [tenant.id, channelId, t.name, t.status ?? 'APPROVED', t.body],
    );
  }
  const phone = randomPhone();
  const says = async (text: string, sentAt = new Date()) => {
    const res = await cloudTextWebhook({ waba, phoneNumberId, phone, text, sentAt, name: 'Cliente Cloud' });
    expect(res.status).toBe(200);
  };
  return { channelId, phone, says, conversationId: () => conversationOf(owner, channelId, phone) };
}

function conversationOf(owner: Client, channelId: string, phone: string): Promise<string> {
  return eventually('the conversation', async () => {
    const r = await owner.query<{ id: string }>(
      `select c.id from conversations c join contacts k on k.id = c.contact_id
        where c.channel_id = $1 and k.phone like $2`,
      [channelId, `%${phone.slice(-8)}`],
    );
    return r.rows[0]?.id;
  });
}

export async function eventsOf(token: string, conversationId: string): Promise<StoredEvent[]> {
  const page = await api<EventHistoryResponse>(
    'GET',
    `/api/conversations/${conversationId}/events?limit=100`,
    token,
  );
  expect(page.status).toBe(200);
  return page.body.events;
}

export async function messagesOf(token: string, conversationId: string): Promise<Message[]> {
  return (await eventsOf(token, conversationId)).flatMap((e) =>
    e.event.type === 'message.created' ? [e.event.message] : [],
  );
}

export async function ticketEventsOf(token: string, conversationId: string): Promise<TicketChanged[]> {
  return (await eventsOf(token, conversationId)).flatMap((e) =>
    e.event.type === 'ticket.changed' ? [e.event] : [],
  );
}

/** The ticket as the last ticket event left it. */
export async function ticketOf(token: string, conversationId: string) {
  const last = (await ticketEventsOf(token, conversationId)).at(-1);
  if (!last) throw new Error('no ticket event yet');
  return last.ticket;
}

export async function ticketAction(token: string, conversationId: string, action: Record<string, unknown>) {
  const res = await api('POST', `/api/conversations/${conversationId}/ticket`, token, action);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function agentSays(token: string, conversationId: string, text: string) {
  const res = await api('POST', `/api/conversations/${conversationId}/messages`, token, {
    clientId: crypto.randomUUID(),
    text,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Moves the conversation object's clock (its due timers run). */
export async function setClock(tenantId: string, conversationId: string, at: Date): Promise<void> {
  await env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId)).setClockForTests(
    at.toISOString(),
  );
}

/** Waits until no more events arrive for a moment: what a timer would have added is in by then. */
export async function settled(token: string, conversationId: string): Promise<StoredEvent[]> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const events = await eventsOf(token, conversationId);
    const top = events.at(-1)?.seq ?? 0;
    if (top === last) return events;
    last = top;
    await new Promise((r) => setTimeout(r, 250));
  }
  return eventsOf(token, conversationId);
}
