// Conversation REST: widget sessions, the agent's list (cursor pagination, status filter) and event
// history, with tenant isolation (another tenant's id is a 404) and bad input.
import { describe, expect, it } from 'vitest';
import { ACME, GLOBEX } from '../support/fixtures';
import { call, login, openSocket, postJson, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
const globexAgent = GLOBEX.users[0] as (typeof GLOBEX.users)[number];
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('widget sessions', () => {
  it('creates a conversation with a protocol number, and resumes it for the same visitor', async () => {
    const first = await widgetSession('acme', { name: 'Maria' });
    expect(first.protocol).toMatch(/^\d{8}\d{6}$/);
    const again = await widgetSession('acme', { visitorKey: first.visitorKey });
    expect(again.conversationId).toBe(first.conversationId);
    expect(again.protocol).toBe(first.protocol);
    const other = await widgetSession('acme');
    expect(other.conversationId).not.toBe(first.conversationId);
    expect(other.protocol).not.toBe(first.protocol);
  });

  it('rejects unknown tenants and bad input without creating anything', async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const before = (
      (await (await call('/api/conversations?limit=100', { headers: auth(token) })).json()) as {
        conversations: unknown[];
      }
    ).conversations.length;
    const unknown = await postJson('/api/widget/sessions', { tenant: 'no-such-isp' });
    expect(unknown.status).toBe(404);
    for (const body of [
      {},
      { tenant: 'Bad Slug!' },
      { tenant: 'acme', visitorId: 'nope' },
      { tenant: 'acme', name: '' },
    ]) {
      const res = await postJson('/api/widget/sessions', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    const after = (
      (await (await call('/api/conversations?limit=100', { headers: auth(token) })).json()) as {
        conversations: unknown[];
      }
    ).conversations.length;
    expect(after).toBe(before);
  });
});

describe('conversation list', () => {
  it("lists only the agent's tenant, newest activity first, with a working cursor", async () => {
    const mine = [await widgetSession('acme'), await widgetSession('acme'), await widgetSession('acme')];
    const theirs = await widgetSession('globex');
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`/api/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: auth(token),
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { conversations: { id: string }[]; nextCursor: string | null };
      expect(page.conversations.length).toBeLessThanOrEqual(2);
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const s of mine) expect(seen).toContain(s.conversationId);
    expect(seen).not.toContain(theirs.conversationId);
  });

  it('filters by status and validates the query', async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const queued = (await (
      await call('/api/conversations?status=queued', { headers: auth(token) })
    ).json()) as {
      conversations: { status: string }[];
    };
    expect(queued.conversations.every((c) => c.status === 'queued')).toBe(true);
    const closed = (await (
      await call('/api/conversations?status=closed', { headers: auth(token) })
    ).json()) as {
      conversations: { status: string }[];
    };
    // Other suites close conversations of this tenant too: only the filter itself is checked.
    expect(closed.conversations.every((c) => c.status === 'closed')).toBe(true);
    for (const q of ['status=open', 'limit=0', 'limit=101', 'cursor=garbage']) {
      const res = await call(`/api/conversations?${q}`, { headers: auth(token) });
      expect(res.status, q).toBe(400);
    }
  });

  it('requires an agent token', async () => {
    expect((await call('/api/conversations')).status).toBe(401);
    expect((await call('/api/conversations', { headers: auth('not.a.jwt') })).status).toBe(401);
    const visitor = await widgetSession('acme');
    const res = await call('/api/conversations', { headers: auth(visitor.token) });
    expect(res.status).toBe(403);
  });
});

describe('event history', () => {
  it('pages backwards through DO-held and Postgres-held events with no gap', async () => {
    const session = await widgetSession('acme');
    const socket = await openSocket(session.conversationId, session.token);
    for (let i = 1; i <= 23; i++) {
      socket.send({ type: 'message.send', clientId: `hist-${i}-${session.visitorId}`, text: `m${i}` });
      await socket.next('ack');
    }
    socket.close();
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    const collected: number[] = [];
    let before: number | null = null;
    do {
      const res = await call(
        `/api/conversations/${session.conversationId}/events?limit=7${before ? `&before=${before}` : ''}`,
        { headers: auth(token) },
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as {
        events: { seq: number; event: { message: { text: string } } }[];
        nextBefore: number | null;
      };
      for (const e of page.events) expect(e.event.message.text).toBe(`m${e.seq}`);
      collected.unshift(...page.events.map((e) => e.seq));
      before = page.nextBefore;
    } while (before);
    expect(collected).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
  });

  it("lets a visitor read their own conversation and nobody read another tenant's", async () => {
    const session = await widgetSession('acme');
    const own = await call(`/api/conversations/${session.conversationId}/events`, {
      headers: auth(session.token),
    });
    expect(own.status).toBe(200);
    const otherVisitor = await widgetSession('acme');
    const res = await call(`/api/conversations/${session.conversationId}/events`, {
      headers: auth(otherVisitor.token),
    });
    expect(res.status).toBe(404);
    const { token } = await login(globexAgent.email, globexAgent.password);
    const foreign = await call(`/api/conversations/${session.conversationId}/events`, {
      headers: auth(token),
    });
    expect(foreign.status).toBe(404);
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('validates ids and paging parameters', async () => {
    const { token } = await login(acmeAgent.email, acmeAgent.password);
    expect((await call('/api/conversations/not-a-uuid/events', { headers: auth(token) })).status).toBe(404);
    expect(
      (await call(`/api/conversations/${crypto.randomUUID()}/events`, { headers: auth(token) })).status,
    ).toBe(404);
    const session = await widgetSession('acme');
    for (const q of ['limit=0', 'limit=500', 'before=0', 'before=abc']) {
      const res = await call(`/api/conversations/${session.conversationId}/events?${q}`, {
        headers: auth(token),
      });
      expect(res.status, q).toBe(400);
    }
  });
});
