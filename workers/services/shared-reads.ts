// A value read from Postgres once and shared for a few seconds by every object and request of the isolate (a
// tenant's service setup, its bot setup): single flight without sharing a promise. workerd ties a promise's
// I/O (its socket, its timers) to the request or alarm that started it; another object awaiting that promise
// waits forever once the starter's event has ended ("Promise will never complete"), and a rejection there is
// reported as uncaught. Seen in the 100-tenant scale run: thousands of "service setup timed out" exceptions
// and after-care steps that hung. So only settled values are shared; a caller that finds a read in flight
// elsewhere waits for its value on its own timer, at most `waitMs`, then reads for itself.
// With `staleMs`, a value past its freshness but younger than that is answered at once while one caller's read
// refreshes it in the background (stale-while-revalidate). Without it, under load every expiry made each
// caller wait on Postgres, and once reads took longer than their deadline none was ever kept: each object read
// for itself, the reads took the connections the archive needed, and the 60-tenant scale run collapsed.
const POLL_MS = 10;

export interface SharedReadsOptions {
  /** How long a value is answered without reading again (ms). */
  freshMs: number;
  /** How long a caller waits for a read in flight elsewhere before reading for itself (ms). */
  waitMs: number;
  /** How long past its read a value may still be answered while a refresh runs (ms; 0: never). */
  staleMs?: number;
}

export class SharedReads<T> {
  private readonly values = new Map<string, { atMs: number; value: T }>();
  /** Key → when the read in flight started (plain numbers: readable from any context). */
  private readonly inflight = new Map<string, number>();

  private readonly freshMs: number;
  private readonly waitMs: number;
  private readonly staleMs: number;

  constructor(options: SharedReadsOptions) {
    this.freshMs = options.freshMs;
    this.waitMs = options.waitMs;
    this.staleMs = options.staleMs ?? 0;
  }

  /**
   * The key's value: fresh from memory, else stale from memory while `read` refreshes it (kept alive by
   * `waitUntil`), else read now (or waited for, when a read is in flight elsewhere).
   */
  async get(
    key: string,
    read: () => Promise<T>,
    waitUntil: (p: Promise<unknown>) => void = () => {},
  ): Promise<T> {
    const hit = this.fresh(key);
    if (hit) return hit.value;
    const stale = this.stale(key);
    if (stale) {
      if (!this.reading(key)) waitUntil(this.readAndKeep(key, read).catch(() => {}));
      return stale.value;
    }
    const started = this.inflight.get(key);
    if (started !== undefined && Date.now() - started < this.waitMs) {
      while (Date.now() - started < this.waitMs && this.inflight.get(key) === started) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const value = this.fresh(key);
        if (value && value.atMs >= started) return value.value;
      }
      const value = this.fresh(key);
      if (value) return value.value;
    }
    return this.readAndKeep(key, read);
  }

  private async readAndKeep(key: string, read: () => Promise<T>): Promise<T> {
    const mine = Date.now();
    this.inflight.set(key, mine);
    try {
      const value = await read();
      // Shared only while still the read in flight: a forget() meanwhile (the settings changed) means it may
      // hold the old rows, so it answers its own caller and the next caller reads again.
      if (this.inflight.get(key) === mine) this.values.set(key, { atMs: Date.now(), value });
      return value;
    } finally {
      // A failed read is not shared: the next caller tries Postgres again.
      if (this.inflight.get(key) === mine) this.inflight.delete(key);
    }
  }

  forget(key: string): void {
    this.values.delete(key);
    this.inflight.delete(key);
  }

  private fresh(key: string): { atMs: number; value: T } | null {
    const hit = this.values.get(key);
    return hit && Date.now() - hit.atMs < this.freshMs ? hit : null;
  }

  private stale(key: string): { atMs: number; value: T } | null {
    const hit = this.values.get(key);
    return hit && Date.now() - hit.atMs < this.staleMs ? hit : null;
  }

  /** A read in flight that has not outlived its waiters' patience (one whose event ended never lands). */
  private reading(key: string): boolean {
    const started = this.inflight.get(key);
    return started !== undefined && Date.now() - started < this.waitMs;
  }
}
