// One overall deadline per reply: every attempt, every tool round and every wait shares it. The signal
// aborts the SDK's fetch; `race` also bounds work that ignores signals (a tool runner, a fetch that hangs
// without honouring abort), so the caller gets its answer in time whatever hangs underneath.

export class DeadlineExceeded extends Error {
  constructor() {
    super('deadline exceeded');
  }
}

export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly stop: Promise<never>;
  readonly endsAt: number;

  constructor(ms: number) {
    this.endsAt = Date.now() + ms;
    this.timer = setTimeout(() => this.controller.abort(new DeadlineExceeded()), ms);
    this.stop = new Promise<never>((_, reject) => {
      this.controller.signal.addEventListener('abort', () => reject(new DeadlineExceeded()), { once: true });
    });
    this.stop.catch(() => {}); // nobody may be racing it when it fires
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  /** `work`, or DeadlineExceeded when the deadline comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(new DeadlineExceeded());
    return Promise.race([work, this.stop]);
  }

  /** Always call when the reply is done: the timer must not keep the isolate's event loop busy. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}
