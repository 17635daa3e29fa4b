// The customers' side: signed Cloud API webhooks with a «marker» in the text (the bot bench's poster), paced
// (one every 1/rate s, open loop) or closed (a window of requests in flight); each post's start and ack kept.

import type { Posted, WebhookPoster } from '../bot/webhook';
import type { WebhookNumber } from '../webhooks/payload';

export interface Post {
  key: string;
  conversation: number;
  start: number;
  /** Start → the Worker's 200 (the message is stored), ms; NaN when refused. */
  ackMs: number;
}

export interface Customers {
  number: WebhookNumber;
  phones: readonly string[];
}

export class Load {
  private n = 0;
  constructor(
    private readonly poster: WebhookPoster,
    private readonly customers: Customers,
  ) {}

  async one(conversation: number): Promise<Post> {
    const key = `w${this.n++}`;
    const phone = this.customers.phones[conversation] as string;
    const posted: Posted = await this.poster.post(
      { phone, name: `Cliente ${conversation}`, number: this.customers.number },
      `Minha internet caiu de novo, podem verificar? «${key}»`,
    );
    return {
      key,
      conversation,
      start: posted.startEpochMs,
      ackMs: posted.status === 200 ? posted.ackMs : Number.NaN,
    };
  }

  /** `count` posts at `rate`/s, round-robin over the customers. */
  async paced(count: number, rate: number): Promise<Post[]> {
    const pending: Promise<Post>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(this.one(i % this.customers.phones.length));
    }
    return Promise.all(pending);
  }

  /** `count` posts with `window` in flight, round-robin over the customers. */
  async closed(count: number, window: number): Promise<Post[]> {
    const out: Post[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        out.push(await this.one(i % this.customers.phones.length));
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, count) }, worker));
    return out;
  }
}
