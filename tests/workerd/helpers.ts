// Helpers for tests inside workerd: call the Worker through exports.default, log in, open widget sessions
// and drive conversation sockets frame by frame.
import { exports } from 'cloudflare:workers';
import type { InboxServerFrame, ServerFrame } from '../../workers/contract';

export const BASE = 'http://fio.test';

export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

export function postJson(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function login(email: string, password: string): Promise<{ token: string; tenantId: string }> {
  const res = await postJson('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { accessToken: string; user: { tenantId: string } };
  return { token: body.accessToken, tenantId: body.user.tenantId };
}

export interface WidgetSession {
  token: string;
  conversationId: string;
  visitorId: string;
  visitorKey: string;
  protocol: string;
  verified: boolean;
}

export async function widgetSession(
  tenant: string,
  extra: Record<string, unknown> = {},
): Promise<WidgetSession> {
  const res = await postJson('/api/widget/sessions', { tenant, ...extra });
  if (res.status !== 201) throw new Error(`widget session failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as WidgetSession;
}

/** A conversation socket with a queue of received frames and a way to wait for the next matching one. */
export class TestSocket<F extends { type: string } = ServerFrame> {
  readonly frames: F[] = [];
  private waiters: { pred: (f: F) => boolean; resolve: (f: F) => void }[] = [];
  private seen = 0;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (e) => {
      const frame = JSON.parse(String(e.data)) as F;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first frame after the last one consumed that matches (or rejects after `ms`). */
  next<T extends F['type']>(type: T, ms = 5_000): Promise<Extract<F, { type: T }>> {
    const pred = (f: F) => f.type === type;
    const idx = this.frames.slice(this.seen).findIndex(pred);
    if (idx >= 0) {
      const frame = this.frames[this.seen + idx] as Extract<F, { type: T }>;
      this.seen += idx + 1;
      return Promise.resolve(frame);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${ms} ms`)), ms);
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          this.seen = this.frames.length;
          resolve(f as Extract<F, { type: T }>);
        },
      });
    });
  }

  events(): Extract<ServerFrame, { type: 'event' }>[] {
    return (this.frames as { type: string }[]).filter(
      (f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event',
    );
  }

  close(): void {
    this.ws.close(1000, 'test done');
  }
}

export async function openSocket(conversationId: string, token: string): Promise<TestSocket> {
  const res = await call(`/ws/conversations/${conversationId}?token=${encodeURIComponent(token)}`, {
    headers: { upgrade: 'websocket' },
  });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`upgrade failed: ${res.status} ${await res.text()}`);
  ws.accept();
  return new TestSocket(ws);
}

/** The tenant's inbox socket (agents' dashboards). */
export async function openInbox(token: string): Promise<TestSocket<InboxServerFrame>> {
  const res = await call(`/ws/inbox?token=${encodeURIComponent(token)}`, {
    headers: { upgrade: 'websocket' },
  });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`inbox upgrade failed: ${res.status} ${await res.text()}`);
  ws.accept();
  return new TestSocket<InboxServerFrame>(ws);
}

/** An authenticated JSON call: the status and the parsed body (null for an empty one). */
export async function api<T = unknown>(
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await call(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The error code of an error envelope. */
export function errorCode(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | null)?.error?.code;
}

/** Polls `probe` until it returns a value (not null/undefined), or fails naming `what` after `ms`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | null | undefined>,
  ms = 15_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
