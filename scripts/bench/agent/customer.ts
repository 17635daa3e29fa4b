// A customer in Node: a widget session (a new visitor, so a new conversation in the demo tenant) and the
// resuming ConversationClient the widget uses; each send resolves with its seq once acknowledged (stored).
import { ConversationClient } from '../../../app/lib/conversation-client';
import { postJson, socketUrl } from '../http';

export interface WidgetSession {
  token: string;
  conversationId: string;
}

export class Customer {
  private readonly waiting = new Map<string, { resolve(seq: number): void; reject(err: Error): void }>();
  private liveWaiters: (() => void)[] = [];
  private readonly client: ConversationClient;

  private constructor(
    readonly base: string,
    readonly session: WidgetSession,
  ) {
    this.client = new ConversationClient({
      url: socketUrl(base, session.conversationId, session.token),
      onAck: (clientId, seq) => {
        this.waiting.get(clientId)?.resolve(seq);
        this.waiting.delete(clientId);
      },
      onError: (f) => {
        if (!f.clientId) return;
        this.waiting.get(f.clientId)?.reject(new Error(`send refused: ${f.code} ${f.message}`));
        this.waiting.delete(f.clientId);
      },
      onState: (s) => {
        if (s === 'live') for (const w of this.liveWaiters.splice(0)) w();
      },
    });
  }

  /** A new visitor named `name` (the contact's name the agent sees in the list), connected and live. */
  static async open(base: string, name: string, timeoutMs: number): Promise<Customer> {
    const session = await postJson<WidgetSession>(
      `${base}/api/widget/sessions`,
      { tenant: 'demo', name },
      201,
    );
    const customer = new Customer(base, session);
    try {
      await customer.live(timeoutMs);
      return customer;
    } catch (err) {
      customer.close();
      throw err;
    }
  }

  get conversationId(): string {
    return this.session.conversationId;
  }

  /** The highest seq this customer's socket has received (its own messages come back as events too). */
  get lastSeq(): number {
    return this.client.lastSeq;
  }

  live(timeoutMs: number): Promise<void> {
    if (this.client.connectionState === 'live') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('customer socket not live in time')), timeoutMs);
      this.liveWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Sends now; resolves with the stored seq, or fails if no ack comes within `timeoutMs`. */
  send(text: string, timeoutMs = 60_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const clientId = crypto.randomUUID();
      const timer = setTimeout(() => {
        this.waiting.delete(clientId);
        reject(new Error(`no ack within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      this.waiting.set(clientId, {
        resolve: (seq) => settle(() => resolve(seq)),
        reject: (err) => settle(() => reject(err)),
      });
      this.client.send(text, clientId);
    });
  }

  close(): void {
    this.client.close();
    for (const w of this.waiting.values()) w.reject(new Error('customer closed'));
    this.waiting.clear();
  }

  /** For the lifecycle: `owned` stops whatever it started. */
  async stop(): Promise<void> {
    this.close();
  }
}
