// One Durable Object has one alarm; the outbox and the outbound dispatcher both need it. The clock only ever
// moves the alarm earlier, so neither can postpone the other's wake-up; whoever wakes checks its own work.
export class AlarmClock {
  /** When the alarm is known to be set for; null after it fired or when unknown (fresh instance). */
  private next: number | null = null;

  constructor(private readonly storage: DurableObjectStorage) {}

  /** Makes sure the alarm fires no later than `at` (epoch ms). */
  ensureBy(at: number): void {
    if (this.next !== null && this.next <= at) return;
    this.next = at;
    void this.storage.setAlarm(at);
  }

  /** Called first thing in alarm(): the alarm that was set has fired. */
  fired(): void {
    this.next = null;
  }
}
