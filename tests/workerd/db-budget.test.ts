// The isolate's Postgres connection budget (workers/services/db-budget.ts) against real Postgres and real
// objects: with a budget of 2, many conversations written at once all get their messages acknowledged and
// archived exactly once while pg_stat_activity never shows more than 2 budgeted connections; a wait past the
// deadline is a 503 with Retry-After and the envelope, and the customer's retried message is stored once; the
// archiver answers such a wait as a failed outcome instead of throwing it through its RPC.
// In the test pool the HTTP Worker and every object share one isolate, so one budget covers them all.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { archiveFailure } from '../../durable-objects/archive-outcome';
import { archiveShards } from '../../workers/env';
import { archiverName } from '../../workers/services/conversation-names';
import { isDatabaseUnavailable } from '../../workers/services/db';
import {
  BUDGETED_APPLICATION_NAME,
  ConnectionBudget,
  ConnectionBudgetError,
  connectionBudget,
  defaultBudgetMax,
  type Permit,
} from '../../workers/services/db-budget';
import { type CareTenant, careTenant, cloudTextWebhook, randomPhone } from './care-helpers';
import { ownerClient } from './fresh-tenant';
import { call, errorCode, eventually } from './helpers';

let owner: Client;
let tenant: CareTenant;
let phoneNumberId: string;

beforeAll(async () => {
  owner = await ownerClient();
  tenant = await careTenant(owner, 'pgconn', {});
  phoneNumberId = `8${`${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(-12)}`;
  await owner.query(
    `insert into channels (tenant_id, kind, name, address, settings)
     values ($1, 'whatsapp_cloud', $2, $3, $4)`,
    [
      tenant.id,
      'Cloud orçamento',
      phoneNumberId,
      JSON.stringify({ phoneNumberId, wabaId: 'waba-pgconn', displayPhoneNumber: '+5511900000000' }),
    ],
  );
});
afterAll(() => owner.end());
afterEach(() => {
  // Back to what this isolate's env says (the suite's other files share the isolate).
  connectionBudget().configure({
    max: Number(env.PG_MAX_CONNECTIONS_PER_ISOLATE ?? defaultBudgetMax()),
    waitMs: Number(env.PG_CONNECTION_WAIT_MS ?? 10_000),
  });
});

/** A customer's message through Meta's signed webhook; the same `wamid` is the same message (a retry). */
function customerSays(phone: string, text: string, wamid = `wamid.pgconn.${crypto.randomUUID()}`) {
  return cloudTextWebhook({
    waba: 'waba-pgconn',
    phoneNumberId,
    phone,
    text,
    wamid,
    name: 'Cliente Orçamento',
  });
}

/** Stored messages of the tenant per text (as the database owner: every row); each text names its phone. */
async function storedMessages(): Promise<Map<string, number>> {
  const r = await owner.query<{ text: string; n: string }>(
    `select payload->'message'->>'text' as text, count(*) as n from conversation_events
      where tenant_id = $1 and type = 'message.created' group by 1`,
    [tenant.id],
  );
  return new Map(r.rows.map((row) => [row.text, Number(row.n)]));
}

/** Budgeted connections open right now (the app's application_name; the tests' own clients carry none). */
async function budgetedConnections(): Promise<number> {
  const r = await owner.query<{ n: string }>(
    'select count(*) as n from pg_stat_activity where application_name = $1',
    [BUDGETED_APPLICATION_NAME],
  );
  return Number(r.rows[0]?.n);
}

describe('the connection budget on its own', () => {
  it('grants in arrival order and fails a wait past its deadline as "database unavailable"', async () => {
    const budget = new ConnectionBudget(1, 150);
    const first = await budget.acquire();
    const order: string[] = [];
    const second = budget.acquire().then((p) => {
      order.push('second');
      return p;
    });
    const third = budget.acquire().then((p) => {
      order.push('third');
      return p;
    });
    expect(budget.stats()).toMatchObject({ active: 1, waiting: 2 });
    first.release();
    first.release(); // idempotent: one release frees one permit
    (await second).release();
    (await third).release();
    expect(order).toEqual(['second', 'third']);
    expect(budget.stats()).toMatchObject({ active: 0, waiting: 0, peak: 1 });

    const held = await budget.acquire();
    const late = await budget.acquire().catch((err: unknown) => err);
    expect(late).toBeInstanceOf(ConnectionBudgetError);
    expect(isDatabaseUnavailable(late)).toBe(true);
    expect(budget.stats()).toMatchObject({ active: 1, waiting: 0, timeouts: 1 });
    held.release();
    expect(budget.stats().active).toBe(0);
  });
});

describe('a budget of 2 connections for the whole isolate', () => {
  it('acknowledges and archives every message of many concurrent conversations exactly once, never over budget', async () => {
    const budget = connectionBudget();
    budget.configure({ max: 2, waitMs: 60_000 });
    budget.resetPeak();
    let sampled = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        sampled = Math.max(sampled, await budgetedConnections());
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    const phones = Array.from({ length: 12 }, () => randomPhone());
    const acks = await Promise.all(
      phones.flatMap((phone) => [
        customerSays(phone, `primeira de ${phone}`),
        customerSays(phone, `segunda de ${phone}`),
      ]),
    );
    expect(acks.map((r) => r.status)).toEqual(acks.map(() => 200));

    const stored = await eventually(
      'every message archived',
      async () => {
        const m = await storedMessages();
        return phones.every((p) => m.has(`primeira de ${p}`) && m.has(`segunda de ${p}`)) ? m : null;
      },
      60_000,
    );
    for (const phone of phones) {
      expect(stored.get(`primeira de ${phone}`)).toBe(1);
      expect(stored.get(`segunda de ${phone}`)).toBe(1);
    }
    sampling = false;
    await sampler;
    expect(sampled).toBeGreaterThan(0); // the sampler did see the app's connections
    expect(sampled).toBeLessThanOrEqual(2);
    expect(budget.stats().peak).toBeLessThanOrEqual(2);
    expect(budget.stats().timeouts).toBe(0);
  }, 120_000);
});

/** A budget of one whose waits end after `waitMs`, its only permit held by the test (whatever the isolate still held goes back first). */
async function holdTheOnlyPermit(waitMs: number): Promise<Permit> {
  const budget = connectionBudget();
  budget.configure({ max: 1, waitMs });
  await eventually('the budget drained', async () => (budget.stats().active === 0 ? true : null), 15_000);
  return budget.acquire();
}

describe('a wait past the deadline', () => {
  it('answers 503 with Retry-After and the envelope, and the retried message is stored once', async () => {
    const budget = connectionBudget();
    const held = await holdTheOnlyPermit(300);
    let released = false;
    try {
      const login = await call('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ninguem@pgconn.test', password: 'qualquer-coisa-1' }),
      });
      expect(login.status).toBe(503);
      expect(login.headers.get('retry-after')).toBe('2');
      const body = (await login.json()) as { error: { requestId?: string } };
      expect(errorCode(body)).toBe('unavailable');
      expect(body.error.requestId).toBeTruthy();

      const phone = randomPhone();
      const text = `mensagem durante a espera ${phone}`;
      const wamid = `wamid.pgconn.retry.${crypto.randomUUID()}`;
      const first = await customerSays(phone, text, wamid);
      // Refused (Meta retries a non-2xx) or accepted and kept by the conversation object: never lost.
      expect([200, 503]).toContain(first.status);
      if (first.status === 503) expect(first.headers.get('retry-after')).toBeTruthy();

      held.release();
      released = true;
      budget.configure({ max: 2, waitMs: 30_000 });
      const retried = await customerSays(phone, text, wamid);
      expect(retried.status).toBe(200);
      await eventually(
        'the message archived once',
        async () => ((await storedMessages()).get(text) === 1 ? true : null),
        60_000,
      );
      // Still once after the archive settled (the retry was recognised as the same message).
      expect((await storedMessages()).get(text)).toBe(1);
    } finally {
      if (!released) held.release();
    }
  }, 120_000);
});

describe('the archiver without a connection', () => {
  it('answers a write and a card read it could not make as failed outcomes, not exceptions through the RPC', async () => {
    const held = await holdTheOnlyPermit(300);
    try {
      const conversationId = crypto.randomUUID();
      const archiver = env.ARCHIVERS.getByName(archiverName(tenant.id, conversationId, archiveShards(env)));
      const event = {
        seq: 1,
        conversationId,
        createdAt: new Date().toISOString(),
        event: {
          type: 'message.created' as const,
          message: {
            text: 'sem conexão',
            author: { kind: 'visitor' as const, id: 'v1', name: null },
            clientId: null,
          },
        },
      };
      const written = await archiver.archive(tenant.id, { conversationId, events: [event] });
      expect(written).toMatchObject({ ok: false, name: 'ConnectionBudgetError', code: '53300' });
      // The conversation object's side turns it back into an error its callers recognise as "unavailable".
      if (written.ok) throw new Error('unreachable');
      expect(isDatabaseUnavailable(archiveFailure(written))).toBe(true);
      const card = await archiver.loadCard({ tenantId: tenant.id, conversationId });
      expect(card).toMatchObject({ ok: false, code: '53300' });
    } finally {
      held.release();
    }
  }, 60_000);
});
