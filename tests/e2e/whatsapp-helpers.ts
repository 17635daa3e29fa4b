// Shared steps of the WhatsApp end-to-end tests: register a number with the Graph API simulator and connect it
// through the admin API with its token (the API checks it with Graph), find a customer's conversation, and
// read its events as an agent sees them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Stack } from '../../scripts/lib/stack';
import type { StoredEvent } from '../../workers/contract';
import { api, eventually } from './stack';

export interface TestNumber {
  channelId: string;
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
}

let numberSeq = 0;

/** A new number known to the simulator (Meta) with its own token, not yet connected to any tenant. */
export function simulatorNumber(stack: Stack): Omit<TestNumber, 'channelId'> {
  numberSeq++;
  const phoneNumberId = `3${String(Date.now()).slice(-9)}${numberSeq}`;
  const wabaId = `4${String(Date.now()).slice(-9)}${numberSeq}`;
  const accessToken = `tok-${randomBytes(12).toString('hex')}`;
  stack.whatsapp.registerNumber({ phoneNumberId, wabaId, accessToken, displayPhoneNumber: '5511911110000' });
  return { phoneNumberId, wabaId, accessToken };
}

/** POST /api/channels for a Cloud number, as the admin: the raw answer (tests of refusals read it). */
export function createCloudChannel(
  stack: Stack,
  adminToken: string,
  number: Omit<TestNumber, 'channelId'>,
  extra: Record<string, unknown> = {},
) {
  return api<{ channel: { id: string; settings: Record<string, unknown> } }>(stack, '/api/channels', {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ kind: 'whatsapp_cloud', name: `Número ${numberSeq}`, ...number, ...extra }),
  });
}

/** A Cloud API number for the admin's tenant: registered with the simulator, then connected with its token. */
export async function connectCloudNumber(
  stack: Stack,
  adminToken: string,
  pacing: { ratePerSecond?: number; pairIntervalMs?: number; pairBurst?: number } = {},
): Promise<TestNumber> {
  const number = simulatorNumber(stack);
  const res = await createCloudChannel(stack, adminToken, number, pacing);
  if (res.status !== 201) throw new Error(`create channel: ${res.status} ${JSON.stringify(res.body)}`);
  return { channelId: res.body.channel.id, ...number };
}

/** The conversation of a customer phone on a channel, as the database owner sees it (waits for it). */
export async function conversationOf(stack: Stack, channelId: string, phone: string): Promise<string> {
  let id: string | null = null;
  await eventually(`conversation of ${phone}`, async () => {
    const client = new pg.Client({ connectionString: stack.ownerUrl });
    await client.connect();
    try {
      const res = await client.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id
         where c.channel_id = $1 and k.phone = $2`,
        [channelId, phone],
      );
      id = res.rows[0]?.id ?? null;
    } finally {
      await client.end();
    }
    return id !== null;
  });
  return id as unknown as string;
}

/** Every event of a conversation through the agent REST API (newest page is enough for these tests). */
export async function events(stack: Stack, token: string, conversationId: string): Promise<StoredEvent[]> {
  const res = await api<{ events: StoredEvent[] }>(
    stack,
    `/api/conversations/${conversationId}/events?limit=200`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  if (res.status !== 200) throw new Error(`history: ${res.status}`);
  return res.body.events;
}

export function messages(all: StoredEvent[]) {
  return all.flatMap((e) => (e.event.type === 'message.created' ? [{ seq: e.seq, ...e.event.message }] : []));
}

/** The furthest status each message reached, folding message.status events the way a client does. */
export function statuses(all: StoredEvent[]): Map<number, { status: string; error: unknown }> {
  const out = new Map<number, { status: string; error: unknown }>();
  for (const e of all) {
    if (e.event.type === 'message.status')
      out.set(e.event.messageSeq, { status: e.event.status, error: e.event.error });
  }
  return out;
}

export async function ownerQuery<T extends pg.QueryResultRow>(
  stack: Stack,
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
