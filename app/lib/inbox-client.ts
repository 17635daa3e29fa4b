// The resuming inbox socket (GET /ws/inbox): holds every conversation summary the tenant's inbox sent, each
// with its version, and agents' presence. Reconnects with backoff (partysocket) and says hello with the last
// version it holds, so a resume replays only what changed; a `reset` drops what it held first.
import {
  type AgentPresence,
  type InboxClientFrame,
  InboxServerFrame,
  type InboxSummary,
  type RoutingLoad,
} from '../../workers/contract';
import { ResumingSocket, type SocketOptions, type SocketState } from './resuming-socket';

export type InboxConnectionState = SocketState;

export interface SummaryChange {
  summary: InboxSummary;
  /** What was held before this frame (null: new to this client). */
  previous: InboxSummary | null;
  /** True while replaying after hello: not news, just catching up. */
  replay: boolean;
}

export interface InboxClientOptions extends SocketOptions {
  onSummary?: (change: SummaryChange) => void;
  /** The server told us to drop everything held: a complete replay follows. */
  onReset?: () => void;
  /** Replay finished (after hello) or presence changed. */
  onReady?: () => void;
  onPresence?: (presence: AgentPresence) => void;
  /** A number's health changed (live only): conversations on it ask for their channel state again. */
  onChannelHealth?: (channelId: string) => void;
  onError?: (code: string, message: string) => void;
  /** Agents' load and the queues per team (live only, for supervisors' live team view). */
  onRouting?: (routing: RoutingLoad) => void;
}

interface Held {
  version: number;
  summary: InboxSummary;
}

export class InboxClient {
  private readonly socket: ResumingSocket<InboxClientFrame, InboxServerFrame>;
  private lastVersion = 0;
  private readonly held = new Map<string, Held>();
  private readonly agents = new Map<string, AgentPresence>();
  /** What this agent chose; sent again after every reconnect (the server marks a new socket online). */
  private wantedPresence: 'online' | 'away' | null = null;

  constructor(private readonly opts: InboxClientOptions) {
    // The connection options (url, delays, heartbeat, onState) pass through; checked frames come back here.
    this.socket = new ResumingSocket({
      ...opts,
      frames: InboxServerFrame,
      since: () => this.lastVersion,
      onFrame: (frame) => this.receive(frame),
    });
  }

  get version(): number {
    return this.lastVersion;
  }

  get connectionState(): InboxConnectionState {
    return this.socket.state;
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
    if (this.socket.state === 'live') this.socket.send({ type: 'presence.set', status });
  }

  /** Drops the connection as a network failure would; the client reconnects and resumes. */
  reconnect(): void {
    this.socket.reconnect();
  }

  close(): void {
    this.socket.close();
  }

  private receive(frame: InboxServerFrame): void {
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
          replay: this.socket.state !== 'live',
        });
        return;
      }
      case 'ready':
        if (frame.version > this.lastVersion) this.lastVersion = frame.version;
        this.agents.clear();
        for (const p of frame.presence) this.agents.set(p.userId, p);
        this.socket.ready();
        if (this.wantedPresence) this.socket.send({ type: 'presence.set', status: this.wantedPresence });
        this.opts.onReady?.();
        return;
      case 'presence':
        this.agents.set(frame.presence.userId, frame.presence);
        this.opts.onPresence?.(frame.presence);
        return;
      case 'error':
        // The inbox is still loading (Postgres slow or down): the socket asks again while still connected.
        if (frame.code === 'unavailable') this.socket.unavailable();
        this.opts.onError?.(frame.code, frame.message);
        return;
      case 'channel.health':
        this.opts.onChannelHealth?.(frame.channelId);
        return;
      case 'routing':
        this.opts.onRouting?.(frame.routing);
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
