// The resuming inbox socket (GET /ws/inbox): holds every conversation summary the tenant's inbox sent, each
// with its version, and agents' presence. Reconnects with backoff (partysocket) and says hello with the last
// version it holds, so a resume replays only what changed; a `reset` drops what it held first.
import ReconnectingWebSocket from 'partysocket/ws';
import {
  type AgentPresence,
  type InboxClientFrame,
  InboxServerFrame,
  type InboxSummary,
} from '../../workers/contract';
import { Heartbeat } from './heartbeat';

export type InboxConnectionState = 'connecting' | 'replaying' | 'live' | 'closed';

export interface SummaryChange {
  summary: InboxSummary;
  /** What was held before this frame (null: new to this client). */
  previous: InboxSummary | null;
  /** True while replaying after hello: not news, just catching up. */
  replay: boolean;
}

export interface InboxClientOptions {
  /** Full ws:// URL including the token; a function is called on every (re)connect, so tokens can refresh. */
  url: string | (() => string) | (() => Promise<string>);
  onState?: (state: InboxConnectionState) => void;
  onSummary?: (change: SummaryChange) => void;
  /** The server told us to drop everything held: a complete replay follows. */
  onReset?: () => void;
  /** Replay finished (after hello) or presence changed. */
  onReady?: () => void;
  onPresence?: (presence: AgentPresence) => void;
  onError?: (code: string, message: string) => void;
  minReconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  heartbeatMs?: number;
  WebSocket?: typeof WebSocket;
}

interface Held {
  version: number;
  summary: InboxSummary;
}

export class InboxClient {
  private readonly socket: ReconnectingWebSocket;
  private readonly heartbeat: Heartbeat | null;
  private state: InboxConnectionState = 'connecting';
  private lastVersion = 0;
  private readonly held = new Map<string, Held>();
  private readonly agents = new Map<string, AgentPresence>();
  /** What this agent chose; sent again after every reconnect (the server marks a new socket online). */
  private wantedPresence: 'online' | 'away' | null = null;

  constructor(private readonly opts: InboxClientOptions) {
    this.socket = new ReconnectingWebSocket(opts.url, [], {
      WebSocket: opts.WebSocket ?? globalThis.WebSocket,
      minReconnectionDelay: opts.minReconnectDelayMs ?? 250 + Math.random() * 250,
      maxReconnectionDelay: opts.maxReconnectDelayMs ?? 10_000,
      reconnectionDelayGrowFactor: 1.6,
      connectionTimeout: 5_000,
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
      this.raw({ type: 'hello', since: this.lastVersion });
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

  get version(): number {
    return this.lastVersion;
  }

  get connectionState(): InboxConnectionState {
    return this.state;
  }

  summary(conversationId: string): InboxSummary | null {
    return this.held.get(conversationId)?.summary ?? null;
  }

  summaries(): InboxSummary[] {
    return [...this.held.values()].map((h) => h.summary);
  }

  presence(): AgentPresence[] {
    return [...this.agents.values()];
  }

  /**
   * A summary learned outside the socket (a ticket action's answer, a search result opened): kept only if it
   * is newer than what is held, so an answer that raced a fresher frame never rolls the inbox back.
   */
  learn(summary: InboxSummary): boolean {
    const held = this.held.get(summary.conversationId);
    if (held && !isNewer(summary, held.summary)) return false;
    // Version 0: any frame from the server about this conversation replaces it.
    this.held.set(summary.conversationId, { version: held?.version ?? 0, summary });
    return true;
  }

  setPresence(status: 'online' | 'away'): void {
    this.wantedPresence = status;
    if (this.state === 'live') this.raw({ type: 'presence.set', status });
  }

  /** Drops the connection as a network failure would; the client reconnects and resumes. */
  reconnect(): void {
    this.socket.reconnect(4000, 'client reconnect');
  }

  close(): void {
    this.heartbeat?.stop();
    this.setState('closed');
    this.socket.close(1000, 'client closed');
  }

  private helloRetries = 0;

  /** The inbox is still loading (Postgres slow or down): ask again with growing pauses while connected. */
  private retryHello(): void {
    const delay = Math.min(10_000, 500 * 2 ** this.helloRetries++);
    setTimeout(() => {
      if (this.state === 'replaying') this.raw({ type: 'hello', since: this.lastVersion });
    }, delay);
  }

  private raw(frame: InboxClientFrame): void {
    if (this.socket.readyState === 1) this.socket.send(JSON.stringify(frame));
  }

  private setState(state: InboxConnectionState): void {
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
    const parsed = InboxServerFrame.safeParse(json);
    if (!parsed.success) return; // a newer server may add frame types
    const frame = parsed.data;
    switch (frame.type) {
      case 'reset':
        this.held.clear();
        this.lastVersion = 0;
        this.opts.onReset?.();
        return;
      case 'summary': {
        const id = frame.summary.conversationId;
        const held = this.held.get(id);
        if (frame.version > this.lastVersion) this.lastVersion = frame.version;
        if (held && held.version >= frame.version) return; // replay overlap or a stale frame
        this.held.set(id, { version: frame.version, summary: frame.summary });
        this.opts.onSummary?.({
          summary: frame.summary,
          previous: held?.summary ?? null,
          replay: this.state !== 'live',
        });
        return;
      }
      case 'ready':
        if (frame.version > this.lastVersion) this.lastVersion = frame.version;
        this.helloRetries = 0;
        this.agents.clear();
        for (const p of frame.presence) this.agents.set(p.userId, p);
        this.setState('live');
        if (this.wantedPresence) this.raw({ type: 'presence.set', status: this.wantedPresence });
        this.opts.onReady?.();
        return;
      case 'presence':
        this.agents.set(frame.presence.userId, frame.presence);
        this.opts.onPresence?.(frame.presence);
        return;
      case 'error':
        if (frame.code === 'unavailable' && this.state === 'replaying') this.retryHello();
        this.opts.onError?.(frame.code, frame.message);
        return;
      case 'pong':
        return;
    }
  }
}

/** Whether `a` describes a later state of the conversation than `b` (more events, or a later change). */
function isNewer(a: InboxSummary, b: InboxSummary): boolean {
  if (a.lastSeq !== b.lastSeq) return a.lastSeq > b.lastSeq;
  return a.updatedAt > b.updatedAt;
}
