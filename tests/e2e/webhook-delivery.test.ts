// Outgoing webhooks on the real stack (wrangler dev, its real queue and cron-less consumer, embedded Postgres,
// the WhatsApp simulator and the webhook receiver simulator): customers' messages reach an ISP's receiver that
// fails twice before answering, each once per delivery id, validly signed and in order; a dead endpoint's
// delivery lands in the dead-letter list and redelivers under the same id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import type { WebhookDeliveryView, WebhookEndpointView } from '../../workers/contract';
import { agentToken, api, startE2eStack } from './stack';

let stack: Stack;
let admin: string;

const owner = DEMO_TENANT.users[0] as { email: string; password: string };
const auth = () => ({ authorization: `Bearer ${admin}` });

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined> | T | null | undefined,
): Promise<T> {
  const end = Date.now() + 30_000;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function endpoint(name: string, script: { failTimes?: number; status?: number }) {
  const res = await api<{ endpoint: WebhookEndpointView; secret: string }>(stack, '/api/webhooks', {
    method: 'POST',
    headers: auth(),
    body: JSON.stringify({ url: `${stack.webhookReceiver.url}/hooks/${name}`, events: ['message.created'] }),
  });
  expect(res.status).toBe(201);
  stack.webhookReceiver.store.configure(name, res.body.secret, script);
  return res.body.endpoint;
}

beforeAll(async () => {
  stack = await startE2eStack('webhooks', 100, { webhookRetryScheduleMs: '300,300' });
  admin = await agentToken(stack, owner.email, owner.password);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe('outgoing webhooks on the real stack', () => {
  it('a receiver failing twice then succeeding gets every message once, signed, in order', async () => {
    await endpoint('isp', { failTimes: 2 });
    const from = '5531990001111';
    for (let i = 1; i <= 6; i++)
      await stack.whatsapp.inbound({ phoneNumberId: DEMO_NUMBER.phoneNumberId, from, text: `cliente ${i}` });
    const got = await until('six messages', () => {
      const r = stack.webhookReceiver.store.received('isp');
      return r.length >= 6 ? r : null;
    });
    const data = got.map((a) => (a.body as { data: { seq: number; message: { text: string } } }).data);
    expect(data.map((d) => d.message.text)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `cliente ${i}`));
    const seqs = data.map((d) => d.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const all = stack.webhookReceiver.store.hook('isp').attempts;
    expect(all.every((a) => a.signature === 'valid')).toBe(true);
    expect(all.filter((a) => a.deliveryId === got[0]?.deliveryId).map((a) => a.status)).toEqual([
      500, 500, 200,
    ]);
    const ok = all.filter((a) => a.status === 200).map((a) => a.deliveryId);
    expect(new Set(ok).size).toBe(ok.length);
  }, 60_000);

  it('a dead endpoint ends in the dead-letter list and redelivers under the same id', async () => {
    const dead = await endpoint('isp-dead', { status: 500 });
    await stack.whatsapp.inbound({
      phoneNumberId: DEMO_NUMBER.phoneNumberId,
      from: '5531990002222',
      text: 'oi',
    });
    const letter = await until('a dead letter', async () => {
      const res = await api<{ deliveries: WebhookDeliveryView[] }>(
        stack,
        `/api/webhooks/${dead.id}/deliveries?status=dead`,
        { headers: auth() },
      );
      return res.body.deliveries[0];
    });
    expect(letter).toMatchObject({ status: 'dead', attempts: 3, lastStatus: 500 });
    stack.webhookReceiver.store.configure('isp-dead', null, {});
    const again = await api<WebhookDeliveryView>(
      stack,
      `/api/webhooks/${dead.id}/deliveries/${letter.id}/redeliver`,
      { method: 'POST', headers: auth() },
    );
    expect(again.status).toBe(202);
    const arrived = await until('the redelivery', () =>
      stack.webhookReceiver.store.received('isp-dead').find((a) => a.deliveryId === letter.id),
    );
    expect(arrived.event).toBe('message.created');
  }, 60_000);
});
