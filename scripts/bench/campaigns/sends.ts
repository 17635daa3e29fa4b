// What reached the WhatsApp simulator, timed where it lands (the simulator runs in the bench's process, so
// its send listener and the bench share one clock): the campaign's sends, told apart by recipient, and the
// agent probe's replies, told apart by the «marker» in their text. The steady send rate is taken here.
import { performance } from 'node:perf_hooks';
import type { WhatsAppSimulator } from '../../whatsapp-simulator/server';

const MARK = /«(r\d+)»/;
const nowEpoch = () => performance.timeOrigin + performance.now();

/** A Brazilian mobile in its legacy 8-digit form (55 + area + 8) gets its ninth digit back, as seeded. */
const ninthDigit = (to: string) => (/^55\d{2}[6-9]\d{7}$/.test(to) ? `${to.slice(0, 4)}9${to.slice(4)}` : to);

export interface RateRecord {
  /** Campaign sends the simulator accepted, and distinct recipients among them. */
  sends: number;
  recipients: number;
  /** Recipients sent more than once (at-most-once broken). */
  duplicates: number;
  /** First → last accepted send (s). */
  spanSeconds: number;
  /** (sends − 1) ÷ span, over everything. */
  overallPerSecond: number;
  /** The same over the steady part: the first and last `trimPercent` % of sends left out. */
  steadyPerSecond: number;
  steadySends: number;
  /** Sends per whole second inside the steady part: the slowest and the fastest second. */
  minSecond: number;
  maxSecond: number;
  /** Send requests the simulator refused for this number during the campaign (429s, faults …). */
  refused: number;
}

export class SendLog {
  /** Epoch ms of each accepted campaign send, in arrival order, and who it went to. */
  readonly campaign: { at: number; to: string }[] = [];
  private readonly waiting = new Map<string, (at: number) => void>();
  private readonly arrived = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly sim: WhatsAppSimulator,
    private readonly address: string,
    private readonly audience: ReadonlySet<string>,
  ) {
    this.unsubscribe = sim.onSend((r) => {
      const at = nowEpoch();
      if (r.address !== address) return;
      const to = ninthDigit(r.to);
      if (audience.has(to)) {
        this.campaign.push({ at, to });
        return;
      }
      const key = MARK.exec(r.text ?? '')?.[1];
      if (!key) return;
      this.arrived.set(key, at);
      this.waiting.get(key)?.(at);
      this.waiting.delete(key);
    });
  }

  /** Resolves with the epoch ms the marked reply reached the simulator, or null after `timeoutMs`. */
  reply(key: string, timeoutMs: number): Promise<number | null> {
    const seen = this.arrived.get(key);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(key, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  /** Resolves once `count` campaign sends arrived (or after `timeoutMs`), with how many did. */
  async campaignSends(count: number, timeoutMs: number, onTick?: (n: number) => void): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    let lastChange = Date.now();
    while (this.campaign.length < count && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      if (this.campaign.length !== last) {
        last = this.campaign.length;
        lastChange = Date.now();
      }
      onTick?.(this.campaign.length);
      // Nothing new for two minutes: the campaign stopped (paused, failed); waiting longer tells nothing.
      if (Date.now() - lastChange > 120_000) break;
    }
    return this.campaign.length;
  }

  lastCampaignSendAt(): number | null {
    return this.campaign.at(-1)?.at ?? null;
  }

  rate(trimPercent: number, sinceEpochMs: number): RateRecord {
    const times = this.campaign.map((s) => s.at).sort((a, b) => a - b);
    const n = times.length;
    const recipients = new Set(this.campaign.map((s) => s.to)).size;
    const perSecond = (xs: number[]) =>
      xs.length < 2 ? Number.NaN : (xs.length - 1) / (((xs.at(-1) as number) - (xs[0] as number)) / 1000);
    const k = Math.floor((n * trimPercent) / 100);
    const steady = times.slice(k, n - k);
    const buckets = new Map<number, number>();
    const start = steady[0] ?? 0;
    for (const t of steady) {
      const b = Math.floor((t - start) / 1000);
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    // Whole seconds only: the last bucket is cut short by the trim.
    const whole = [...buckets.entries()].filter(
      ([b]) => b < Math.floor(((steady.at(-1) ?? 0) - start) / 1000),
    );
    const counts = whole.map(([, c]) => c);
    const refused = this.sim
      .attempts({ address: this.address })
      .filter(
        (a) => a.status !== 200 && a.at >= sinceEpochMs - 1 && this.audience.has(ninthDigit(a.to)),
      ).length;
    return {
      sends: n,
      recipients,
      duplicates: n - recipients,
      spanSeconds: n >= 2 ? ((times.at(-1) as number) - (times[0] as number)) / 1000 : 0,
      overallPerSecond: perSecond(times),
      steadyPerSecond: perSecond(steady),
      steadySends: steady.length,
      minSecond: counts.length ? Math.min(...counts) : Number.NaN,
      maxSecond: counts.length ? Math.max(...counts) : Number.NaN,
      refused,
    };
  }

  stop(): void {
    this.unsubscribe();
    for (const resolve of this.waiting.values()) resolve(Number.NaN);
    this.waiting.clear();
  }
}
