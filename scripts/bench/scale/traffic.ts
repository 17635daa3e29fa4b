// The scale run's traffic: customers' signed WhatsApp webhooks (Meta's Cloud API shape, signed with the
// app secret) and agents' replies over REST, either as fast as a bounded pool allows (opening the
// conversations) or paced at a steady rate for a fixed time. Every request's start, status and answer are
// kept; nothing retries, so a non-2xx is an error in the report, not hidden.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pooled } from '../pool';
import { createClient } from '../webhooks/http-client';
import { signedTextWebhook } from '../webhooks/payload';
import { type ScaleTenant, scalePhone } from './tenants';

export interface Sent {
  marker: string;
  start: number;
  status: number;
  ackMs: number;
  error?: string;
}

export interface Target {
  tenant: ScaleTenant;
  customer: number;
  conversationId: string;
}

export class Traffic {
  private readonly hooks;
  readonly webhooks: Sent[] = [];
  readonly replies: Sent[] = [];
  inFlight = 0;
  skipped = 0;

  constructor(
    private readonly base: string,
    private readonly appSecret: string,
    readonly runTag: string,
  ) {
    this.hooks = createClient(`${base}/webhooks/whatsapp`, 64);
  }

  async webhook(tenant: ScaleTenant, customer: number, marker: string, text: string): Promise<Sent> {
    const signed = signedTextWebhook(this.appSecret, tenant.number, {
      phone: scalePhone(tenant.index, customer),
      name: `Cliente ${tenant.index}-${customer}`,
      wamid: `wamid.scale.${this.runTag}.${marker}`,
      text,
    });
    const start = performance.now();
    this.inFlight++;
    try {
      const a = await this.hooks.post(signed.body, signed.signature);
      return {
        marker,
        start,
        status: a.status,
        ackMs: a.at - start,
        error: a.status === 200 ? undefined : a.body,
      };
    } catch (err) {
      return { marker, start, status: 0, ackMs: performance.now() - start, error: String(err) };
    } finally {
      this.inFlight--;
    }
  }

  async reply(target: Target, marker: string): Promise<Sent> {
    const start = performance.now();
    this.inFlight++;
    try {
      const res = await fetch(`${this.base}/api/conversations/${target.conversationId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.tenant.owner.token}` },
        body: JSON.stringify({ clientId: randomUUID(), text: `Resposta ${this.runTag} ${marker}` }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = await res.text();
      const ok = res.status === 201;
      return {
        marker,
        start,
        status: res.status,
        ackMs: performance.now() - start,
        error: ok ? undefined : body,
      };
    } catch (err) {
      return { marker, start, status: 0, ackMs: performance.now() - start, error: String(err) };
    } finally {
      this.inFlight--;
    }
  }

  /** Each tenant's customers' first message, `concurrency` at a time: creates the conversations for real. */
  async openConversations(
    tenants: ScaleTenant[],
    perTenant: number,
    concurrency: number,
    progress?: (done: number, failed: number, total: number) => void,
  ): Promise<Sent[]> {
    const tasks: (() => Promise<Sent>)[] = [];
    let done = 0;
    let failed = 0;
    for (let c = 0; c < perTenant; c++)
      for (const t of tenants)
        tasks.push(async () => {
          const sent = await this.webhook(
            t,
            c,
            `o${t.index}.${c}`,
            `Olá, estou sem internet (${this.runTag} #o${t.index}.${c})`,
          );
          done++;
          if (sent.status !== 200) failed++;
          return sent;
        });
    // A long setup (the 20,000 conversations) reports how far it got every 15 s.
    const timer = progress ? setInterval(() => progress(done, failed, tasks.length), 15_000) : undefined;
    try {
      return await pooled(tasks, concurrency);
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * `seconds` of steady load on `targets`: webhooks and replies each at their rate, sent on a 100 ms tick
   * (never more than `maxInFlight` outstanding: past that a send is skipped and counted, so a stalled stack
   * shows as skips rather than an unbounded pile of requests). `prefix` keeps each phase's markers apart.
   */
  async steady(
    targets: Target[],
    seconds: number,
    rates: { webhooks: number; replies: number },
    prefix: string,
    maxInFlight = 400,
  ): Promise<{ webhooks: Sent[]; replies: Sent[] }> {
    const webhooks: Promise<Sent>[] = [];
    const replies: Promise<Sent>[] = [];
    const t0 = performance.now();
    let n = 0;
    let r = 0;
    for (let tick = 1; performance.now() - t0 < seconds * 1000; tick++) {
      const elapsed = tick / 10;
      while (n < rates.webhooks * elapsed) {
        const target = targets[(n * 7919) % targets.length] as Target;
        const marker = `#${prefix}w${n}#`;
        n++;
        if (this.inFlight >= maxInFlight) {
          this.skipped++;
          continue;
        }
        webhooks.push(
          this.webhook(target.tenant, target.customer, marker, `Ainda sem sinal ${this.runTag} ${marker}`),
        );
      }
      while (r < rates.replies * elapsed) {
        const target = targets[(r * 104729 + 13) % targets.length] as Target;
        const marker = `#${prefix}r${r}#`;
        r++;
        if (this.inFlight >= maxInFlight) {
          this.skipped++;
          continue;
        }
        replies.push(this.reply(target, marker));
      }
      const wait = t0 + tick * 100 - performance.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    }
    const out = { webhooks: await Promise.all(webhooks), replies: await Promise.all(replies) };
    this.webhooks.push(...out.webhooks);
    this.replies.push(...out.replies);
    return out;
  }

  close(): void {
    this.hooks.close();
  }
}
