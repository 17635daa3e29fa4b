// A tenant's numbers as a pool, through the real routes, objects and Postgres: Meta's WABA-level webhooks
// (account_update, phone_number_quality_update) read and routed by display phone or by account, turning the
// right numbers unhealthy with an alert; a conversation on a banned number says so and names the healthy
// alternatives; continuing the customer on number B (one thread of the same contact, the old ticket
// `continued`, the new one with the same protocol), idempotent on clientId; bad input refused with nothing
// stored; business-initiated templates only from a healthy number.

import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenCloudWebhook } from '../../workers/channels/whatsapp-cloud/webhook-payload';
import type { ChannelStateResponse, InboxServerFrame, InboxSummary } from '../../workers/contract';
import { openDatabases } from '../../workers/services/db';
import { loadInboxSummaries } from '../../workers/services/inbox-rebuild';
import { ACME, GLOBEX, TEST_WHATSAPP_APP_SECRET } from '../support/fixtures';
import { asTenant, openClient } from './db-helpers';
import { api, call, errorCode, eventually, login, openInbox } from './helpers';

const [acmeAdmin, acmeAgent] = ACME.users as [(typeof ACME.users)[number], (typeof ACME.users)[number]];
const [, globexAdmin] = GLOBEX.users as [(typeof GLOBEX.users)[number], (typeof GLOBEX.users)[number]];

let client: Client;
let tenantId: string;
let token: string;
let agentToken: string;

beforeAll(async () => {
  client = await openClient();
  ({ tenantId, token } = await login(acmeAdmin.email, acmeAdmin.password));
  ({ token: agentToken } = await login(acmeAgent.email, acmeAgent.password));
});

afterAll(async () => {
  await client?.end();
});

const digits = () => `9${`${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(-12)}`;

/** A live Cloud number of `tenant` in account `waba`, with templates (no credentials: nothing really sent). */
async function cloudNumber(waba: string, name: string, tenant = tenantId) {
  const phoneNumberId = digits();
  const display = `55119${phoneNumberId.slice(-8)}`;
  const id = await asTenant(client, tenant, async () => {
    const r = await client.query<{ id: string }>(
      `insert into channels (tenant_id, kind, name, address, settings)
       values ($1, 'whatsapp_cloud', $2, $3, $4) returning id`,
      [
        tenant,
        name,
        phoneNumberId,
        JSON.stringify({ phoneNumberId, wabaId: waba, displayPhoneNumber: `+${display}` }),
      ],
    );
    const channelId = r.rows[0]?.id as string;
    await client.query(
      `insert into whatsapp_templates (tenant_id, channel_id, name, language, status, body) values
        ($1, $2, 'retomada', 'pt_BR', 'APPROVED', 'Olá {{1}}, seguimos seu atendimento por este número.'),
        ($1, $2, 'rascunho', 'pt_BR', 'PENDING', 'Ainda não aprovado')`,
      [tenant, channelId],
    );
    return channelId;
  });
  return { id, phoneNumberId, display, waba };
}

async function signed(body: string): Promise<string> {
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

async function postCloud(payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  return call('/webhooks/whatsapp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': await signed(body) },
    body,
  });
}

const hook = (waba: string, field: string, value: unknown) => ({
  object: 'whatsapp_business_account',
  entry: [{ id: waba, time: Math.floor(Date.now() / 1000), changes: [{ field, value }] }],
});

const customerMessage = (n: { phoneNumberId: string; waba: string }, phone: string, text: string) =>
  hook(n.waba, 'messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550000000', phone_number_id: n.phoneNumberId },
    contacts: [{ profile: { name: 'Cliente Pool' }, wa_id: phone }],
    messages: [
      {
        from: phone,
        id: `wamid.pool.${crypto.randomUUID()}`,
        timestamp: `${Math.floor(Date.now() / 1000)}`,
        type: 'text',
        text: { body: text },
      },
    ],
  });

async function health(channelId: string) {
  return asTenant(client, tenantId, async () => {
    const r = await client.query<{ health_status: string; health_code: string | null }>(
      'select health_status, health_code from channels where id = $1',
      [channelId],
    );
    const a = await client.query<{ status: string; code: string | null }>(
      'select status, code from channel_alerts where channel_id = $1 order by created_at, id',
      [channelId],
    );
    return { ...(r.rows[0] as { health_status: string; health_code: string | null }), alerts: a.rows };
  });
}

async function conversationOf(channelId: string, phone: string): Promise<string> {
  return eventually('the conversation', async () => {
    const r = await asTenant(client, tenantId, () =>
      client.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id
          where c.channel_id = $1 and k.phone = $2`,
        [channelId, phone],
      ),
    );
    return r.rows[0]?.id;
  });
}

describe('Cloud number events: parsing', () => {
  it('reads account_update and quality updates into number events addressed by phone or account', () => {
    const flat = flattenCloudWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'account_update',
              value: {
                phone_number: '+55 11 99999-0001',
                event: 'DISABLED_UPDATE',
                ban_info: { waba_ban_state: 'DISABLE', waba_ban_date: 'Mar 10, 2026' },
              },
            },
            { field: 'account_update', value: { event: 'ACCOUNT_VIOLATION' } },
            {
              field: 'account_update',
              value: { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'REINSTATE' } },
            },
            {
              field: 'phone_number_quality_update',
              value: { display_phone_number: '5511999990002', event: 'FLAGGED', current_limit: 'TIER_1K' },
            },
            {
              field: 'phone_number_quality_update',
              value: { display_phone_number: '5511999990002', event: 'UNFLAGGED', current_limit: 'TIER_1K' },
            },
            {
              field: 'phone_number_quality_update',
              value: { display_phone_number: '5511999990002', event: 'ONBOARDING' },
            },
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
            { field: 'phone_number_quality_update', value: { event: 'FLAGGED' } },
          ],
        },
      ],
    });
    expect(flat.numberEvents.map(({ at: _at, ...e }) => e)).toEqual([
      {
        kind: 'banned',
        detail: 'DISABLE',
        address: '5511999990001',
        addressKind: 'display_phone',
        waba: '102290129340398',
      },
      {
        kind: 'banned',
        detail: 'ACCOUNT_VIOLATION',
        address: '102290129340398',
        addressKind: 'waba',
        waba: '102290129340398',
      },
      {
        kind: 'restored',
        detail: 'REINSTATE',
        address: '102290129340398',
        addressKind: 'waba',
        waba: '102290129340398',
      },
      {
        kind: 'quality',
        detail: 'RED',
        address: '5511999990002',
        addressKind: 'display_phone',
        waba: '102290129340398',
      },
      {
        kind: 'quality',
        detail: 'GREEN',
        address: '5511999990002',
        addressKind: 'display_phone',
        waba: '102290129340398',
      },
    ]);
    // Events that change no health are skipped; the one without a number is counted as ignored.
    expect(flat.ignored).toBe(3);
    expect(flat.messages).toEqual([]);
  });
});

describe('Cloud number events: routing to the tenant numbers', () => {
  it('bans only the number named by its display phone, and a WABA-wide event reaches every number of it', async () => {
    const waba = digits();
    const a = await cloudNumber(waba, 'Pool A');
    const b = await cloudNumber(waba, 'Pool B');
    const other = await cloudNumber(digits(), 'Outra conta');
    const res = await postCloud(
      hook(waba, 'account_update', {
        phone_number: a.display,
        event: 'DISABLED_UPDATE',
        ban_info: { waba_ban_state: 'DISABLE' },
      }),
    );
    expect(res.status).toBe(200);
    expect(await health(a.id)).toMatchObject({
      health_status: 'unhealthy',
      health_code: 'banned',
      alerts: [{ status: 'unhealthy', code: 'banned' }],
    });
    expect(await health(b.id)).toMatchObject({ health_status: 'healthy', alerts: [] });
    // Quality: flagged turns the number red, unflagged restores it.
    await postCloud(
      hook(waba, 'phone_number_quality_update', {
        display_phone_number: b.display,
        event: 'FLAGGED',
        current_limit: 'TIER_1K',
      }),
    );
    expect(await health(b.id)).toMatchObject({ health_status: 'unhealthy', health_code: 'quality_red' });
    await postCloud(
      hook(waba, 'phone_number_quality_update', {
        display_phone_number: b.display,
        event: 'UNFLAGGED',
        current_limit: 'TIER_1K',
      }),
    );
    expect(await health(b.id)).toMatchObject({ health_status: 'healthy', health_code: 'restored' });
    // The whole account reinstated: A heals; a number of another account hears nothing.
    await postCloud(
      hook(waba, 'account_update', { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'REINSTATE' } }),
    );
    expect(await health(a.id)).toMatchObject({ health_status: 'healthy', health_code: 'restored' });
    await postCloud(hook(waba, 'account_update', { event: 'ACCOUNT_VIOLATION' }));
    expect((await health(a.id)).health_status).toBe('unhealthy');
    expect((await health(b.id)).health_status).toBe('unhealthy');
    expect(await health(other.id)).toMatchObject({ health_status: 'healthy', alerts: [] });
  });
});

describe('continue the customer on another number', () => {
  it('shows the banned number with alternatives, refuses bad input with nothing stored, continues once', async () => {
    const waba = digits();
    const a = await cloudNumber(waba, 'Vendas A');
    const b = await cloudNumber(digits(), 'Suporte B');
    const down = await cloudNumber(digits(), 'Caído C');
    const foreign = await cloudNumber(
      digits(),
      'Globex',
      (await login(globexAdmin.email, globexAdmin.password)).tenantId,
    );
    const phone = `55319${digits().slice(-8)}`;
    expect((await postCloud(customerMessage(a, phone, 'Minha internet caiu'))).status).toBe(200);
    const convA = await conversationOf(a.id, phone);
    // An agent's dashboard is open: it hears the ban at once (a conversation open on A refetches its state).
    const inbox = await openInbox(agentToken);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');
    await postCloud(
      hook(waba, 'account_update', {
        phone_number: a.display,
        event: 'DISABLED_UPDATE',
        ban_info: { waba_ban_state: 'DISABLE' },
      }),
    );
    await postCloud(hook(down.waba, 'account_update', { event: 'BAN' }));
    expect((await health(down.id)).health_status).toBe('unhealthy');
    const heard = await eventually('the ban heard on the inbox socket', async () =>
      inbox.frames.find(
        (f): f is Extract<InboxServerFrame, { type: 'channel.health' }> =>
          f.type === 'channel.health' && f.channelId === a.id,
      ),
    );
    expect(heard).toEqual({ type: 'channel.health', channelId: a.id, health: 'unhealthy' });

    // The conversation says its number is down and names the healthy numbers (not A, not C).
    const state = await api<ChannelStateResponse>('GET', `/api/conversations/${convA}/channel`, token);
    expect(state.status).toBe(200);
    expect(state.body.channel).toMatchObject({
      id: a.id,
      name: 'Vendas A',
      health: 'unhealthy',
      code: 'banned',
    });
    const altIds = (state.body.alternatives ?? []).map((x) => x.channelId);
    expect(altIds).toContain(b.id);
    expect(altIds).not.toContain(a.id);
    expect(altIds).not.toContain(down.id);

    // A template on the banned number is refused, naming the healthy ones.
    const onA = await api('POST', `/api/conversations/${convA}/messages`, token, {
      clientId: crypto.randomUUID(),
      text: '',
      template: { name: 'retomada', language: 'pt_BR', parameters: ['Ana'] },
    });
    expect(onA.status).toBe(409);
    expect(JSON.stringify(onA.body)).toContain('Suporte B');

    const template = { name: 'retomada', language: 'pt_BR', parameters: ['Ana'] };
    const bad: [string, Record<string, unknown>, number][] = [
      ['the same number', { channelId: a.id, template }, 400],
      ['an unknown number', { channelId: crypto.randomUUID(), template }, 404],
      ["another tenant's number", { channelId: foreign.id, template }, 404],
      ['an unhealthy number', { channelId: down.id, template }, 409],
      [
        'an unapproved template',
        { channelId: b.id, template: { ...template, name: 'rascunho', parameters: [] } },
        400,
      ],
      ['too few parameters', { channelId: b.id, template: { ...template, parameters: [] } }, 400],
      [
        'too many parameters',
        { channelId: b.id, template: { ...template, parameters: ['Ana', 'extra'] } },
        400,
      ],
    ];
    for (const [label, body, status] of bad) {
      const r = await api('POST', `/api/conversations/${convA}/continue`, token, {
        clientId: crypto.randomUUID(),
        ...body,
      });
      expect(r.status, label).toBe(status);
      expect(errorCode(r.body), label).toBeDefined();
    }
    const threadsOfContact = () =>
      asTenant(client, tenantId, () =>
        client.query<{ id: string; channel_id: string; continued_from_conversation_id: string | null }>(
          `select c.id, c.channel_id, c.continued_from_conversation_id from conversations c
            where c.contact_id = (select contact_id from conversations where id = $1) order by c.created_at`,
          [convA],
        ),
      );
    expect((await threadsOfContact()).rows.map((r) => r.id)).toEqual([convA]);
    const openA = await api<{ status: string; protocol: string }>(
      'GET',
      `/api/conversations/${convA}/summary`,
      token,
    );
    expect(openA.body.status).not.toBe('closed');
    const protocol = openA.body.protocol;

    // An agent may not continue a ticket another agent holds: take it as the admin first.
    await api('POST', `/api/conversations/${convA}/ticket`, token, { action: 'take' });
    const notTheirs = await api('POST', `/api/conversations/${convA}/continue`, agentToken, {
      clientId: crypto.randomUUID(),
      channelId: b.id,
      template,
    });
    expect(notTheirs.status).toBe(403);

    const clientId = crypto.randomUUID();
    const first = await api<{ conversationId: string; seq: number }>(
      'POST',
      `/api/conversations/${convA}/continue`,
      token,
      { clientId, channelId: b.id, template },
    );
    expect(first.status).toBe(201);
    const convB = first.body.conversationId;
    expect(convB).not.toBe(convA);
    const again = await api<{ conversationId: string; seq: number }>(
      'POST',
      `/api/conversations/${convA}/continue`,
      token,
      { clientId, channelId: b.id, template },
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);

    // Both threads belong to the contact; B continues A.
    const threads = (await threadsOfContact()).rows;
    expect(threads.map((r) => [r.id, r.channel_id, r.continued_from_conversation_id])).toEqual([
      [convA, a.id, null],
      [convB, b.id, convA],
    ]);
    // The ticket goes on: A's closed as continued in B, B's with the same protocol, linked to A's.
    const tickets = await eventually('the old ticket closed in Postgres', async () => {
      const r = await asTenant(client, tenantId, () =>
        client.query<{
          id: string;
          conversation_id: string;
          protocol: string;
          status: string;
          continued_from_ticket_id: string | null;
          continued_in_conversation_id: string | null;
        }>(
          `select id, conversation_id, protocol, status, continued_from_ticket_id, continued_in_conversation_id
             from tickets where conversation_id in ($1, $2) order by opened_at`,
          [convA, convB],
        ),
      );
      return r.rows[0]?.status === 'closed' ? r.rows : null;
    });
    expect(tickets).toHaveLength(2);
    const [oldT, newT] = tickets as [(typeof tickets)[number], (typeof tickets)[number]];
    expect(oldT).toMatchObject({
      conversation_id: convA,
      protocol,
      status: 'closed',
      continued_in_conversation_id: convB,
    });
    expect(newT).toMatchObject({
      conversation_id: convB,
      protocol,
      status: 'assigned',
      continued_from_ticket_id: oldT.id,
    });

    // One template in B (the retry sent nothing twice), rendered; the ticket events say where it went.
    const historyB = await api<{
      events: {
        event: {
          type: string;
          message?: { text: string; template?: unknown };
          change?: string;
          ticket?: { continuedFrom?: unknown };
        };
      }[];
    }>('GET', `/api/conversations/${convB}/events?limit=50`, token);
    const messagesB = historyB.body.events.filter((e) => e.event.type === 'message.created');
    expect(messagesB.map((e) => e.event.message?.text)).toEqual([
      'Olá Ana, seguimos seu atendimento por este número.',
    ]);
    const continuedB = historyB.body.events.find((e) => e.event.type === 'ticket.changed');
    expect(continuedB?.event).toMatchObject({
      change: 'continued',
      ticket: { protocol, continuedFrom: { conversationId: convA, channelName: 'Vendas A' } },
    });
    const summaryB = await api<{ status: string; protocol: string }>(
      'GET',
      `/api/conversations/${convB}/summary`,
      token,
    );
    expect(summaryB.body).toMatchObject({ status: 'assigned', protocol });
    const summaryA = await api<{ status: string }>('GET', `/api/conversations/${convA}/summary`, token);
    expect(summaryA.body.status).toBe('closed');

    // The inbox shows them linked: live (the dashboard's summaries), and after a rebuild from Postgres.
    const linkA = { continuedIn: { conversationId: convB, channelName: 'Suporte B' } };
    const linkB = { continuedFrom: { conversationId: convA, channelName: 'Vendas A' } };
    expect(summaryA.body).toMatchObject(linkA);
    expect(summaryB.body).toMatchObject(linkB);
    const lastSummary = (id: string) =>
      inbox.frames
        .filter((f): f is Extract<InboxServerFrame, { type: 'summary' }> => f.type === 'summary')
        .map((f) => f.summary)
        .filter((s) => s.conversationId === id)
        .at(-1);
    await eventually('both rows linked on the dashboard', async () =>
      lastSummary(convA)?.continuedIn && lastSummary(convB)?.continuedFrom ? true : null,
    );
    expect(lastSummary(convA)).toMatchObject(linkA);
    expect(lastSummary(convB)).toMatchObject(linkB);
    inbox.close();
    const dbs = openDatabases(env);
    let rebuilt: InboxSummary[];
    try {
      rebuilt = await loadInboxSummaries(dbs.primary, tenantId);
    } finally {
      await dbs.close();
    }
    const rowA = rebuilt.find((s) => s.conversationId === convA);
    const rowB = rebuilt.find((s) => s.conversationId === convB);
    expect(rowA).toMatchObject({ status: 'closed', ...linkA });
    expect(rowA?.continuedFrom).toBeUndefined();
    expect(rowB).toMatchObject({ status: 'assigned', protocol, ...linkB });
    expect(rowB?.continuedIn).toBeUndefined();
    // A different click after it went through: nothing open to continue any more.
    const later = await api('POST', `/api/conversations/${convA}/continue`, token, {
      clientId: crypto.randomUUID(),
      channelId: b.id,
      template,
    });
    expect(later.status).toBe(409);
  });
});
