// Liveness for a long-lived socket: pings on a period and reports a socket that stayed silent for two periods
// (a half-open connection after a network change never fires `close` on its own).
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;

  constructor(
    private readonly periodMs: number,
    private readonly ping: () => void,
    private readonly onSilent: () => void,
  ) {}

  start(): void {
    this.stop();
    this.lastHeard = Date.now();
    this.timer = setInterval(() => {
      if (Date.now() - this.lastHeard > 2 * this.periodMs) {
        this.stop();
        this.onSilent();
        return;
      }
      this.ping();
    }, this.periodMs);
  }

  /** Anything received counts: pongs, events, acks. */
  alive(): void {
    this.lastHeard = Date.now();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
