// The agents' side: each signed in like the agent app (POST /api/auth/login), with its dashboard socket
// open on /ws/inbox (connecting makes the agent online; hello makes the socket live) and its ticket actions
// sent through REST. Each dashboard keeps the open conversations assigned to its agent from the summary
// frames it receives and can wait (bounded) for the first frame matching a predicate, timed on arrival.
// One dashboard (the supervisor's) keeps every summary: the queue's order for the floor's manual take.
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { InboxServerFrame, InboxSummary } from '../../../workers/contract';
import { postJson } from '../http';
import { AGENT_PASSWORD, type BenchAgent } from './seed';

export interface Arrival {
  /** performance.now() when the frame arrived (before parsing). */
  at: number;
  version: number;
  summary: InboxSummary;
}

const PING_MS = 20_000;

interface Waiter {
  match: (s: InboxSummary) => boolean;
  resolve: (a: Arrival | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class Dashboard {
  version = 0;
  /** Open conversations assigned to this dashboard's agent. */
  readonly assigned = new Set<string>();
  /** Every summary (kept only by the dashboard opened with keepAll). */
  readonly all = new Map<string, InboxSummary>();
  frames = 0;
  private waiters: Waiter[] = [];
  /** A ping now and then, as the agent app sends: the inbox closes dashboards silent too long. */
  private readonly pinger: ReturnType<typeof setInterval>;
  private constructor(
    readonly agent: BenchAgent,
    private readonly ws: WebSocket,
    private readonly keepAll: boolean,
  ) {
    this.pinger = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send('{"type":"ping"}');
    }, PING_MS);
  }

  /** Opens the socket and says hello {since}; resolves at `ready` (every summary after `since` received). */
  static open(
    base: string,
    agent: BenchAgent,
    token: string,
    since: number,
    keepAll: boolean,
    timeoutMs: number,
  ): Promise<Dashboard> {
    const url = `${base.replace(/^http/, 'ws')}/ws/inbox?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    const d = new Dashboard(agent, ws, keepAll);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`${agent.email}: dashboard not ready within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', since })));
      ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      ws.on('message', (data) => {
        const at = performance.now();
        const frame = JSON.parse(String(data)) as InboxServerFrame;
        if (frame.type === 'ready') {
          d.version = frame.version;
          clearTimeout(timer);
          resolve(d);
        } else if (frame.type === 'error' && frame.code === 'unavailable') {
          // The inbox is still rebuilding from Postgres: ask again.
          setTimeout(() => ws.send(JSON.stringify({ type: 'hello', since })), 500);
        } else if (frame.type === 'summary') d.see(frame.version, frame.summary, at);
      });
    });
  }

  /** A dashboard that skipped the replay (hello since the supervisor's version) starts from its summaries. */
  adopt(summaries: Iterable<InboxSummary>): void {
    for (const s of summaries) this.track(s);
  }

  private track(s: InboxSummary): void {
    if (s.assigneeId === this.agent.id && s.status !== 'closed') this.assigned.add(s.conversationId);
    else this.assigned.delete(s.conversationId);
    if (this.keepAll) this.all.set(s.conversationId, s);
  }

  private see(version: number, summary: InboxSummary, at: number): void {
    this.frames++;
    this.version = Math.max(this.version, version);
    this.track(summary);
    if (this.waiters.length === 0) return;
    const arrival = { at, version, summary };
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(summary)) return true;
      clearTimeout(w.timer);
      w.resolve(arrival);
      return false;
    });
  }

  /** The first summary frame from now on that matches; null after `timeoutMs`. */
  waitFor(match: (s: InboxSummary) => boolean, timeoutMs: number): Promise<Arrival | null> {
    return new Promise((resolve) => {
      const w: Waiter = {
        match,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((x) => x !== w);
          resolve(null);
        }, timeoutMs),
      };
      this.waiters.push(w);
    });
  }

  /** The team's queue as this (keepAll) dashboard knows it: longest waiting first (equal priorities). */
  queue(teamId: string): InboxSummary[] {
    const waited = (s: InboxSummary) => Date.parse(s.queuedAt ?? s.waitingSince ?? s.updatedAt);
    return [...this.all.values()]
      .filter((s) => s.status === 'queued' && s.teamId === teamId && s.assigneeId === null)
      .sort((a, b) => b.priority - a.priority || waited(a) - waited(b));
  }

  close(): void {
    clearInterval(this.pinger);
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(null);
    }
    this.waiters = [];
    this.ws.terminate();
  }
}

/** An agent's REST side: a ticket action, timed to the response's end. */
export interface Desk {
  agent: BenchAgent;
  token: string;
  act(conversationId: string, body: unknown): Promise<{ status: number; at: number; body: string }>;
  /** GET /api/conversations/:id/summary: wakes the conversation object, which loads its card (status). */
  summary(conversationId: string): Promise<number>;
}

export async function signIn(base: string, agent: BenchAgent): Promise<Desk> {
  const { accessToken } = await postJson<{ accessToken: string }>(
    `${base}/api/auth/login`,
    { email: agent.email, password: AGENT_PASSWORD },
    200,
  );
  return {
    agent,
    token: accessToken,
    async act(conversationId, body) {
      const res = await fetch(`${base}/api/conversations/${conversationId}/ticket`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      return { status: res.status, at: performance.now(), body: text };
    },
    async summary(conversationId) {
      const res = await fetch(`${base}/api/conversations/${conversationId}/summary`, {
        headers: { authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      return res.status;
    },
  };
}
