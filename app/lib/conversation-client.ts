// The resuming conversation socket every client uses (agent app, widget, tests, benchmarks): reconnects with
// backoff (partysocket), resumes with hello {since}, renders by seq (drops duplicates, re-syncs on a gap),
// and keeps unacknowledged sends (messages and agents' private notes) to resend with the same clientId, so
// nothing is lost or doubled.
import ReconnectingWebSocket from 'partysocket/ws';
import { type ErrorFrame, type EventFrame, ServerFrame } from '../../workers/contract';
import { Heartbeat } from './heartbeat';

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
  /** Ping this often and reconnect when nothing came back for two periods (a half-open socket); off if unset. */
  heartbeatMs?: number;
  WebSocket?: typeof WebSocket;
}

/** A send waiting for its ack: a customer-visible message or a private note (agents only). */
export interface PendingSend {
  kind: 'message' | 'note';
  text: string;
}

export class ConversationClient {
  private readonly socket: ReconnectingWebSocket;
  private state: ConnectionState = 'connecting';
  private seq: number;
  /** Sent (or waiting to be sent) and not yet acknowledged, in send order. */
  private readonly pending = new Map<string, PendingSend>();
  private readonly heartbeat: Heartbeat | null;

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
    this.heartbeat = opts.heartbeatMs
      ? new Heartbeat(
          opts.heartbeatMs,
          () => this.raw({ type: 'ping' }),
          () => this.reconnect(),
        )
      : null;
    this.socket.addEventListener('open', () => {
      this.setState('replaying');
      this.heartbeat?.start();
      this.raw({ type: 'hello', since: this.seq });
    });
    this.socket.addEventListener('close', () => {
      this.heartbeat?.stop();
      if (this.state !== 'closed') this.setState('connecting');
    });
    this.socket.addEventListener('message', (e: MessageEvent) => {
      this.heartbeat?.alive();
      this.receive(String(e.data));
    });
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
    return this.queue({ kind: 'message', text }, clientId);
  }

  /** A private note (agents only): queued and resent like a message, never shown to the customer. */
  sendNote(text: string, clientId: string = crypto.randomUUID()): string {
    return this.queue({ kind: 'note', text }, clientId);
  }

  private queue(send: PendingSend, clientId: string): string {
    this.pending.set(clientId, send);
    if (this.state === 'live') this.transmit(clientId, send);
    return clientId;
  }

  private transmit(clientId: string, send: PendingSend): void {
    this.raw({ type: send.kind === 'note' ? 'note.send' : 'message.send', clientId, text: send.text });
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
    this.heartbeat?.stop();
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
        for (const [clientId, send] of this.pending) this.transmit(clientId, send);
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
