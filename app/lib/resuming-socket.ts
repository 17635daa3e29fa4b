// The socket plumbing the conversation and inbox clients share: reconnects with backoff (partysocket), says
// hello with the caller's resume point on every open, checks server frames against the contract, asks again
// with growing pauses while the server is `unavailable`, and reports connection state changes.
import ReconnectingWebSocket from 'partysocket/ws';
import type { z } from 'zod';
import { Heartbeat } from './heartbeat';

export type SocketState = 'connecting' | 'replaying' | 'live' | 'closed';

/** What every resuming client takes from its caller to reach the server. */
export interface SocketOptions {
  /** Full ws:// URL including the token; a function is called on every (re)connect, so tokens can refresh. */
  url: string | (() => string) | (() => Promise<string>);
  onState?: (state: SocketState) => void;
  /** The server (or the network) closed the socket; it reconnects on its own unless close() was called. */
  onClose?: (code: number, reason: string) => void;
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** Ping this often and reconnect when nothing came back for two periods (a half-open socket); off if unset. */
  heartbeatMs?: number;
  WebSocket?: typeof WebSocket;
}

/** The frames both protocols share, which this module sends on its own. */
type HelloFrame = { type: 'hello'; since: number };
type PingFrame = { type: 'ping' };

export interface ResumingSocketOptions<In> extends SocketOptions {
  /** The contract's union of server frames: anything else is ignored (a newer server may add frame types). */
  frames: z.ZodType<In>;
  /** What the client already holds; asked on every hello so a resume replays only what is missing. */
  since: () => number;
  onFrame: (frame: In) => void;
}

export class ResumingSocket<Out extends { type: string }, In> {
  private readonly socket: ReconnectingWebSocket;
  private readonly heartbeat: Heartbeat | null;
  private current: SocketState = 'connecting';
  private helloRetries = 0;

  constructor(private readonly opts: ResumingSocketOptions<In>) {
    this.socket = new ReconnectingWebSocket(opts.url, [], {
      WebSocket: opts.WebSocket ?? globalThis.WebSocket,
      minReconnectionDelay: opts.minReconnectDelayMs ?? 250 + Math.random() * 250,
      maxReconnectionDelay: opts.maxReconnectDelayMs ?? 10_000,
      reconnectionDelayGrowFactor: 1.6,
      connectionTimeout: 5_000,
      // The clients keep their own outbox (acks, wanted presence) and resend after resume: never queue here.
      maxEnqueuedMessages: 0,
    });
    this.heartbeat = opts.heartbeatMs
      ? new Heartbeat(
          opts.heartbeatMs,
          () => this.send({ type: 'ping' }),
          () => this.reconnect(),
        )
      : null;
    this.socket.addEventListener('open', () => {
      this.setState('replaying');
      this.heartbeat?.start();
      this.hello();
    });
    this.socket.addEventListener('close', (e: CloseEvent) => {
      this.heartbeat?.stop();
      if (this.current === 'closed') return;
      this.setState('connecting');
      this.opts.onClose?.(e.code, e.reason);
    });
    this.socket.addEventListener('message', (e: MessageEvent) => {
      this.heartbeat?.alive();
      this.receive(String(e.data));
    });
  }

  get state(): SocketState {
    return this.current;
  }

  /** Sent only while open: what must survive a reconnect is the client's to resend after `ready`. */
  send(frame: Out | HelloFrame | PingFrame): void {
    if (this.socket.readyState === 1) this.socket.send(JSON.stringify(frame));
  }

  /** Asks the server to replay everything after what the client holds (on open, or again after a gap). */
  hello(): void {
    this.send({ type: 'hello', since: this.opts.since() });
  }

  /** The replay after hello is complete: the client is caught up, and the next `unavailable` starts afresh. */
  ready(): void {
    this.helloRetries = 0;
    this.setState('live');
  }

  /** The server could not answer hello yet (Postgres slow or down): ask again with growing pauses. */
  unavailable(): void {
    if (this.current !== 'replaying') return;
    const delay = Math.min(10_000, 500 * 2 ** this.helloRetries++);
    setTimeout(() => {
      if (this.current === 'replaying') this.hello();
    }, delay);
  }

  /** Drops the connection as a network failure would; partysocket reconnects and the open resumes. */
  reconnect(): void {
    this.socket.reconnect(4000, 'client reconnect');
  }

  close(): void {
    this.heartbeat?.stop();
    this.setState('closed');
    this.socket.close(1000, 'client closed');
  }

  private setState(state: SocketState): void {
    if (this.current === state) return;
    this.current = state;
    this.opts.onState?.(state);
  }

  private receive(data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = this.opts.frames.safeParse(json);
    if (parsed.success) this.opts.onFrame(parsed.data);
  }
}
