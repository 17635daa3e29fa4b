// LGPD through the real routes, conversation objects, Postgres and R2: the export holds everything the
// database has about a contact (the tables are found from the catalog, as the export finds them), and after
// an erasure the contact's words are nowhere: not in any text or jsonb column of any table, not in a replay
// from the object (socket hello since 0) or REST history, not in search, not in R2, not in the inbox summary.
// Protocol numbers and an audit entry remain; the same visitor or phone writing again starts clean. An
// erasure that fails halfway (R2 down) is finished by asking again. Admin-only; another tenant gets 404.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditListResponse,
  EraseContactResponse,
  EventHistoryResponse,
  InboxSummary,
} from '../../workers/contract';
import { eraseContact } from '../../workers/services/contact-erasure';
import type { ContactExport } from '../../workers/services/contact-export';
import { openDatabases } from '../../workers/services/db';
import { PNG } from '../support/file-samples';
import { TEST_WHATSAPP_APP_SECRET } from '../support/fixtures';
import { asTenant, openClient, replicaCaughtUp } from './db-helpers';
import { api, call, errorCode, eventually, login, openInbox, openSocket, widgetSession } from './helpers';
import { PEOPLE, signIn } from './sign-in';

const tokens = signIn('admin', 'agent', 'supervisor', 'globexAdmin');
let primary: Client;
let replica: Client;
let tenantId: string;

beforeAll(async () => {
  primary = await openClient();
  replica = await openClient((env.DATABASE_REPLICA_URLS ?? '').split(',')[0]);
  tenantId = (await login(PEOPLE.admin.email, PEOPLE.admin.password)).tenantId;
});
afterAll(async () => {
  await primary?.end();
  await replica?.end();
});

/** A word no other test writes (consonants only, so the Portuguese stemmer keeps it whole). */
const word = () =>
  `kw${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => 'bcdfghjklmnpqrstvz'[b % 18]).join('')}`;

const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  asTenant(primary, tenantId, () => primary.query<T>(text, values)).then((r) => r.rows);

/** Every place in Postgres (every text, varchar, jsonb and text[] column of every table) holding `needle`. */
async function postgresHits(needle: string): Promise<string[]> {
  const columns = await q<{ table: string; column: string }>(
    `select c.relname as table, a.attname as column
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        and format_type(a.atttypid, a.atttypmod) in ('text', 'jsonb', 'json', 'text[]', 'character varying')
        and has_table_privilege(c.oid, 'SELECT')`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const hits: string[] = [];
  for (const { table, column } of columns) {
    const rows = await q<{ n: string }>(
      `select count(*) as n from "${table}" where "${column}"::text ilike '%' || $1 || '%'`,
      [needle],
    );
    if (Number(rows[0]?.n) > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

interface Story {
  secret: string;
  conversationId: string;
  contactId: string;
  visitorId: string;
  visitorKey: string;
  protocol: string;
  fileKey: string;
}

/** A widget customer who writes, gets a note and a file, and gives their e-mail and CPF to the agent. */
async function story(): Promise<Story> {
  const secret = word();
  const session = await widgetSession('acme', { name: `Maria ${secret}` });
  const visitor = await openSocket(session.conversationId, session.token);
  visitor.send({ type: 'hello', since: 0 });
  await visitor.next('ready');
  for (let i = 0; i < 4; i++) {
    visitor.send({
      type: 'message.send',
      clientId: crypto.randomUUID(),
      text: `meu segredo ${secret} parte ${i}`,
    });
    await visitor.next('ack');
  }
  const agent = await openSocket(session.conversationId, tokens.agent);
  agent.send({ type: 'hello', since: 0 });
  await agent.next('ready');
  agent.send({ type: 'note.send', clientId: crypto.randomUUID(), text: `nota sobre ${secret}` });
  await agent.next('ack');
  const upload = await call(
    `/api/conversations/${session.conversationId}/attachments?filename=${encodeURIComponent(`fatura-${secret}.png`)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.agent}`, 'content-type': 'image/png' },
      body: new Blob([PNG.slice()]),
    },
  );
  expect(upload.status).toBe(201);
  const { attachment } = (await upload.json()) as { attachment: { key: string } };
  const sent = await api('POST', `/api/conversations/${session.conversationId}/messages`, tokens.agent, {
    clientId: crypto.randomUUID(),
    text: `segue sua fatura ${secret}`,
    attachmentKey: attachment.key,
  });
  expect(sent.status).toBe(201);
  visitor.send({ type: 'message.send', clientId: crypto.randomUUID(), text: `obrigada ${secret}` });
  const last = await visitor.next('ack');
  agent.close();
  visitor.close();
  const contactId = (
    await q<{ contact_id: string }>('select contact_id from conversations where id = $1', [
      session.conversationId,
    ])
  )[0]?.contact_id as string;
  const patched = await api('PATCH', `/api/contacts/${contactId}`, tokens.agent, {
    email: `${secret}@example.com`,
    cpfCnpj: '52998224725',
  });
  expect(patched.status).toBe(200);
  // Everything is in Postgres (the object keeps only its newest 5 in tests).
  await eventually('the archive', async () => {
    const rows = await q<{ n: string }>(
      'select count(*) as n from conversation_events where conversation_id = $1',
      [session.conversationId],
    );
    return Number(rows[0]?.n) >= last.seq ? true : null;
  });
  return {
    secret,
    conversationId: session.conversationId,
    contactId,
    visitorId: session.visitorId,
    visitorKey: session.visitorKey,
    protocol: session.protocol,
    fileKey: attachment.key,
  };
}

async function replayText(conversationId: string): Promise<{ text: string; seqs: number[] }> {
  const socket = await openSocket(conversationId, tokens.admin);
  socket.send({ type: 'hello', since: 0 });
  const ready = await socket.next('ready');
  const events = socket.events();
  socket.close();
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length: ready.lastSeq }, (_, i) => i + 1));
  return { text: JSON.stringify(events), seqs: events.map((e) => e.seq) };
}

const erase = (token: string, contactId: string, confirm: unknown = contactId) =>
  api<EraseContactResponse>('POST', `/api/admin/contacts/${contactId}/erase`, token, { confirm });

describe('LGPD export', () => {
  it('holds every row of every table that references the contact, every event and the files', async () => {
    const s = await story();
    const res = await api<ContactExport>('POST', `/api/admin/contacts/${s.contactId}/export`, tokens.admin);
    expect(res.status).toBe(200);
    const out = res.body;
    expect(out.contact).toMatchObject({
      id: s.contactId,
      name: `Maria ${s.secret}`,
      cpf_cnpj: '52998224725',
    });

    // Generated from the schema: a table added later with a contact_id or conversation_id column must appear.
    const tables = await q<{ table: string; column: string }>(
      `select c.relname as table, a.attname as column
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
          and a.attname in ('contact_id', 'conversation_id')`,
    );
    expect(tables.map((t) => t.table)).toEqual(
      expect.arrayContaining(['conversations', 'conversation_events', 'tickets']),
    );
    for (const { table, column } of tables) {
      const where =
        column === 'contact_id'
          ? `"contact_id" = $1`
          : `"conversation_id" in (select id from conversations where contact_id = $1)`;
      const n = Number(
        (await q<{ n: string }>(`select count(*) as n from "${table}" where ${where}`, [s.contactId]))[0]?.n,
      );
      expect(out.tables[table], table).toBeDefined();
      expect(out.tables[table]?.length, table).toBeGreaterThanOrEqual(n);
    }
    expect(out.tables.tickets?.map((t) => t.protocol)).toContain(s.protocol);

    // Every event, in order, with the customer's words, the note and the file.
    const seqs = out.events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const texts = JSON.stringify(out.events);
    for (const t of [
      'parte 0',
      'parte 3',
      `nota sobre ${s.secret}`,
      `segue sua fatura ${s.secret}`,
      `obrigada ${s.secret}`,
    ])
      expect(texts).toContain(t);
    const file = out.files.find((f) => f.key === s.fileKey);
    expect(file).toMatchObject({ size: PNG.length, contentType: 'image/png' });
    expect(Uint8Array.from(atob(file?.base64 ?? ''), (ch) => ch.charCodeAt(0))).toEqual(PNG);

    const audit = await api<AuditListResponse>(
      'GET',
      `/api/admin/audit?action=contact.exported&target=${s.contactId}`,
      tokens.admin,
    );
    expect(audit.body.entries).toHaveLength(1);
  });

  it('is for owners and admins; another tenant gets 404', async () => {
    const s = await story();
    for (const who of ['agent', 'supervisor'] as const) {
      const res = await api('POST', `/api/admin/contacts/${s.contactId}/export`, tokens[who]);
      expect(res.status, who).toBe(403);
    }
    const other = await api('POST', `/api/admin/contacts/${s.contactId}/export`, tokens.globexAdmin);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain(s.secret);
    const audit = await api<AuditListResponse>('GET', `/api/admin/audit?target=${s.contactId}`, tokens.admin);
    expect(audit.body.entries).toEqual([]);
  });
});

describe('LGPD erasure', () => {
  it('removes the words everywhere, keeps protocols and an audit entry, and a returning visitor starts clean', async () => {
    const s = await story();
    expect(await postgresHits(s.secret)).not.toEqual([]);

    // Refused requests change nothing.
    expect((await erase(tokens.agent, s.contactId)).status).toBe(403);
    expect((await erase(tokens.supervisor, s.contactId)).status).toBe(403);
    expect((await erase(tokens.globexAdmin, s.contactId)).status).toBe(404);
    const wrong = await erase(tokens.admin, s.contactId, crypto.randomUUID());
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong.body)).toBe('validation_failed');
    expect((await erase(tokens.admin, s.contactId, 'sim')).status).toBe(400);
    expect(
      (await q<{ name: string }>('select name from contacts where id = $1', [s.contactId]))[0]?.name,
    ).toBe(`Maria ${s.secret}`);

    const inbox = await openInbox(tokens.admin);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');

    const res = await erase(tokens.admin, s.contactId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ alreadyErased: false, conversations: 1, protocols: [s.protocol] });
    expect(res.body.deletedFiles).toBeGreaterThanOrEqual(1);

    // Postgres: no column of any table holds it; the contact's personal fields are empty.
    expect(await postgresHits(s.secret)).toEqual([]);
    const [contact] = await q(
      'select name, phone, email, cpf_cnpj, whatsapp_user_id, visitor_id, erased_at from contacts where id = $1',
      [s.contactId],
    );
    expect(contact).toMatchObject({
      name: null,
      phone: null,
      email: null,
      cpf_cnpj: null,
      whatsapp_user_id: null,
      visitor_id: null,
    });
    // Protocols remain, and the history keeps its shape (no hole).
    expect(
      (await q('select protocol from tickets where conversation_id = $1', [s.conversationId])).map(
        (r) => r.protocol,
      ),
    ).toEqual([s.protocol]);

    // Replay from the object, and REST history (object + Postgres).
    const replay = await replayText(s.conversationId);
    expect(replay.text).not.toContain(s.secret);
    expect(replay.text).toContain('"redacted":true');
    const panel = await api('GET', `/api/contacts/${s.contactId}`, tokens.admin);
    expect(JSON.stringify(panel.body)).toContain(s.protocol);
    expect(JSON.stringify(panel.body)).not.toContain(s.secret);
    const history = await api<EventHistoryResponse>(
      'GET',
      `/api/conversations/${s.conversationId}/events?limit=100`,
      tokens.admin,
    );
    expect(history.body.events.length).toBe(replay.seqs.length);
    expect(JSON.stringify(history.body)).not.toContain(s.secret);

    // Search (the replica, once it caught up).
    await replicaCaughtUp(primary, replica);
    const search = await api<{ results: unknown[] }>('GET', `/api/search?q=${s.secret}`, tokens.admin);
    expect(search.status).toBe(200);
    expect(search.body.results).toEqual([]);

    // R2: nothing under the conversation's prefix.
    expect((await env.MEDIA.list({ prefix: `${tenantId}/${s.conversationId}/` })).objects).toEqual([]);

    // The inbox: a new summary without the name or the words replaced the old one, live and on resume.
    const live = await inbox.next('summary');
    inbox.close();
    expect(live).toBeDefined();
    const summary = await api<InboxSummary>(
      'GET',
      `/api/conversations/${s.conversationId}/summary`,
      tokens.admin,
    );
    expect(summary.body.contact.name).toBeNull();
    expect(JSON.stringify(summary.body)).not.toContain(s.secret);
    const resumed = await openInbox(tokens.admin);
    resumed.send({ type: 'hello', since: 0 });
    await resumed.next('ready');
    const mine = resumed.frames.filter(
      (f) => f.type === 'summary' && f.summary.conversationId === s.conversationId,
    );
    resumed.close();
    expect(mine.length).toBeGreaterThan(0);
    expect(JSON.stringify(mine)).not.toContain(s.secret);

    // The audit entry stays, without the words.
    const audit = await api<AuditListResponse>(
      'GET',
      `/api/admin/audit?action=contact.erased&target=${s.contactId}`,
      tokens.admin,
    );
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]?.details).toMatchObject({ protocols: [s.protocol] });

    // Twice is fine: nothing more happens, no second entry.
    const again = await erase(tokens.admin, s.contactId);
    expect(again.status).toBe(200);
    expect(again.body.alreadyErased).toBe(true);
    expect(
      (
        await api<AuditListResponse>(
          'GET',
          `/api/admin/audit?action=contact.erased&target=${s.contactId}`,
          tokens.admin,
        )
      ).body.entries,
    ).toHaveLength(1);

    // The same browser (same visitor key) comes back: a new contact and conversation, no old history.
    const back = await widgetSession('acme', { visitorKey: s.visitorKey });
    expect(back.conversationId).not.toBe(s.conversationId);
    const fresh = await api<EventHistoryResponse>(
      'GET',
      `/api/conversations/${back.conversationId}/events`,
      back.token,
    );
    expect(fresh.body.events).toEqual([]);
    const [newContact] = await q<{ contact_id: string }>(
      'select contact_id from conversations where id = $1',
      [back.conversationId],
    );
    expect(newContact?.contact_id).not.toBe(s.contactId);
  });

  it('is finished by asking again after R2 failed halfway', async () => {
    const s = await story();
    const failing = {
      ...env.MEDIA,
      list: env.MEDIA.list.bind(env.MEDIA),
      delete: () => Promise.reject(new Error('R2 is down')),
    } as unknown as R2Bucket;
    const dbs = openDatabases(env);
    try {
      await expect(
        eraseContact({ env, primary: dbs.primary, bucket: failing }, tenantId, s.contactId, {
          actor: { type: 'system' },
          ip: null,
        }),
      ).rejects.toThrow(/R2 is down/);
    } finally {
      await dbs.close();
    }
    // What was done stays done (personal fields, Postgres, the object); the file and the completion wait.
    expect(await postgresHits(s.secret)).toEqual([]);
    expect((await replayText(s.conversationId)).text).not.toContain(s.secret);
    expect((await env.MEDIA.list({ prefix: `${tenantId}/${s.conversationId}/` })).objects).toHaveLength(1);
    const [pending] = await q<{ erased_at: unknown; erasure_completed_at: unknown }>(
      'select erased_at, erasure_completed_at from contacts where id = $1',
      [s.contactId],
    );
    expect(pending?.erased_at).not.toBeNull();
    expect(pending?.erasure_completed_at).toBeNull();
    expect(
      (
        await api<AuditListResponse>(
          'GET',
          `/api/admin/audit?action=contact.erased&target=${s.contactId}`,
          tokens.admin,
        )
      ).body.entries,
    ).toEqual([]);

    const res = await erase(tokens.admin, s.contactId);
    expect(res.status).toBe(200);
    expect(res.body.alreadyErased).toBe(false);
    expect((await env.MEDIA.list({ prefix: `${tenantId}/${s.conversationId}/` })).objects).toEqual([]);
    expect(
      (
        await api<AuditListResponse>(
          'GET',
          `/api/admin/audit?action=contact.erased&target=${s.contactId}`,
          tokens.admin,
        )
      ).body.entries,
    ).toHaveLength(1);
  });

  it('a WhatsApp customer writing again from the same number gets a new contact and conversation', async () => {
    const phoneNumberId = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    await q(
      `insert into channels (tenant_id, kind, name, address, settings) values ($1, 'whatsapp_cloud', 'LGPD', $2, $3)`,
      [tenantId, phoneNumberId, JSON.stringify({ phoneNumberId })],
    );
    const from = `55319${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const secret = word();
    const post = async (id: string, text: string, name = `Zé ${secret}`) => {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: 'waba',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
                  contacts: [{ profile: { name }, wa_id: from }],
                  messages: [
                    {
                      from,
                      id,
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      type: 'text',
                      text: { body: text },
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
      const res = await call('/webhooks/whatsapp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': await signed(body) },
        body,
      });
      expect(res.status).toBe(200);
    };
    const threads = () =>
      q<{ conversation_id: string; contact_id: string }>(
        `select v.id as conversation_id, v.contact_id from conversations v join channels c on c.id = v.channel_id
          where c.address = $1 order by v.created_at`,
        [phoneNumberId],
      );
    await post(`wamid.${crypto.randomUUID()}`, `meu endereço é ${secret}`);
    const [first] = await eventually('the first conversation', async () =>
      (await threads()).length === 1 ? await threads() : null,
    );
    if (!first) throw new Error('no conversation');
    expect((await erase(tokens.admin, first.contact_id)).status).toBe(200);
    expect(await postgresHits(secret)).toEqual([]);
    expect(await postgresHits(from)).toEqual([]);

    await post(`wamid.${crypto.randomUUID()}`, 'voltei', 'Zé');
    const both = await eventually('a second conversation', async () =>
      (await threads()).length === 2 ? await threads() : null,
    );
    const second = both[1];
    expect(second?.contact_id).not.toBe(first.contact_id);
    expect(second?.conversation_id).not.toBe(first.conversation_id);
    const history = await api<EventHistoryResponse>(
      'GET',
      `/api/conversations/${second?.conversation_id}/events`,
      tokens.admin,
    );
    expect(
      history.body.events.map((e) => e.event.type === 'message.created' && e.event.message.text),
    ).toContain('voltei');
    expect(JSON.stringify(history.body)).not.toContain(secret);
  });
});

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
