// End-to-end harness: the real dev stack (embedded Postgres primary + replica, bridge, wrangler dev/workerd)
// started fresh per test file, plus HTTP helpers and resuming socket clients for real WebSocket tests.
import pg from 'pg';
import { ConversationClient, type ConversationClientOptions } from '../../app/lib/conversation-client';
import { type Stack, type StackOptions, startStack } from '../../scripts/lib/stack';
import { seedTenant } from '../../scripts/seed';
import type { EventFrame } from '../../workers/contract';
import { ACME, GLOBEX } from '../support/fixtures';
import { removeTestData, testDataDir } from '../support/test-data';

/** A fresh stack in .fio/test-e2e-<name>; its stop() also removes that folder (see test-data.ts). */
export async function startE2eStack(
  name: string,
  eventRetention = 100,
  extra: Pick<
    StackOptions,
    'accessTokenTtlSeconds' | 'bot' | 'webhookRetryScheduleMs' | 'campaignRecoveryMs'
  > = {},
): Promise<Stack> {
  const dataDir = testDataDir('e2e', name);
  const stack = await startStack({ dataDir, fresh: true, eventRetention, ...extra });
  const stop = async () => {
    await stack.stop();
    removeTestData(dataDir);
  };
  try {
    await seedTenant(stack.ownerUrl, ACME);
    await seedTenant(stack.ownerUrl, GLOBEX);
  } catch (err) {
    await stop();
    throw err;
  }
  return { ...stack, stop };
}

export async function api<T>(
  stack: Stack,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.workerUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function agentToken(stack: Stack, email: string, password: string): Promise<string> {
  const res = await api<{ accessToken: string }>(stack, '/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.body.accessToken;
}

export async function widget(stack: Stack, tenant = 'acme') {
  const res = await api<{ token: string; conversationId: string; visitorId: string }>(
    stack,
    '/api/widget/sessions',
    {
      method: 'POST',
      body: JSON.stringify({ tenant }),
    },
  );
  if (res.status !== 201) throw new Error(`widget session: ${res.status}`);
  return res.body;
}

export function socketUrl(stack: Stack, conversationId: string, token: string): string {
  return `${stack.workerUrl.replace(/^http/, 'ws')}/ws/conversations/${conversationId}?token=${encodeURIComponent(token)}`;
}

/** A resuming client that records every event it renders and every ack it gets. */
export class RecordingClient {
  readonly events: EventFrame[] = [];
  readonly acks = new Map<string, number>();
  readonly client: ConversationClient;
  private liveWaiters: (() => void)[] = [];

  constructor(url: string, extra: Partial<ConversationClientOptions> = {}) {
    this.client = new ConversationClient({
      url,
      minReconnectDelayMs: 100,
      maxReconnectDelayMs: 1_000,
      ...extra,
      onEvent: (f) => this.events.push(f),
      onAck: (clientId, seq) => this.acks.set(clientId, seq),
      onState: (s) => {
        if (s === 'live') for (const w of this.liveWaiters.splice(0)) w();
      },
    });
  }

  live(): Promise<void> {
    if (this.client.connectionState === 'live') return Promise.resolve();
    return new Promise((resolve) => this.liveWaiters.push(resolve));
  }

  seqs(): number[] {
    return this.events.map((e) => e.seq);
  }
}

/** Polls until `check` holds, failing with `what` after `ms`. Bounded: never loops forever. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The durable copy as the database owner sees it (bypasses RLS to check exactly what was written). */
export async function archivedRows(url: string, conversationId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const res = await client.query<{ seq: string; client_id: string | null; text: string }>(
      `select seq, client_id, payload->'message'->>'text' as text from conversation_events
       where conversation_id = $1 order by seq`,
      [conversationId],
    );
    return res.rows.map((r) => ({ seq: Number(r.seq), clientId: r.client_id, text: r.text }));
  } finally {
    await client.end();
  }
}

/** Waits (bounded) until Postgres holds exactly `count` rows of the conversation, and returns them. */
export async function archivedOnce(stack: Stack, conversationId: string, count: number, ms = 30_000) {
  let rows: Awaited<ReturnType<typeof archivedRows>> = [];
  await eventually(
    `${count} rows in Postgres`,
    async () => {
      rows = await archivedRows(stack.ownerUrl, conversationId);
      return rows.length === count;
    },
    ms,
  );
  return rows;
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
