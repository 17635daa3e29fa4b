// A bounded burst of signed Cloud API webhooks (loopback only) for the topology regression: `count` text
// messages over `customers` customers of the demo number, `concurrency` outstanding, each request bounded.
// Returns every answer's status (or the fetch error's name) and the wamid prefix the messages carry.
import { customerPhone, signedTextWebhook } from '../../scripts/bench/webhooks/payload';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';

export interface Burst {
  statuses: Map<string, number>;
  wamidPrefix: string;
}

export async function webhookBurst(
  stack: Stack,
  opts: { count: number; customers: number; concurrency: number; requestTimeoutMs: number },
): Promise<Burst> {
  const wamidPrefix = `wamid.burst.${Date.now()}.`;
  const statuses = new Map<string, number>();
  const note = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  let next = 0;
  const one = async (n: number) => {
    const c = n % opts.customers;
    const hook = signedTextWebhook(stack.secrets.whatsappAppSecret, DEMO_NUMBER, {
      phone: customerPhone(c),
      name: `Cliente ${c}`,
      wamid: `${wamidPrefix}${n}`,
      text: `rajada ${n}`,
    });
    try {
      const res = await fetch(`${stack.workerUrl}/webhooks/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': hook.signature },
        body: new Uint8Array(hook.body),
        signal: AbortSignal.timeout(opts.requestTimeoutMs),
      });
      await res.arrayBuffer();
      note(String(res.status));
    } catch (err) {
      note(err instanceof Error ? err.name : 'error');
    }
  };
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < opts.count) await one(next++);
    }),
  );
  return { statuses, wamidPrefix };
}
