// The resuming conversation socket every client uses (agent app, widget, tests, benchmarks): reconnects with
// backoff (partysocket), resumes with hello {since}, renders by seq (drops duplicates, re-syncs on a gap),
// and keeps unacknowledged sends to resend with the same clientId, so nothing is lost or doubled.
import ReconnectingWebSocket from 'partysocket/ws';
import { type ErrorFrame, type EventFrame, ServerFrame } from '../../workers/contract';

export type ConnectionState = 'connecting' | 'replaying' | 'live' | 'closed';

export interface ConversationClientOptions {
  /** Full ws:// URL including the token; a function is called on every (re)connect, so tokens can refresh. */
  url: string | (() => string) | (() => Promise<string>);
  /** Last seq already held (e.g. from a cache); replay starts after it. */
  since?: number;
  onEvent?: (frame: EventFrame) => void;
  onAck?: (clientId: string, seq: number) => void;
  onState?: (state: ConnectionState) => void;
  onError?: (frame: ErrorFrame) => void;
  /** Every other frame (typing, read, pong). */
  onFrame?: (frame: ServerFrame) => void;
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  WebSocket?: typeof WebSocket;
}

export class ConversationClient {
  private readonly socket: ReconnectingWebSocket;
  private state: ConnectionState = 'connecting';
  private seq: number;
  /** Sent (or waiting to be sent) and not yet acknowledged, in send order. */
  private readonly pending = new Map<string, string>();

  constructor(private readonly opts: ConversationClientOptions) {
    this.seq = opts.since ?? 0;
    this.socket = new ReconnectingWebSocket(opts.url, [], {
      WebSocket: opts.WebSocket ?? globalThis.WebSocket,
      minReconnectionDelay: opts.minReconnectDelayMs ?? 250 + Math.random() * 250,
      maxReconnectionDelay: opts.maxReconnectDelayMs ?? 10_000,
      reconnectionDelayGrowFactor: 1.6,
      connectionTimeout: 5_000,
      // Our own pending map replaces partysocket's queue: it knows about acks and resends after resume.
      maxEnqueuedMessages: 0,
    });
    this.socket.addEventListener('open', () => {
      this.setState('replaying');
      this.raw({ type: 'hello', since: this.seq });
    });
    this.socket.addEventListener('close', () => {
      if (this.state !== 'closed') this.setState('connecting');
    });
    this.socket.addEventListener('message', (e: MessageEvent) => this.receive(String(e.data)));
  }

  get lastSeq(): number {
    return this.seq;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  get unacknowledged(): number {
    return this.pending.size;
  }

  /** Queues a message; it is sent now if live, else right after the next resume. Returns its clientId. */
  send(text: string, clientId: string = crypto.randomUUID()): string {
    this.pending.set(clientId, text);
    if (this.state === 'live') this.raw({ type: 'message.send', clientId, text });
    return clientId;
  }

  typing(on: boolean): void {
    if (this.state === 'live') this.raw({ type: 'typing', on });
  }

  markRead(seq: number): void {
    if (this.state === 'live') this.raw({ type: 'read', seq });
  }

  /** Drops the current connection as a network failure would; the client reconnects and resumes. */
  reconnect(): void {
    this.socket.reconnect(4000, 'client reconnect');
  }

  close(): void {
    this.setState('closed');
    this.socket.close(1000, 'client closed');
  }

  private helloRetries = 0;

  /** History could not be read (Postgres down): ask again with growing pauses while still connected. */
  private retryHello(): void {
    const delay = Math.min(10_000, 500 * 2 ** this.helloRetries++);
    setTimeout(() => {
      if (this.state === 'replaying') this.raw({ type: 'hello', since: this.seq });
    }, delay);
  }

  private raw(frame: unknown): void {
    if (this.socket.readyState === 1) this.socket.send(JSON.stringify(frame));
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.opts.onState?.(state);
  }

  private receive(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) return; // a newer server may add frame types; ignore what we do not know
    const frame = parsed.data;
    switch (frame.type) {
      case 'event':
      case 'hidden':
        if (frame.seq <= this.seq) return; // already have it (replay overlap)
        if (frame.seq !== this.seq + 1) {
          // A hole: never render past it; ask again from what we hold.
          this.raw({ type: 'hello', since: this.seq });
          return;
        }
        this.seq = frame.seq;
        if (frame.type === 'event') this.opts.onEvent?.(frame);
        return;
      case 'ack':
        if (this.pending.delete(frame.clientId)) this.opts.onAck?.(frame.clientId, frame.seq);
        return;
      case 'ready':
        this.helloRetries = 0;
        this.setState('live');
        for (const [clientId, text] of this.pending) this.raw({ type: 'message.send', clientId, text });
        return;
      case 'error':
        if (frame.clientId) this.pending.delete(frame.clientId);
        if (frame.code === 'unavailable' && this.state === 'replaying') this.retryHello();
        this.opts.onError?.(frame);
        return;
      default:
        this.opts.onFrame?.(frame);
    }
  }
}
