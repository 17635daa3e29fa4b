// What the e-mail API simulator holds: received messages (newest last), every attempt it answered, and the
// faults a test or a developer set, per recipient ("*" for all), to see how Fio copes with a failing API.
export interface ReceivedMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export type FaultMode = 'down' | 'rate_limited' | 'hang';

export interface Fault {
  mode: FaultMode;
  /** How many more sends it applies to; null: until cleared. */
  remaining: number | null;
}

export interface Attempt {
  at: string;
  to: string[];
  status: number;
}

export class MailStore {
  readonly messages: ReceivedMail[] = [];
  readonly attempts: Attempt[] = [];
  private readonly faults = new Map<string, Fault>();
  private seq = 0;

  nextId(): string {
    this.seq += 1;
    return `sim-${Date.now().toString(36)}-${this.seq}`;
  }

  setFault(to: string, fault: Fault | null): void {
    const key = to.toLowerCase();
    if (fault) this.faults.set(key, fault);
    else this.faults.delete(key);
  }

  /** The fault this send meets (consuming one use of it), if any. */
  takeFault(to: readonly string[]): FaultMode | null {
    for (const key of [...to.map((t) => t.toLowerCase()), '*']) {
      const fault = this.faults.get(key);
      if (!fault) continue;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults.delete(key);
      }
      return fault.mode;
    }
    return null;
  }

  to(address: string | null): ReceivedMail[] {
    if (!address) return this.messages;
    const a = address.toLowerCase();
    return this.messages.filter((m) => m.to.some((t) => t.toLowerCase() === a));
  }

  attemptsTo(address: string | null): Attempt[] {
    if (!address) return this.attempts;
    const a = address.toLowerCase();
    return this.attempts.filter((m) => m.to.some((t) => t.toLowerCase() === a));
  }
}
