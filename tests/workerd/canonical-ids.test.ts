// One spelling per id: an id in any spelling other than the canonical lowercase UUID (upper or mixed case,
// braces, urn, no dashes, whitespace, percent-encoded) names nothing — 404 over REST and before any socket
// upgrade, 400 in a body, 401 in a token — so it can never name a second conversation object (a second
// writer: duplicate seqs in Postgres, two winning takes). Checked against Postgres under concurrent sends.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackReference, parseCallbackReference } from '../../workers/channels/callback-reference';
import { Uuid } from '../../workers/contract';
import {
  archiverName,
  conversationObjectName,
  inboxName,
  numberLimiterName,
} from '../../workers/services/conversation-names';
import { ACME, TEST_JWT_SECRET } from '../support/fixtures';
import { openClient } from './db-helpers';
import { api, call, errorCode, login, openSocket, postJson, widgetSession } from './helpers';

const [acmeAdmin, acmeAgent] = ACME.users as [(typeof ACME.users)[number], (typeof ACME.users)[number]];

/** Every way a client could re-spell `id` in a URL path (all name the same row in Postgres). */
function pathSpellings(id: string): Record<string, string> {
  const upper = id.toUpperCase();
  const percent = (s: string) =>
    [...s].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).join('');
  return {
    upper,
    // Only the first letter raised: a prefix cut could hold digits alone and spell the id canonically.
    mixed: id.replace(/[a-f]/, (ch) => ch.toUpperCase()),
    braces: `%7B${id}%7D`,
    urn: `urn:uuid:${id}`,
    'no dashes': id.replaceAll('-', ''),
    'leading space': `%20${id}`,
    'trailing space': `${id}%20`,
    'trailing tab': `${id}%09`,
    'percent-encoded upper': percent(upper),
  };
}

/** The canonical id, every character percent-encoded: the same URL (RFC 3986), so 404 or the same object. */
const percentEncoded = (id: string) => [...id].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('');

let pg: Client;
let tenantId = '';
beforeAll(async () => {
  pg = await openClient();
  tenantId = (await login(acmeAgent.email, acmeAgent.password)).tenantId;
});
afterAll(() => pg.end());

async function archivedSeqs(conversationId: string): Promise<number[]> {
  await pg.query("select set_config('app.tenant_id', $1, false)", [tenantId]);
  const r = await pg.query<{ seq: number }>(
    'select seq from conversation_events where conversation_id = $1 order by seq',
    [conversationId],
  );
  return r.rows.map((row) => Number(row.seq));
}

async function ticketRows(conversationId: string) {
  await pg.query("select set_config('app.tenant_id', $1, false)", [tenantId]);
  const r = await pg.query<{ status: string; assignee_id: string | null }>(
    'select status, assignee_id from tickets where conversation_id = $1',
    [conversationId],
  );
  return r.rows;
}

async function lastSeq(conversationId: string, token: string): Promise<number> {
  const res = await api<{ lastSeq: number }>('GET', `/api/conversations/${conversationId}/summary`, token);
  expect(res.status).toBe(200);
  return res.body.lastSeq;
}

describe('re-spelled conversation ids over REST', () => {
  it('are not found on every conversation route, and change nothing', async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const session = await widgetSession('acme', { name: 'Caixa Alta' });
    const id = session.conversationId;
    const seqBefore = await lastSeq(id, token);
    for (const [how, spelled] of Object.entries(pathSpellings(id))) {
      const base = `/api/conversations/${spelled}`;
      const calls: [string, string, unknown?][] = [
        ['GET', `${base}/events`],
        ['GET', `${base}/summary`],
        ['GET', `${base}/channel`],
        [
          'POST',
          `${base}/messages`,
          { clientId: `respelled-${crypto.randomUUID()}`, text: 'segundo objeto?' },
        ],
        ['POST', `${base}/ticket`, { action: 'take' }],
        ['POST', `${base}/ticket`, { action: 'priority', priority: 5 }],
      ];
      for (const [method, path, body] of calls) {
        const res = await api(method, path, token, body);
        expect([res.status, errorCode(res.body)], `${how}: ${method} ${path}`).toEqual([404, 'not_found']);
      }
      // The visitor's own token does not open its conversation under another spelling either.
      const own = await api('GET', `${base}/events`, session.token);
      expect([own.status, errorCode(own.body)], `${how}: visitor history`).toEqual([404, 'not_found']);
    }
    expect(await lastSeq(id, token)).toBe(seqBefore);
    expect(await ticketRows(id)).toEqual([{ status: 'queued', assignee_id: null }]);
  });

  it('reads a percent-encoded canonical id as the canonical conversation (the same URL)', async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const session = await widgetSession('acme');
    const id = session.conversationId;
    const sent = await api<{ seq: number }>(
      'POST',
      `/api/conversations/${percentEncoded(id)}/messages`,
      token,
      {
        clientId: `encoded-${id}`,
        text: 'mesma conversa',
      },
    );
    expect(sent.status).toBe(201);
    const history = await api<{ events: { seq: number; event: { message?: { text: string } } }[] }>(
      'GET',
      `/api/conversations/${id}/events`,
      token,
    );
    expect(history.body.events.map((e) => [e.seq, e.event.message?.text])).toContainEqual([
      sent.body.seq,
      'mesma conversa',
    ]);
  });

  it('are not found for contacts, teams and users either (Postgres would match them ignoring case)', async () => {
    const admin = (await login(acmeAdmin.email, acmeAdmin.password)).token;
    const teams = await api<{ teams: { id: string; name: string }[] }>('GET', '/api/teams', admin);
    const team = teams.body.teams[0];
    if (!team) throw new Error('fixtures have a team');
    const users = await api<{ users: { id: string }[] }>('GET', '/api/admin/users', admin);
    const user = users.body.users[0];
    if (!user) throw new Error('fixtures have users');
    const session = await widgetSession('acme', { name: 'Contato' });
    const summary = await api<{ contact: { id: string } }>(
      'GET',
      `/api/conversations/${session.conversationId}/summary`,
      admin,
    );
    const contactId = summary.body.contact.id;
    expect((await api('GET', `/api/contacts/${contactId}`, admin)).status).toBe(200);
    for (const spelled of Object.values(pathSpellings(contactId))) {
      const res = await api('PATCH', `/api/contacts/${spelled}`, admin, { name: 'Outro Nome' });
      expect([res.status, errorCode(res.body)], spelled).toEqual([404, 'not_found']);
    }
    for (const spelled of Object.values(pathSpellings(team.id))) {
      const res = await api('PATCH', `/api/teams/${spelled}`, admin, { name: 'Renomeada' });
      expect([res.status, errorCode(res.body)], spelled).toEqual([404, 'not_found']);
    }
    for (const spelled of Object.values(pathSpellings(user.id))) {
      const res = await api('PATCH', `/api/admin/users/${spelled}`, admin, { name: 'Renomeado' });
      expect([res.status, errorCode(res.body)], spelled).toEqual([404, 'not_found']);
    }
    const contact = await api<{ contact: { name: string | null } }>(
      'GET',
      `/api/contacts/${contactId}`,
      admin,
    );
    expect(contact.body.contact.name).toBe('Contato');
    const after = await api<{ teams: { id: string; name: string }[] }>('GET', '/api/teams', admin);
    expect(after.body.teams.find((t) => t.id === team.id)?.name).toBe(team.name);
  });

  it('answers a re-spelled id in a body with 400, changing nothing', async () => {
    const bruno = await login(acmeAgent.email, acmeAgent.password);
    const me = await api<{ user: { id: string } }>('GET', '/api/me', bruno.token);
    const session = await widgetSession('acme');
    const id = session.conversationId;
    for (const assigneeId of [me.body.user.id.toUpperCase(), ` ${me.body.user.id}`, `{${me.body.user.id}}`]) {
      const res = await api('POST', `/api/conversations/${id}/ticket`, bruno.token, {
        action: 'assign',
        assigneeId,
      });
      expect([res.status, errorCode(res.body)], assigneeId).toEqual([400, 'validation_failed']);
    }
    const visitor = await postJson('/api/widget/sessions', {
      tenant: 'acme',
      visitorId: session.visitorId.toUpperCase(),
    });
    expect(visitor.status).toBe(400);
    expect(await ticketRows(id)).toEqual([{ status: 'queued', assignee_id: null }]);
  });

  it('refuses a list cursor whose id is not a canonical uuid with 400', async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    for (const id of ['-'.repeat(36), crypto.randomUUID().toUpperCase()]) {
      const cursor = btoa(`${new Date().toISOString()}|${id}`).replace(/=+$/, '');
      const res = await api('GET', `/api/conversations?cursor=${cursor}`, token);
      expect([res.status, errorCode(res.body)], id).toEqual([400, 'validation_failed']);
    }
  });
});

describe('re-spelled conversation ids over sockets', () => {
  it('are refused before any upgrade, for agents and visitors', async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const session = await widgetSession('acme');
    for (const [how, spelled] of Object.entries(pathSpellings(session.conversationId))) {
      for (const who of [token, session.token]) {
        const res = await call(`/ws/conversations/${spelled}?token=${encodeURIComponent(who)}`, {
          headers: { upgrade: 'websocket' },
        });
        expect(res.webSocket, how).toBeNull();
        expect([res.status, errorCode(await res.json())], how).toEqual([404, 'not_found']);
      }
    }
  });

  it('refuses tokens whose ids are not canonical (401), even when properly signed', async () => {
    const session = await widgetSession('acme');
    const upper = session.conversationId.toUpperCase();
    const signed = await new SignJWT({ kind: 'visitor', tid: tenantId.toUpperCase(), cid: upper })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.visitorId)
      .setIssuer('fio')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const socket = await call(`/ws/conversations/${upper}?token=${signed}`, {
      headers: { upgrade: 'websocket' },
    });
    expect([socket.webSocket, socket.status]).toEqual([null, 401]);
    const rest = await api('GET', `/api/conversations/${upper}/events`, signed);
    expect(rest.status).toBe(401);
  });
});

describe('one object per conversation', () => {
  it('keeps seqs unique and gapless in Postgres when canonical and re-spelled paths are used concurrently', async () => {
    const bruno = await login(acmeAgent.email, acmeAgent.password);
    const session = await widgetSession('acme');
    const id = session.conversationId;
    const visitor = await openSocket(id, session.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    const spellings = [
      id,
      id.toUpperCase(),
      percentEncoded(id),
      `${id.slice(0, 9)}${id.slice(9).toUpperCase()}`,
    ];
    const sends = Array.from({ length: 24 }, (_, i) => {
      const spelled = spellings[i % spellings.length] as string;
      return api<{ seq?: number }>('POST', `/api/conversations/${spelled}/messages`, bruno.token, {
        clientId: `concurrent-${i}-${id.slice(0, 8)}`,
        text: `resposta ${i}`,
      }).then((res) => ({ spelled, ...res }));
    });
    for (let i = 0; i < 6; i++)
      visitor.send({ type: 'message.send', clientId: `visitor-${i}-${id}`, text: `oi ${i}` });
    const results = await Promise.all(sends);
    for (let i = 0; i < 6; i++) await visitor.next('ack');
    visitor.close();

    for (const r of results) {
      if (r.spelled === id) expect(r.status, r.spelled).toBe(201);
      else if (r.spelled === percentEncoded(id)) expect(r.status, 'the same URL').toBe(201);
      else expect([r.status, errorCode(r.body)], r.spelled).toEqual([404, 'not_found']);
    }
    const accepted = results.filter((r) => r.status === 201);
    const ackedSeqs = accepted.map((r) => r.body.seq);
    expect(new Set(ackedSeqs).size).toBe(ackedSeqs.length);

    const n = await lastSeq(id, bruno.token);
    // The first agent reply also records the ticket's first response (one ticket event).
    expect(n).toBe(accepted.length + 6 + 1);
    // Everything the one object stored reaches Postgres exactly once: (conversation_id, seq) unique, 1..n.
    await expect
      .poll(async () => (await archivedSeqs(id)).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(n);
    expect(await archivedSeqs(id)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });

  it('lets only one of two concurrent takes win, whatever spelling the loser used', async () => {
    const bruno = await login(acmeAgent.email, acmeAgent.password);
    const ana = await login(acmeAdmin.email, acmeAdmin.password);
    const anaMe = await api<{ user: { id: string } }>('GET', '/api/me', ana.token);
    const brunoMe = await api<{ user: { id: string } }>('GET', '/api/me', bruno.token);
    const session = await widgetSession('acme');
    const id = session.conversationId;
    const [canonical, respelled] = await Promise.all([
      api('POST', `/api/conversations/${id}/ticket`, bruno.token, { action: 'take' }),
      api('POST', `/api/conversations/${id.toUpperCase()}/ticket`, ana.token, { action: 'take' }),
    ]);
    expect(canonical.status).toBe(200);
    expect(respelled.status).toBe(404);
    const summary = await api<{ assigneeId: string | null; status: string }>(
      'GET',
      `/api/conversations/${id}/summary`,
      ana.token,
    );
    expect(summary.body).toMatchObject({ status: 'assigned', assigneeId: brunoMe.body.user.id });
    // The loser can still take it over only through the canonical id, and then it is a real conflict.
    const late = await api('POST', `/api/conversations/${id}/ticket`, ana.token, { action: 'take' });
    expect(late.status).toBe(409);
    await expect
      .poll(async () => (await ticketRows(id)).map((r) => r.assignee_id), { timeout: 10_000 })
      .toEqual([brunoMe.body.user.id]);
    expect(anaMe.body.user.id).not.toBe(brunoMe.body.user.id);
  });
});

describe('object names and object inputs', () => {
  it('refuse to name an object after a non-canonical id', () => {
    const tenant = crypto.randomUUID();
    const conversation = crypto.randomUUID();
    for (const bad of [conversation.toUpperCase(), ` ${conversation}`, `{${conversation}}`, '']) {
      expect(() => conversationObjectName(tenant, bad), bad).toThrow();
      expect(() => conversationObjectName(bad, conversation), bad).toThrow();
      expect(() => archiverName(tenant, bad, 2), bad).toThrow();
      expect(() => numberLimiterName(tenant, bad), bad).toThrow();
      expect(() => inboxName(bad), bad).toThrow();
    }
    expect(conversationObjectName(tenant, conversation)).toBe(`${tenant}:${conversation}`);
  });

  it('answer a call that names the conversation in another spelling as not this object', async () => {
    const session = await widgetSession('acme');
    const id = session.conversationId;
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, id));
    expect(await stub.history({ tenantId, conversationId: id }, null, 1)).not.toBeNull();
    expect(await stub.history({ tenantId, conversationId: id.toUpperCase() }, null, 1)).toBeNull();
    expect(await stub.history({ tenantId: tenantId.toUpperCase(), conversationId: id }, null, 1)).toBeNull();
  });

  it('read a WhatsApp callback reference only with a canonical conversation id', () => {
    const id = crypto.randomUUID();
    expect(parseCallbackReference(callbackReference(id, 7))).toEqual({ conversationId: id, seq: 7 });
    for (const bad of [
      `${id.toUpperCase()}:7`,
      `{${id}}:7`,
      ` ${id}:7`,
      `${id}:07`,
      `${id}:0`,
      `${id}:`,
      id,
      null,
    ]) {
      expect(parseCallbackReference(bad), String(bad)).toBeNull();
    }
  });

  it('accept only the canonical spelling in the contract', () => {
    const id = crypto.randomUUID();
    expect(Uuid.safeParse(id).success).toBe(true);
    for (const bad of [id.toUpperCase(), `{${id}}`, `urn:uuid:${id}`, ` ${id}`, id.replaceAll('-', '')]) {
      expect(Uuid.safeParse(bad).success, bad).toBe(false);
    }
  });
});
