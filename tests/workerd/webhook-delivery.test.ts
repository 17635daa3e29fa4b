// Outgoing webhook deliveries end to end inside workerd (the real queue consumer, archiver and Postgres, the
// receiver simulator on a real socket): a receiver failing twice then succeeding sees every event exactly once
// per delivery id, validly signed and in per-conversation order, and never a private note; a dead endpoint's
// deliveries end in the dead-letter list and redeliver with the same id; the sweeper re-queues a stored
// delivery whose queue message never went; contact changes are events too.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDeliveryView, WebhookEndpointView } from '../../workers/contract';
import { sweepWebhookDeliveries } from '../../workers/scheduled/webhook-sweep';
import { inTenant, openDatabases } from '../../workers/services/db';
import { contactChangedEvent } from '../../workers/services/webhook-contact-events';
import { storeWebhookDeliveries } from '../../workers/services/webhook-events';
import { ownerClient } from './fresh-tenant';
import { api, eventually, openSocket } from './helpers';
import {
  attempts,
  type HookTenant,
  hookEndpoint,
  hookTenant,
  received,
  scriptHook,
  visitor,
} from './webhook-helpers';

let owner: Client;
let T: HookTenant;

beforeAll(async () => {
  owner = await ownerClient();
  T = await hookTenant(owner, 'hooks-delivery');
});
afterAll(async () => {
  await owner.end();
});

const hookName = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;

describe('webhook deliveries', () => {
  it('a receiver failing twice then succeeding gets each event once per delivery id, signed, in conversation order', async () => {
    const name = hookName('order');
    await hookEndpoint(T, name, ['message.created'], { failTimes: 2 });
    const session = await visitor(T);
    const socket = await openSocket(session.conversationId, session.token);
    const burst = 8;
    for (let i = 1; i <= burst; i++) {
      socket.send({
        type: 'message.send',
        clientId: `hook-${i}-${session.visitorId}`,
        text: `mensagem ${i}`,
      });
      await socket.next('ack');
    }
    socket.close();
    // A private note in the same conversation never leaves.
    const agent = await openSocket(session.conversationId, T.agent);
    agent.send({ type: 'note.send', clientId: `note-${session.visitorId}`, text: 'nota interna' });
    await agent.next('ack');
    agent.close();

    const got = await eventually(
      'every message delivered',
      async () => {
        const r = (await received(name)).filter((a) => a.body.data.conversationId === session.conversationId);
        return r.length >= burst ? r : null;
      },
      25_000,
    );
    expect(got.map((a) => (a.body.data.message as { text: string }).text)).toEqual(
      Array.from({ length: burst }, (_, i) => `mensagem ${i + 1}`),
    );
    const seqs = got.map((a) => a.body.data.seq as number);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(burst);
    const all = await attempts(name);
    expect(all.every((a) => a.signature === 'valid')).toBe(true);
    expect(all.some((a) => JSON.stringify(a.body).includes('nota interna'))).toBe(false);
    // The two failures were retries of the first delivery, under its own id.
    const first = got[0]?.deliveryId;
    expect(all.filter((a) => a.deliveryId === first).map((a) => a.status)).toEqual([500, 500, 200]);
    // Each delivery id arrived successfully exactly once (nothing went twice after it succeeded).
    const ok = all.filter((a) => a.status === 200).map((a) => a.deliveryId);
    expect(new Set(ok).size).toBe(ok.length);
    for (const a of got) {
      expect(a.event).toBe('message.created');
      expect(a.body).toMatchObject({ type: 'message.created', tenantId: T.id });
      expect(a.body.data.message).toMatchObject({ author: { kind: 'visitor' } });
    }
  });

  it('a dead endpoint ends in the dead-letter list; redeliver sends it again with the same delivery id', async () => {
    const name = hookName('dead');
    const { endpoint } = await hookEndpoint(T, name, ['message.created'], { status: 500 });
    const session = await visitor(T);
    const socket = await openSocket(session.conversationId, session.token);
    socket.send({ type: 'message.send', clientId: `dead-${session.visitorId}`, text: 'alguém aí?' });
    await socket.next('ack');
    socket.close();
    const dead = await eventually(
      'a dead letter',
      async () => {
        const res = await api<{ deliveries: WebhookDeliveryView[] }>(
          'GET',
          `/api/webhooks/${endpoint.id}/deliveries?status=dead`,
          T.admin,
        );
        return res.body.deliveries[0];
      },
      25_000,
    );
    // The test schedule is two retries: three attempts, then dead.
    expect(dead).toMatchObject({
      eventType: 'message.created',
      status: 'dead',
      attempts: 3,
      lastStatus: 500,
    });
    const view = await api<WebhookEndpointView>('GET', `/api/webhooks/${endpoint.id}`, T.admin);
    expect(view.body).toMatchObject({ health: 'dead', dead: 1, pending: 0 });
    expect((await attempts(name)).filter((a) => a.deliveryId === dead.id)).toHaveLength(3);

    const badQuery = await api('GET', `/api/webhooks/${endpoint.id}/deliveries?status=lost`, T.admin);
    expect(badQuery.status).toBe(400);

    await scriptHook(name, { secret: null });
    const again = await api<WebhookDeliveryView>(
      'POST',
      `/api/webhooks/${endpoint.id}/deliveries/${dead.id}/redeliver`,
      T.admin,
    );
    expect(again.status).toBe(202);
    const arrived = await eventually('the redelivery', async () =>
      (await received(name)).find((a) => a.deliveryId === dead.id),
    );
    expect(arrived.body.data.message).toMatchObject({ text: 'alguém aí?' });
    const after = await eventually('delivered', async () => {
      const res = await api<{ deliveries: WebhookDeliveryView[] }>(
        'GET',
        `/api/webhooks/${endpoint.id}/deliveries`,
        T.admin,
      );
      const d = res.body.deliveries.find((x) => x.id === dead.id);
      return d?.status === 'delivered' ? d : null;
    });
    expect(after.deliveredAt).toBeTruthy();
    const audit = await owner.query<{ action: string }>(
      `select action from audit_log where tenant_id = $1 and action = 'webhook.redelivered'`,
      [T.id],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('the sweeper queues a stored delivery whose queue message never went', async () => {
    const name = hookName('sweep');
    await hookEndpoint(T, name, ['contact.changed']);
    const dbs = openDatabases(env);
    try {
      const contactId = crypto.randomUUID();
      // Stored as an emit does, but never queued (as when the queue send failed after the commit).
      const ids = await inTenant(dbs.primary, T.id, (tx) =>
        storeWebhookDeliveries(tx, T.id, [contactChangedEvent(contactId, 'updated', ['name'])]),
      );
      expect(ids).toHaveLength(1);
      expect(await sweepWebhookDeliveries(env, dbs.primary, new Date(), 0)).toBeGreaterThanOrEqual(1);
      const got = await eventually('the swept delivery', async () =>
        (await received(name)).find((a) => a.deliveryId === ids[0]),
      );
      expect(got.body).toMatchObject({
        type: 'contact.changed',
        data: { contactId, change: 'updated', fields: ['name'] },
      });
    } finally {
      await dbs.close();
    }
  });

  it('a contact correction is a contact.changed event', async () => {
    const name = hookName('contact');
    await hookEndpoint(T, name, ['contact.changed']);
    const session = await visitor(T);
    const row = await owner.query<{ contact_id: string }>(
      'select contact_id from conversations where id = $1',
      [session.conversationId],
    );
    const contactId = row.rows[0]?.contact_id as string;
    const res = await api('PATCH', `/api/contacts/${contactId}`, T.agent, { name: 'Maria Souza' });
    expect(res.status).toBe(200);
    const got = await eventually('contact.changed', async () =>
      (await received(name)).find((a) => a.body.data.contactId === contactId),
    );
    expect(got).toMatchObject({ event: 'contact.changed', signature: 'valid' });
    expect(got.body.data).toEqual({ contactId, change: 'updated', fields: ['name'] });
  });
});
