// The sockets of the scale run, as the agent app opens them: each agent's dashboard on /ws/inbox (hello →
// ready) and agents' conversation sockets on /ws/conversations/:id (hello since 0 → ready), each pinging
// every 20 s like the app. Conversation sockets record when each run-tagged message event arrives, so the
// run can time webhook → socket and see a message that arrived twice or never.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { socketUrl } from '../http';

const PING_MS = 20_000;
const OPEN_TIMEOUT_MS = 60_000;

/** Arrivals of tagged messages: marker → performance.now() of each arrival (more than one: a duplicate). */
export type Arrivals = Map<string, number[]>;

export interface OpenSocket {
  ws: WebSocket;
  kind: 'inbox' | 'conversation';
}

export class SocketFleet {
  readonly sockets: OpenSocket[] = [];
  readonly arrivals: Arrivals = new Map();
  closedEarly = 0;
  private readonly pinger = setInterval(() => {
    for (const s of this.sockets) if (s.ws.readyState === WebSocket.OPEN) s.ws.send('{"type":"ping"}');
  }, PING_MS);

  constructor(private readonly markerPattern: RegExp) {}

  private open(url: string, kind: OpenSocket['kind'], onFrame?: (raw: string, at: number) => void) {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url);
      let ready = false;
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`${kind} socket not ready within ${OPEN_TIMEOUT_MS} ms`));
      }, OPEN_TIMEOUT_MS);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', since: 0 })));
      ws.on('error', (err) => {
        clearTimeout(timer);
        if (!ready) reject(err);
      });
      ws.on('close', () => {
        if (ready) this.closedEarly++;
      });
      ws.on('message', (data) => {
        const at = performance.now();
        const raw = String(data);
        if (!ready && raw.includes('"type":"ready"')) {
          ready = true;
          clearTimeout(timer);
          this.sockets.push({ ws, kind });
          resolve();
          return;
        }
        if (!ready && raw.includes('"code":"unavailable"')) {
          setTimeout(() => ws.send(JSON.stringify({ type: 'hello', since: 0 })), 500);
          return;
        }
        onFrame?.(raw, at);
      });
    });
  }

  openInbox(base: string, token: string): Promise<void> {
    return this.open(`${base.replace(/^http/, 'ws')}/ws/inbox?token=${encodeURIComponent(token)}`, 'inbox');
  }

  openConversation(base: string, conversationId: string, token: string): Promise<void> {
    return this.open(socketUrl(base, conversationId, token), 'conversation', (raw, at) => {
      if (!raw.includes('"message.created"')) return;
      const m = this.markerPattern.exec(raw);
      if (!m) return;
      const list = this.arrivals.get(m[0]);
      if (list) list.push(at);
      else this.arrivals.set(m[0], [at]);
    });
  }

  count(kind: OpenSocket['kind']): number {
    return this.sockets.filter((s) => s.kind === kind && s.ws.readyState === WebSocket.OPEN).length;
  }

  close(): void {
    clearInterval(this.pinger);
    for (const s of this.sockets) s.ws.terminate();
  }
}
