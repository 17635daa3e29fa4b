// The text rule (workers/contract/text.ts) at every boundary, and an archive no row can poison: NUL, lone
// surrogates and invisible-only text from our own clients (widget socket, agent socket, REST) are refused
// with nothing stored; a gateway's webhook is kept and cleaned; and after each, later events of the same
// conversation and of another conversation on the same archiver reach Postgres. Rows Postgres refuses,
// pushed past the boundary straight into the archiver or the conversation object, are quarantined while
// everything else lands.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InboundMessage } from '../../workers/channels/inbound';
import { cleanDeep, clipText, isBlankText, isStorableText, type StoredEvent } from '../../workers/contract';
import { archiveShards } from '../../workers/env';
import { archiveStatement } from '../../workers/services/archive-statement';
import { archiverName, conversationObjectName } from '../../workers/services/conversation-names';
import { ACME } from '../support/fixtures';
import { asTenant, openClient } from './db-helpers';
import {
  api,
  call,
  errorCode,
  login,
  openSocket,
  postJson,
  type WidgetSession,
  widgetSession,
} from './helpers';

const acmeAdmin = ACME.users[0] as (typeof ACME.users)[number];
const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];

/** What our own clients may not send: NUL, other controls, lone surrogates, nothing visible. */
const BAD_TEXT = ['oi\u0000', 'sino \u0007', 'meio \ud800 par', '\udc00', '\u200b\u200d\u2060 \ufeff', '   '];

let client: Client;
let tenantId: string;
let agentToken: string;
let adminToken: string;

beforeAll(async () => {
  client = await openClient();
  ({ token: agentToken, tenantId } = await login(acmeAgent.email, acmeAgent.password));
  ({ token: adminToken } = await login(acmeAdmin.email, acmeAdmin.password));
});
afterAll(() => client.end());

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

type ArchivedRow = { seq: number; type: string; payload: { message?: { text: string } } };

async function archived(conversationId: string): Promise<ArchivedRow[]> {
  return asTenant(client, tenantId, async () => {
    const r = await client.query<{ seq: string; type: string; payload: ArchivedRow['payload'] }>(
      'select seq, type, payload from conversation_events where conversation_id = $1 order by seq',
      [conversationId],
    );
    return r.rows.map((row) => ({ seq: Number(row.seq), type: row.type, payload: row.payload }));
  });
}

/** Waits until Postgres holds `messages` messages of the conversation; every seq up to the last, each once. */
async function archivedMessages(conversationId: string, messages: number): Promise<ArchivedRow[]> {
  let rows: ArchivedRow[] = [];
  await until(async () => {
    rows = await archived(conversationId);
    return rows.filter((r) => r.type === 'message.created').length >= messages;
  });
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  return rows;
}

/** Waits until Postgres holds exactly seqs 1..lastSeq of the conversation, each once. */
async function archivedUpTo(conversationId: string, lastSeq: number): Promise<ArchivedRow[]> {
  let rows: ArchivedRow[] = [];
  await until(async () => {
    rows = await archived(conversationId);
    return rows.length >= lastSeq;
  });
  expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
  return rows;
}

function shardOf(conversationId: string): string {
  return archiverName(tenantId, conversationId, archiveShards(env));
}

/** Widget conversations written by the same archiver object as `first` (so they share its statements). */
async function onSameArchiver(first: string, n: number): Promise<WidgetSession[]> {
  const found: WidgetSession[] = [];
  while (found.length < n) {
    const s = await widgetSession('acme');
    if (shardOf(s.conversationId) === shardOf(first)) found.push(s);
  }
  return found;
}

/**
 * The proof after a refused input: a good message on the same conversation and one on another conversation
 * of the same archiver, sent together, both reach Postgres (with everything before them, no hole).
 */
async function laterEventsLand(target: WidgetSession, expectedSeq: number): Promise<void> {
  const [other] = (await onSameArchiver(target.conversationId, 1)) as [WidgetSession];
  const a = await openSocket(target.conversationId, target.token);
  const b = await openSocket(other.conversationId, other.token);
  a.send({ type: 'message.send', clientId: crypto.randomUUID(), text: 'depois' });
  b.send({ type: 'message.send', clientId: crypto.randomUUID(), text: 'outra conversa' });
  expect((await a.next('ack')).seq).toBe(expectedSeq);
  expect((await b.next('ack')).seq).toBe(1);
  a.close();
  b.close();
  const rows = await archivedUpTo(target.conversationId, expectedSeq);
  expect(rows.at(-1)?.payload.message?.text).toBe('depois');
  expect((await archivedUpTo(other.conversationId, 1))[0]?.payload.message?.text).toBe('outra conversa');
}

describe('the rule itself', () => {
  it('tells storable from not, blank from not, and cleans what a provider sends', () => {
    for (const bad of BAD_TEXT.slice(0, 4)) expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    expect(isStorableText('Olá 👍\tlinha\r\nnova — ação')).toBe(true);
    expect(isBlankText('\u200b\u200d\u2060 \ufeff\u3164')).toBe(true);
    expect(isBlankText('\u200bá')).toBe(false);
    // Never half a pair: the cut falls before the emoji, not through it.
    expect(clipText('ab👍', 3)).toBe('ab');
    expect(clipText('ab👍', 4)).toBe('ab👍');
    // A raw payload of any depth is cleaned without recursion, keys and order kept.
    let deep: unknown = 'fundo\u0000';
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    let cleaned = cleanDeep(deep) as { n: unknown };
    for (let i = 0; i < 100_000; i++) cleaned = cleaned.n as { n: unknown };
    expect(cleaned).toBe('fundo');
    expect(JSON.stringify(cleanDeep({ b: 1, 'a\u0000': ['x\ud800', null, { __proto__: 'y' }] }))).toBe(
      '{"b":1,"a":["x\ufffd",null,{}]}',
    );
    expect(JSON.stringify(cleanDeep(JSON.parse('{"__proto__":{"z":"\\u0000"}}')))).toBe(
      '{"__proto__":{"z":""}}',
    );
  });
});

describe('our own clients: refused, nothing stored', () => {
  it('widget socket: an error frame tied to the clientId for each bad text; later events flow', async () => {
    const session = await widgetSession('acme');
    const socket = await openSocket(session.conversationId, session.token);
    socket.send({ type: 'message.send', clientId: crypto.randomUUID(), text: 'antes' });
    expect((await socket.next('ack')).seq).toBe(1);
    for (const text of BAD_TEXT) {
      const clientId = crypto.randomUUID();
      socket.send({ type: 'message.send', clientId, text });
      const error = await socket.next('error');
      expect(error, JSON.stringify(text)).toMatchObject({ code: 'validation_failed', clientId });
    }
    socket.close();
    await laterEventsLand(session, 2);
  });

  it('agent socket: messages and notes refused the same way', async () => {
    const session = await widgetSession('acme');
    const socket = await openSocket(session.conversationId, agentToken);
    for (const type of ['message.send', 'note.send']) {
      for (const text of BAD_TEXT) {
        const clientId = crypto.randomUUID();
        socket.send({ type, clientId, text });
        expect(await socket.next('error'), `${type} ${JSON.stringify(text)}`).toMatchObject({
          code: 'validation_failed',
          clientId,
        });
      }
    }
    socket.send({ type: 'note.send', clientId: crypto.randomUUID(), text: 'nota ok' });
    expect((await socket.next('ack')).seq).toBe(1);
    socket.close();
    await laterEventsLand(session, 2);
  });

  it('REST message send: 400 validation_failed naming the field', async () => {
    const session = await widgetSession('acme');
    for (const text of BAD_TEXT) {
      const res = await api('POST', `/api/conversations/${session.conversationId}/messages`, agentToken, {
        clientId: crypto.randomUUID(),
        text,
      });
      expect(res.status, JSON.stringify(text)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    const nul = await api<{ error: { details: { path: string }[] } }>(
      'POST',
      `/api/conversations/${session.conversationId}/messages`,
      agentToken,
      { clientId: crypto.randomUUID(), text: 'a\u0000b' },
    );
    expect(nul.body.error.details.map((d) => d.path)).toContain('text');
    await laterEventsLand(session, 1);
  });

  it('names (contact, widget visitor, user, team, tenant, canned response, tag, template parameter): 400, nothing changed', async () => {
    const session = await widgetSession('acme', { name: 'Visitante' });
    const contactId = await asTenant(client, tenantId, async () => {
      const r = await client.query<{ contact_id: string }>(
        'select contact_id from conversations where id = $1',
        [session.conversationId],
      );
      return r.rows[0]?.contact_id as string;
    });
    const before = (await api('GET', `/api/contacts/${contactId}`, agentToken)).body;
    for (const name of BAD_TEXT) {
      const patched = await api('PATCH', `/api/contacts/${contactId}`, agentToken, { name });
      expect(patched.status, JSON.stringify(name)).toBe(400);
      expect(errorCode(patched.body)).toBe('validation_failed');
      const visitor = await postJson('/api/widget/sessions', { tenant: 'acme', name });
      expect(visitor.status, JSON.stringify(name)).toBe(400);
      const team = await api('POST', '/api/teams', adminToken, { name });
      expect(team.status, JSON.stringify(name)).toBe(400);
      const user = await api('POST', '/api/admin/users', adminToken, {
        email: `novo-${crypto.randomUUID().slice(0, 8)}@acme.test`,
        name,
        role: 'agent',
        password: 'uma-senha-longa',
      });
      expect(user.status, JSON.stringify(name)).toBe(400);
      const tenant = await api('PATCH', '/api/tenant/settings', adminToken, { name });
      expect(tenant.status, JSON.stringify(name)).toBe(400);
      const canned = await api('POST', '/api/canned-responses', adminToken, {
        shortcut: 'x',
        title: 'Título',
        body: name,
      });
      expect(canned.status, JSON.stringify(name)).toBe(400);
      const tags = await api('POST', `/api/conversations/${session.conversationId}/ticket`, agentToken, {
        action: 'tags',
        tags: [name],
      });
      expect(tags.status, JSON.stringify(name)).toBe(400);
      const template = await api(
        'POST',
        `/api/conversations/${session.conversationId}/messages`,
        agentToken,
        {
          clientId: crypto.randomUUID(),
          template: { name: 'boas_vindas', language: 'pt_BR', parameters: [name] },
        },
      );
      expect(template.status, JSON.stringify(name)).toBe(400);
      expect(errorCode(template.body)).toBe('validation_failed');
    }
    expect((await api('GET', `/api/contacts/${contactId}`, agentToken)).body).toEqual(before);
    await laterEventsLand(session, 1);
  });

  it('search text and cursors: 400, never 500', async () => {
    const get = (path: string) => call(path, { headers: { authorization: `Bearer ${agentToken}` } });
    for (const q of ['ab%00', '%00%00', '%E2%80%8B%E2%80%8B%E2%80%8B', 'a%07b', '%20%20%20']) {
      const res = await get(`/api/search?q=${q}`);
      expect(res.status, q).toBe(400);
      expect(errorCode(await res.json())).toBe('validation_failed');
    }
    const session = await widgetSession('acme');
    // A cursor that decodes to a time Date.parse accepts but Postgres would not (a trailing NUL).
    const sneaky = btoa(`2026-11-21T12:00:00.000Z\u0000|${session.conversationId}`);
    for (const cursor of ['%00', encodeURIComponent(sneaky), 'abc%00def']) {
      const res = await get(`/api/conversations?cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(errorCode(await res.json())).toBe('validation_failed');
    }
    for (const before of ['%00', '1%00', '%E2%80%8B']) {
      const res = await get(`/api/conversations/${session.conversationId}/events?before=${before}`);
      expect(res.status, before).toBe(400);
      expect(errorCode(await res.json())).toBe('validation_failed');
    }
    await laterEventsLand(session, 1);
  });
});

describe('a gateway webhook: kept and cleaned, never refused', () => {
  it('Evolution: stores NUL-free, well-formed text, profile name and raw JSON; later events of both customers land', async () => {
    const instance = `inst-${crypto.randomUUID().slice(0, 8)}`;
    const created = await api<{ channel: { id: string } }>('POST', '/api/channels', adminToken, {
      kind: 'evolution',
      name: 'Evolution (texto)',
      baseUrl: 'https://evo.provedor.example',
      instance,
      apiKey: 'evo-secret-key-123',
    });
    expect(created.status).toBe(201);
    const phone = () => `5531${String(Math.floor(Math.random() * 1e9)).padStart(9, '9')}`;
    const [maria, joao] = [phone(), phone()];
    const item = (
      from: string,
      id: string,
      message: Record<string, unknown>,
      pushName = 'Maria\u0000 Souza',
    ) => ({
      key: { remoteJid: `${from}@s.whatsapp.net`, fromMe: false, id },
      pushName,
      message,
      messageType: Object.keys(message)[0],
      messageTimestamp: Math.floor(Date.now() / 1000),
    });
    const post = (data: unknown[]) =>
      call(`/webhooks/evolution/${created.body.channel.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': 'evo-secret-key-123' },
        body: JSON.stringify({ event: 'messages.upsert', instance, data }),
      });
    const first = await post([
      item(maria, `M1-${instance}`, { conversation: 'sem\u0000 internet \ud83d desde 8h \u0007' }),
      item(maria, `M2-${instance}`, { weirdMessage: { 'k\u0000': 'v\udfff' } }),
      item(joao, `J1-${instance}`, { conversation: '\u200b\u200b' }, 'João'),
    ]);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ stored: 3 });
    const second = await post([
      item(maria, `M3-${instance}`, { conversation: 'depois' }),
      item(joao, `J2-${instance}`, { conversation: 'depois também' }, 'João'),
    ]);
    expect(second.status).toBe(200);
    const conversationOf = (from: string) =>
      asTenant(client, tenantId, async () => {
        const r = await client.query<{ id: string }>(
          `select v.id from conversations v join contacts c on c.id = v.contact_id where c.phone = $1`,
          [from],
        );
        return r.rows[0]?.id as string;
      });
    const mariaRows = await archivedMessages(await conversationOf(maria), 3);
    const messages = mariaRows.filter((r) => r.type === 'message.created').map((r) => r.payload);
    expect(messages.map((m) => m.message?.text)).toEqual(['sem internet \ufffd desde 8h ', '', 'depois']);
    expect(messages[0]).toMatchObject({ message: { author: { kind: 'contact', name: 'Maria Souza' } } });
    const unsupported = (messages[1] as unknown as { message: { unsupported: { raw: string } } }).message
      .unsupported;
    expect(JSON.parse(unsupported.raw)).toMatchObject({ message: { weirdMessage: { k: 'v\ufffd' } } });
    const joaoRows = await archivedMessages(await conversationOf(joao), 2);
    // Invisible-only text from a customer is kept as it came: a provider's message is never refused.
    expect(joaoRows.filter((r) => r.type === 'message.created').map((r) => r.payload.message?.text)).toEqual([
      '\u200b\u200b',
      'depois também',
    ]);
  });
  it('Uazapi: the same rule, text and profile name cleaned, the message stored', async () => {
    const instanceName = `uaz-${crypto.randomUUID().slice(0, 8)}`;
    const created = await api<{ channel: { id: string } }>('POST', '/api/channels', adminToken, {
      kind: 'uazapi',
      name: 'Uazapi (texto)',
      baseUrl: 'https://uaz.provedor.example',
      instanceName,
      instanceToken: 'uaz-secret-token-123',
    });
    expect(created.status).toBe(201);
    const from = `5531${String(Math.floor(Math.random() * 1e9)).padStart(9, '8')}`;
    const res = await call(`/webhooks/uazapi/${created.body.channel.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': 'uaz-secret-token-123' },
      body: JSON.stringify({
        EventType: 'messages',
        instanceName,
        message: {
          messageid: `U1-${instanceName}`,
          chatid: `${from}@s.whatsapp.net`,
          fromMe: false,
          isGroup: false,
          type: 'text',
          messageType: 'Conversation',
          text: 'caiu\u0000 de novo \udc00\u0085',
          messageTimestamp: Date.now(),
          sender: `${from}@s.whatsapp.net`,
          senderName: 'Jo\u0000ão',
        },
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 1 });
    const conversationId = await asTenant(client, tenantId, async () => {
      const r = await client.query<{ id: string }>(
        'select v.id from conversations v join contacts c on c.id = v.contact_id where c.phone = $1',
        [from],
      );
      return r.rows[0]?.id as string;
    });
    const rows = await archivedMessages(conversationId, 1);
    expect(rows.find((r) => r.type === 'message.created')?.payload).toMatchObject({
      message: { text: 'caiu de novo \ufffd', author: { kind: 'contact', name: 'João' } },
    });
  });
});

function events(conversationId: string, texts: string[], from = 1): StoredEvent[] {
  return texts.map((text, i) => ({
    seq: from + i,
    conversationId,
    createdAt: new Date(Date.UTC(2026, 10, 21, 12, 0, from + i)).toISOString(),
    event: {
      type: 'message.created',
      message: { text, author: { kind: 'visitor', id: 'v1', name: null }, clientId: null },
    },
  }));
}

describe('the archive: a refused row is quarantined, everything else lands', () => {
  it('one statement with a poisoned row fails as a whole (why isolation is needed)', async () => {
    const [a, b] = [await widgetSession('acme'), await widgetSession('acme')];
    const st = archiveStatement(tenantId, [
      { conversationId: a.conversationId, events: events(a.conversationId, ['ok', 'x\u0000y']) },
      { conversationId: b.conversationId, events: events(b.conversationId, ['ok']) },
    ]);
    const failure = await asTenant(client, tenantId, () => client.query(st.text, st.values)).catch(
      (err: unknown) => err,
    );
    expect((failure as { code?: string }).code).toMatch(/^22/);
    expect(await archived(b.conversationId)).toEqual([]);
  });

  it('a message whose inbox preview would cut an emoji in half lands whole, nothing quarantined', async () => {
    const session = await widgetSession('acme');
    const socket = await openSocket(session.conversationId, session.token);
    const text = `${'a'.repeat(139)}👍 e mais`; // the 140-character preview ends inside the emoji
    socket.send({ type: 'message.send', clientId: crypto.randomUUID(), text });
    expect((await socket.next('ack')).seq).toBe(1);
    socket.close();
    expect((await archivedUpTo(session.conversationId, 1))[0]?.payload.message?.text).toBe(text);
    const row = await asTenant(client, tenantId, async () => {
      const summary = await client.query<{ last_message_preview: string }>(
        'select last_message_preview from conversations where id = $1',
        [session.conversationId],
      );
      const quarantined = await client.query('select 1 from archive_quarantine where conversation_id = $1', [
        session.conversationId,
      ]);
      return { preview: summary.rows[0]?.last_message_preview, quarantined: quarantined.rowCount };
    });
    expect(row).toEqual({ preview: 'a'.repeat(139), quarantined: 0 });
  });

  it('the archiver lands other conversations and good rows, quarantines the bad ones with an alert', async () => {
    const errors = vi.spyOn(console, 'error');
    const a = await widgetSession('acme');
    const [b, c] = (await onSameArchiver(a.conversationId, 2)) as [WidgetSession, WidgetSession];
    const archiver = env.ARCHIVERS.getByName(shardOf(a.conversationId));
    const batch = (s: WidgetSession, evs: StoredEvent[]) => ({
      conversationId: s.conversationId,
      events: evs,
    });
    // The first call runs alone; the three behind it queue while it runs and share the next statement.
    const outcomes = await Promise.all([
      archiver.archive(tenantId, batch(c, events(c.conversationId, ['c1']))),
      archiver.archive(
        tenantId,
        batch(a, events(a.conversationId, ['a1', 'a2', 'x\u0000y', 'meio \ud800 par', 'a5', 'a6'])),
      ),
      archiver.archive(tenantId, batch(b, events(b.conversationId, ['b1', 'b2', 'b3']))),
      archiver.archive(tenantId, batch(c, events(c.conversationId, ['c1', 'c2']))),
    ]);
    // Every batch landed (the refused rows as cleaned copies), so every caller is answered ok.
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
    expect((await archived(b.conversationId)).map((r) => r.payload.message?.text)).toEqual([
      'b1',
      'b2',
      'b3',
    ]);
    expect((await archived(c.conversationId)).map((r) => r.payload.message?.text)).toEqual(['c1', 'c2']);
    // Every seq of A is there: the refused ones as their cleaned copies.
    expect((await archived(a.conversationId)).map((r) => r.payload.message?.text)).toEqual([
      'a1',
      'a2',
      'xy',
      'meio \ufffd par',
      'a5',
      'a6',
    ]);
    const quarantined = await asTenant(client, tenantId, () =>
      client.query<{ seq: string; payload: string; error: string; sqlstate: string }>(
        'select seq, payload, error, sqlstate from archive_quarantine where conversation_id = $1 order by seq',
        [a.conversationId],
      ),
    );
    expect(quarantined.rows.map((r) => Number(r.seq))).toEqual([3, 4]);
    // The original, escaped to a visible form.
    expect(quarantined.rows[0]?.payload).toContain('x\\u0000y');
    expect(quarantined.rows[1]?.payload).toContain('meio \\ud800 par');
    for (const row of quarantined.rows) expect(row.sqlstate).toMatch(/^22/);
    expect(
      errors.mock.calls.some((args) => String(args[0]).includes('archive row refused by Postgres')),
    ).toBe(true);
    errors.mockRestore();
    // Later events of the same conversation land, and the summary moved past the refused rows.
    expect(await archiver.archive(tenantId, batch(a, events(a.conversationId, ['a7'], 7)))).toEqual({
      ok: true,
      value: null,
    });
    expect((await archived(a.conversationId)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const summary = await asTenant(client, tenantId, () =>
      client.query<{ last_seq: string; last_message_preview: string }>(
        'select last_seq, last_message_preview from conversations where id = $1',
        [a.conversationId],
      ),
    );
    expect(summary.rows[0]).toMatchObject({ last_seq: '7', last_message_preview: 'a7' });
  });

  it('a bad row stored by the conversation object (past the boundary) does not stall it; history reads it back', async () => {
    const session = await widgetSession('acme');
    const ref = { tenantId, conversationId: session.conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, session.conversationId));
    const binding = { channelId: crypto.randomUUID(), kind: 'whatsapp_cloud' as const, to: '5531991234567' };
    const inbound = (id: string, text: string): InboundMessage => ({
      address: '100',
      externalId: id,
      from: '5531991234567',
      profileName: null,
      sentAt: new Date(),
      replyToExternalId: null,
      content: { kind: 'text', text },
      raw: { id },
    });
    const bad = await stub.receiveInbound(ref, binding, inbound('wamid.bad', 'quebrado\u0000 aqui'));
    let last = 0;
    for (let i = 1; i <= 7; i++)
      last = (await stub.receiveInbound(ref, binding, inbound(`wamid.${i}`, `m${i}`))).seq;
    await archivedUpTo(session.conversationId, last);
    // One more append records the flush and prunes (retention is 5 in tests): the bad seq now comes from
    // Postgres only.
    last = (await stub.receiveInbound(ref, binding, inbound('wamid.last', 'última'))).seq;
    const rows = await archivedUpTo(session.conversationId, last);
    expect(rows[bad.seq - 1]?.payload.message?.text).toBe('quebrado aqui');
    const history = await api<{ events: StoredEvent[] }>(
      'GET',
      `/api/conversations/${session.conversationId}/events?limit=200`,
      agentToken,
    );
    expect(history.status).toBe(200);
    expect(history.body.events.map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    const shown = history.body.events[bad.seq - 1]?.event;
    expect(shown?.type === 'message.created' && shown.message.text).toBe('quebrado aqui');
    const replay = await openSocket(session.conversationId, agentToken);
    replay.send({ type: 'hello', since: 0 });
    expect((await replay.next('ready')).lastSeq).toBe(last);
    expect(replay.events().map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    replay.close();
  });
});
