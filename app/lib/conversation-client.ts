// The resuming conversation socket every client uses (agent app, widget, tests, benchmarks): reconnects with
// backoff (partysocket), resumes with hello {since}, renders by seq (drops duplicates, re-syncs on a gap),
// and keeps unacknowledged sends (messages and agents' private notes) to resend with the same clientId, so
// nothing is lost or doubled.
// Narrow contract modules (never the index): the website widget bundles this file within its size budget.
import {
  type ClientFrame,
  type ErrorFrame,
  type EventFrame,
  ServerFrame,
} from '../../workers/contract/frames';
import { ResumingSocket, type SocketOptions, type SocketState } from './resuming-socket';

export type ConnectionState = SocketState;

export interface ConversationClientOptions extends SocketOptions {
  /** Last seq already held (e.g. from a cache); replay starts after it. */
  since?: number;
  onEvent?: (frame: EventFrame) => void;
  onAck?: (clientId: string, seq: number) => void;
  onError?: (frame: ErrorFrame) => void;
  /** Every other frame (typing, read, pong). */
  onFrame?: (frame: ServerFrame) => void;
}

/**
 * A send waiting for its ack: a customer-visible message (a visitor's may name the option it picked), a
 * private note (agents only) or a file a visitor uploaded first (`text` is its caption).
 */
export interface PendingSend {
  kind: 'message' | 'note' | 'attachment';
  text: string;
  choice?: { id: string };
  key?: string;
}

export class ConversationClient {
  private readonly socket: ResumingSocket<ClientFrame, ServerFrame>;
  private seq: number;
  /** Sent (or waiting to be sent) and not yet acknowledged, in send order. */
  private readonly pending = new Map<string, PendingSend>();

  constructor(private readonly opts: ConversationClientOptions) {
    this.seq = opts.since ?? 0;
    // The connection options (url, delays, heartbeat, onState) pass through; checked frames come back here.
    this.socket = new ResumingSocket({
      ...opts,
      frames: ServerFrame,
      since: () => this.seq,
      onFrame: (frame) => this.receive(frame),
    });
  }

  get lastSeq(): number {
    return this.seq;
  }

  get connectionState(): ConnectionState {
    return this.socket.state;
  }

  get unacknowledged(): number {
    return this.pending.size;
  }

  /** Queues a message; it is sent now if live, else right after the next resume. Returns its clientId. */
  send(text: string, clientId: string = crypto.randomUUID()): string {
    return this.queue({ kind: 'message', text }, clientId);
  }

  /** A visitor's pick of an option (reply buttons, a list, the CSAT stars): `text` is the option's title. */
  sendChoice(text: string, choiceId: string, clientId: string = crypto.randomUUID()): string {
    return this.queue({ kind: 'message', text, choice: { id: choiceId } }, clientId);
  }

  /** A visitor's file, uploaded first (its storage key), with an optional caption; resent like a message. */
  sendAttachment(key: string, caption = '', clientId: string = crypto.randomUUID()): string {
    return this.queue({ kind: 'attachment', text: caption, key }, clientId);
  }

  /** A private note (agents only): queued and resent like a message, never shown to the customer. */
  sendNote(text: string, clientId: string = crypto.randomUUID()): string {
    return this.queue({ kind: 'note', text }, clientId);
  }

  private queue(send: PendingSend, clientId: string): string {
    this.pending.set(clientId, send);
    if (this.socket.state === 'live') this.transmit(clientId, send);
    return clientId;
  }

  private transmit(clientId: string, send: PendingSend): void {
    if (send.kind === 'attachment' && send.key) {
      const caption = send.text ? { caption: send.text } : {};
      this.socket.send({ type: 'attachment.send', clientId, key: send.key, ...caption });
      return;
    }
    const choice = send.choice ? { choice: send.choice } : {};
    this.socket.send({
      type: send.kind === 'note' ? 'note.send' : 'message.send',
      clientId,
      text: send.text,
      ...choice,
    });
  }

  typing(on: boolean): void {
    if (this.socket.state === 'live') this.socket.send({ type: 'typing', on });
  }

  markRead(seq: number): void {
    if (this.socket.state === 'live') this.socket.send({ type: 'read', seq });
  }

  /** Drops the current connection as a network failure would; the client reconnects and resumes. */
  reconnect(): void {
    this.socket.reconnect();
  }

  close(): void {
    this.socket.close();
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'event':
      case 'hidden':
        if (frame.seq <= this.seq) return; // already have it (replay overlap)
        if (frame.seq !== this.seq + 1) {
          // A hole: never render past it; ask again from what we hold.
          this.socket.hello();
          return;
        }
        this.seq = frame.seq;
        if (frame.type === 'event') this.opts.onEvent?.(frame);
        return;
      case 'ack':
        if (this.pending.delete(frame.clientId)) this.opts.onAck?.(frame.clientId, frame.seq);
        return;
      case 'ready':
        this.socket.ready();
        for (const [clientId, send] of this.pending) this.transmit(clientId, send);
        return;
      case 'error':
        if (frame.clientId) this.pending.delete(frame.clientId);
        // History could not be read (Postgres down): the socket asks again while still connected.
        if (frame.code === 'unavailable') this.socket.unavailable();
        this.opts.onError?.(frame);
        return;
      default:
        this.opts.onFrame?.(frame);
    }
  }
}
