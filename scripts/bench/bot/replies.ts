// What left for the Graph API, per customer: every send the WhatsApp simulator accepts (it is Meta here)
// is indexed by the recipient's phone, so a scenario can wait for the first send to a customer after its
// webhook (the reply's latency) or for the reply to be complete (nothing more for a quiet spell).
import type { SentRecord, WhatsAppSimulator } from '../../whatsapp-simulator/server';

/** One send as the bench keeps it: when the simulator received the request (epoch ms), what it carried. */
export interface Send {
  at: number;
  type: string;
  text: string | null;
}

type Waiter = () => void;

export class ReplyWatch {
  private readonly byPhone = new Map<string, Send[]>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly unsubscribe: () => void;
  total = 0;

  constructor(simulator: WhatsAppSimulator) {
    this.unsubscribe = simulator.onSend((r) => this.record(r));
  }

  private record(r: SentRecord): void {
    this.total++;
    const list = this.byPhone.get(r.to) ?? [];
    list.push({ at: r.at, type: r.type, text: r.text });
    this.byPhone.set(r.to, list);
    for (const wake of this.waiters.get(r.to) ?? []) wake();
  }

  /** Sends to `phone` received at or after `since` (epoch ms; sends carry whole milliseconds). */
  after(phone: string, since: number): Send[] {
    const floor = Math.floor(since);
    return (this.byPhone.get(phone) ?? []).filter((s) => s.at >= floor);
  }

  /** Calls `check` on every send to `phone` until it returns true or `timeoutMs` passes. */
  private watch(phone: string, timeoutMs: number, check: () => boolean, onTimeout: () => void): void {
    if (check()) return;
    const set = this.waiters.get(phone) ?? new Set<Waiter>();
    this.waiters.set(phone, set);
    const done = () => {
      set.delete(wake);
      if (set.size === 0) this.waiters.delete(phone);
      clearTimeout(timer);
    };
    const wake = () => {
      if (check()) done();
    };
    const timer = setTimeout(() => {
      done();
      onTimeout();
    }, timeoutMs);
    set.add(wake);
  }

  /** The first send to `phone` at or after `since`, or null if none comes within `timeoutMs`. */
  first(phone: string, since: number, timeoutMs: number): Promise<Send | null> {
    return new Promise((resolve) => {
      this.watch(
        phone,
        timeoutMs,
        () => {
          const found = this.after(phone, since)[0];
          if (found) resolve(found);
          return found !== undefined;
        },
        () => resolve(null),
      );
    });
  }

  /**
   * The whole reply: waits for a first send after `since`, then until nothing more came for `quietMs`
   * (a step may send several messages: the invoice's line, its PIX code, the PDF). Empty if none came.
   */
  async settled(phone: string, since: number, quietMs: number, timeoutMs: number): Promise<Send[]> {
    const deadline = Date.now() + timeoutMs;
    if (!(await this.first(phone, since, timeoutMs))) return [];
    for (;;) {
      const sends = this.after(phone, since);
      const last = sends[sends.length - 1] as Send;
      const quietFor = Date.now() - last.at;
      if (quietFor >= quietMs || Date.now() >= deadline) return sends;
      await new Promise((r) => setTimeout(r, quietMs - quietFor));
    }
  }

  stop(): void {
    this.unsubscribe();
  }
}
