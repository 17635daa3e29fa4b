// Tenant inbox Durable Object (one per tenant): every agent's dashboard socket, presence, and the fan-out of
// conversation summaries that conversation objects publish whenever something the inbox shows changes.
// Dashboards resume with hello {since: version} like conversation sockets do with seq: no refetch by time.
import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import {
  CLIENT_FRAME_MAX_BYTES,
  InboxClientFrame,
  type InboxServerFrame,
  type InboxSummary,
  Role,
  type SocketCloseReason,
  Uuid,
} from '../../workers/contract';
import type { Env } from '../../workers/env';
import { envelope } from '../../workers/errors';
import { parseJsonText } from '../../workers/json-text';
import { openDatabases } from '../../workers/services/db';
import { loadInboxSummaries } from '../../workers/services/inbox-rebuild';
import { errorFields, log, setLogLevel } from '../../workers/services/log';
import { exceedsUtf8Bytes } from '../../workers/utf8';
import { headerJson, send } from '../frames-io';
import { type SocketMatch, sessionTag } from '../tenant-access/rpc';
import { InboxPresence } from './inbox-presence';
import { InboxStore } from './inbox-store';
import type { PublishedSummary } from './rpc';

/** `sid`: the session of the token it connected with; ending that session closes the socket. */
const InboxAgent = z.object({ id: Uuid, name: z.string(), role: Role, sid: Uuid });
/** `conn` tells this socket from the agent's other tabs (socket objects are not stable across hibernation). */
const InboxSession = z.object({ agent: InboxAgent, conn: z.string(), live: z.boolean() });
type InboxSession = z.infer<typeof InboxSession>;

export class TenantInboxDO extends DurableObject<Env> {
  private readonly store: InboxStore;
  private readonly presence: InboxPresence;
  private building: Promise<void> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
    this.store = new InboxStore(ctx.storage.sql);
    this.presence = new InboxPresence(ctx.storage.sql);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('{"type":"ping"}', '{"type":"pong"}'));
  }

  /** RPC from conversation objects: a conversation's summary changed (revisions keep late pushes out). */
  async publish(summary: InboxSummary, rev: number): Promise<void> {
    this.accept({ summary, rev });
  }

  /** RPC from archiver objects: the summaries that rode one archive statement, many conversations at once. */
  async publishMany(items: PublishedSummary[]): Promise<void> {
    for (const item of items) this.accept(item);
  }

  /** RPC from recordHealthChange: a number's health changed; every live dashboard hears it (see the frame). */
  async channelHealth(channelId: string, health: 'healthy' | 'unhealthy'): Promise<void> {
    this.broadcast({ type: 'channel.health', channelId, health });
  }

  /**
   * RPC from the admin routes: teams' routing, capacities, memberships or hours changed (routing reads its
   * setup again and drains the queue). Issue 13 builds the assignment behind it.
   */
  async routingChanged(): Promise<void> {}

  private accept({ summary, rev }: PublishedSummary): void {
    const version = this.store.put(summary, rev);
    if (version !== null) this.broadcast({ type: 'summary', version, summary });
  }

  override async fetch(request: Request): Promise<Response> {
    const requestId = request.headers.get('x-request-id') ?? crypto.randomUUID();
    const tenantId = request.headers.get('x-fio-tenant') ?? '';
    const agent = InboxAgent.safeParse(headerJson(request.headers.get('x-fio-agent')));
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || !agent.success || !tenantId) {
      return Response.json(envelope('bad_request', 'Expected a WebSocket upgrade', requestId), {
        status: 400,
      });
    }
    const known = this.store.meta.get('tenant');
    if (known && known !== tenantId) {
      return Response.json(envelope('not_found', 'Inbox not found', requestId), { status: 404 });
    }
    if (!known) this.store.meta.set('tenant', tenantId);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    const wasOffline = this.ctx.getWebSockets(agent.data.id).length === 0;
    this.ctx.acceptWebSocket(server, [agent.data.id, sessionTag(agent.data.sid)]);
    server.serializeAttachment({
      agent: agent.data,
      conn: crypto.randomUUID(),
      live: false,
    } satisfies InboxSession);
    if (wasOffline) this.setPresence(agent.data.id, agent.data.name, 'online');
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const session = sessionOf(ws);
    if (!session) {
      ws.close(1011, 'session lost');
      return;
    }
    const frame = parseFrame(message);
    if (!frame.ok) {
      send(ws, { type: 'error', code: frame.code, message: frame.message });
      return;
    }
    switch (frame.frame.type) {
      case 'hello':
        return this.hello(ws, session, frame.frame.since);
      case 'presence.set':
        return this.setPresence(session.agent.id, session.agent.name, frame.frame.status);
      case 'ping':
        return send(ws, { type: 'pong' });
    }
  }

  /** Replays what changed after `since` (everything, after a reset, if `since` is not from this inbox). */
  private async hello(ws: WebSocket, session: InboxSession, since: number): Promise<void> {
    ws.serializeAttachment({ ...session, live: false } satisfies InboxSession);
    try {
      await this.ensureBuilt();
    } catch (err) {
      log('warn', 'inbox rebuild from Postgres failed', errorFields(err));
      send(ws, {
        type: 'error',
        code: 'unavailable',
        message: 'The inbox is loading; send hello again shortly',
      });
      return;
    }
    let from = since;
    if (since > this.store.version) {
      send(ws, { type: 'reset' });
      from = 0;
    }
    // Synchronous from here to `live`: no summary published meanwhile can be missed or sent twice.
    for (const { version, summary } of this.store.after(from))
      send(ws, { type: 'summary', version, summary });
    ws.serializeAttachment({ ...session, live: true } satisfies InboxSession);
    send(ws, { type: 'ready', version: this.store.version, presence: this.presence.all() });
  }

  private async ensureBuilt(): Promise<void> {
    if (this.store.built) return;
    const tenantId = this.store.meta.get('tenant');
    if (!tenantId) return;
    this.building ??= (async () => {
      const dbs = openDatabases(this.env);
      try {
        const summaries = await loadInboxSummaries(dbs.primary, tenantId);
        for (const s of summaries) this.store.put(s, 0);
        this.store.markBuilt();
      } finally {
        this.ctx.waitUntil(dbs.close());
      }
    })().finally(() => {
      this.building = null;
    });
    await this.building;
  }

  private setPresence(userId: string, name: string, status: 'online' | 'away' | 'offline') {
    const changed = this.presence.set(userId, name, status);
    if (changed) this.broadcast({ type: 'presence', presence: changed });
  }

  private broadcast(frame: InboxServerFrame): void {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) if (sessionOf(ws)?.live) send(ws, text);
  }

  /** RPC from the tenant access object: close these agents' dashboards (session ended, role changed). */
  async endAgentSockets(match: SocketMatch, close: SocketCloseReason): Promise<number> {
    const tags = 'userId' in match ? [match.userId] : match.sessionIds.map(sessionTag);
    let closed = 0;
    for (const tag of tags) {
      for (const ws of this.ctx.getWebSockets(tag)) {
        try {
          ws.close(close.code, close.reason);
          closed++;
        } catch {
          // already closing
        }
        this.left(ws);
      }
    }
    return closed;
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.left(ws);
    try {
      ws.close(code === 1005 ? 1000 : code, reason);
    } catch {
      // already closed
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.left(ws);
  }

  /** An agent whose last dashboard went away is offline. */
  private left(ws: WebSocket): void {
    const session = sessionOf(ws);
    if (!session) return;
    const others = this.ctx
      .getWebSockets(session.agent.id)
      .filter((s) => s.readyState === WebSocket.OPEN && sessionOf(s)?.conn !== session.conn);
    if (others.length === 0) this.setPresence(session.agent.id, session.agent.name, 'offline');
  }
}

function sessionOf(ws: WebSocket): InboxSession | null {
  const parsed = InboxSession.safeParse(ws.deserializeAttachment());
  return parsed.success ? parsed.data : null;
}

type ParsedInboxFrame =
  | { ok: true; frame: InboxClientFrame }
  | {
      ok: false;
      code: 'bad_request' | 'frame_too_large' | 'invalid_json' | 'validation_failed';
      message: string;
    };

function parseFrame(message: string | ArrayBuffer): ParsedInboxFrame {
  if (typeof message !== 'string')
    return { ok: false, code: 'bad_request', message: 'Send JSON text frames' };
  if (exceedsUtf8Bytes(message, CLIENT_FRAME_MAX_BYTES))
    return {
      ok: false,
      code: 'frame_too_large',
      message: `Frames are limited to ${CLIENT_FRAME_MAX_BYTES} bytes`,
    };
  const json = parseJsonText(message, 'Frame');
  if (!json.ok) return { ok: false, code: 'invalid_json', message: json.message };
  const parsed = InboxClientFrame.safeParse(json.value);
  if (!parsed.success)
    return { ok: false, code: 'validation_failed', message: 'Unknown or invalid inbox frame' };
  return { ok: true, frame: parsed.data };
}
