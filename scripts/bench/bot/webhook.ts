// The customer's side: signed Cloud API webhooks (one text message each) posted over keep-alive HTTP, each
// answer timed from the request's start; wamids are unique per run so redeliveries never collapse two.
import { performance } from 'node:perf_hooks';
import { createClient } from '../webhooks/http-client';
import { signedTextWebhook, type WebhookNumber } from '../webhooks/payload';

export interface Posted {
  /** Wall clock at the request's start (epoch ms, fractional), comparable with the simulator's send times. */
  startEpochMs: number;
  /** Start → the answer's head (ms); NaN on a transport failure. */
  ackMs: number;
  status: number;
  wamid: string;
  body: string;
}

export interface Customer {
  phone: string;
  name: string;
  number: WebhookNumber;
}

export interface WebhookPoster {
  post(customer: Customer, text: string): Promise<Posted>;
  close(): void;
}

export function webhookPoster(workerUrl: string, appSecret: string, runTag: string): WebhookPoster {
  const client = createClient(`${workerUrl}/webhooks/whatsapp`, 256);
  let n = 0;
  return {
    async post(customer, text) {
      const wamid = `wamid.botbench.${runTag}.${n++}`;
      const signed = signedTextWebhook(appSecret, customer.number, {
        phone: customer.phone,
        name: customer.name,
        wamid,
        text,
      });
      const start = performance.now();
      const startEpochMs = performance.timeOrigin + start;
      try {
        const answer = await client.post(signed.body, signed.signature);
        return { startEpochMs, ackMs: answer.at - start, status: answer.status, wamid, body: answer.body };
      } catch (err) {
        return { startEpochMs, ackMs: Number.NaN, status: 0, wamid, body: String(err) };
      }
    },
    close: () => client.close(),
  };
}

/**
 * Bench customers' numbers: 55 + area 31 + a 9-digit mobile starting 98, apart from the webhook bench's
 * (…991…) and from the ERP simulator's seeded customers, so no bench customer is found by phone unless a
 * scenario means it to be. `block` keeps each scenario's customers apart.
 */
export function benchPhone(block: number, i: number): string {
  return `553198${String(block).padStart(2, '0')}${String(i).padStart(5, '0')}`;
}
