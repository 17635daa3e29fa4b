// Tenant inbox Durable Object (one per tenant): every agent's dashboard socket, presence, and the fan-out of
// conversation summaries that conversation objects publish whenever something the inbox shows changes.
// Dashboards resume with hello {since: version} like conversation sockets do with seq: no refetch by time.
// It is also the tenant's one router (README "Routing"): inbox-router.ts drains the queue on every trigger,
// requeue-timers.ts gives conversations back, routing-frame.ts shows loads and queues to dashboards.
import { DurableObject } from 'cloudflare:workers';
import type { InboxServerFrame, InboxSummary, SocketCloseReason } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { envelope } from '../../workers/errors';
import { openDatabases } from '../../workers/services/db';
import { loadInboxSummaries } from '../../workers/services/inbox-rebuild';
import { errorFields, log, setLogLevel } from '../../workers/services/log';
import { forgetServiceSetup } from '../../workers/services/service-setup-cache';
import { AlarmClock } from '../alarm-clock';
import { headerJson, send } from '../frames-io';
import { ObjectClock } from '../object-clock';
import { type SocketMatch, sessionTag } from '../tenant-access/rpc';
import { wipeObject } from '../wipe-object';
import { InboxPresence } from './inbox-presence';
import { InboxRouter } from './inbox-router';
import { InboxAgent, type InboxSession, parseFrame, sessionOf, silentSockets } from './inbox-session';
import { InboxStore, type PutResult } from './inbox-store';
import { RequeueTimers } from './requeue-timers';
import { ROUTING_FRAME_EVERY_MS, routingLoad } from './routing-frame';
import { RoutingIndex } from './routing-index';
import type { PublishedSummary } from './rpc';

export class TenantInboxDO extends DurableObject<Env> {
  private readonly store: InboxStore;
  private readonly presence: InboxPresence;
  private readonly index: RoutingIndex;
  private readonly time: ObjectClock;
  private readonly alarms: AlarmClock;
  private readonly router: InboxRouter;
  private readonly timers: RequeueTimers;
  private building: Promise<void> | null = null;
  private frameTimer: ReturnType<typeof setTimeout> | null = null;
  private timersPending = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
    this.store = new InboxStore(ctx.storage.sql);
    this.presence = new InboxPresence(ctx.storage.sql);
    this.index = new RoutingIndex(ctx.storage.sql);
    this.time = new ObjectClock(this.store.meta, env.FIO_TEST_CLOCK === '1');
    this.alarms = new AlarmClock(ctx.storage);
    const host = {
      ctx,
      env,
      store: this.store,
      index: this.index,
      presence: this.presence,
      tenantId: () => this.store.meta.get('tenant'),
      ensureBuilt: () => this.ensureBuilt(),
      accept: (item: PublishedSummary) => this.accept(item),
      wakeAt: (wallMs: number) => this.alarms.ensureBy(wallMs),
    };
    this.router = new InboxRouter(host);
    this.timers = new RequeueTimers(host, this.router, this.time);
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
   * RPC from the admin routes (routing-changed.ts): teams' routing, capacities, memberships or hours changed.
   * The setup is read again, the queue drained with it, the requeue deadlines and the supervisors' view redone.
   */
  async routingChanged(tenantId?: string): Promise<void> {
    if (tenantId && !this.store.meta.get('tenant')) this.store.meta.set('tenant', tenantId);
    // The objects' isolate keeps its own copy of the setup (conversations' SLA and after-care read it there).
    if (tenantId) forgetServiceSetup(tenantId);
    this.router.forgetSetup();
    this.router.trigger();
    this.scheduleTimers();
    this.routingMoved();
  }

  /** Tests only (FIO_TEST_CLOCK): the inbox's timers read `at` as now; due requeues run, then the drain. */
  async setClockForTests(at: string): Promise<void> {
    this.time.setForTests(new Date(at));
    await this.alarm();
    await this.router.idle;
  }

  /** Tests only: dashboards silent for `seconds` are closed (instead of INBOX_SILENCE_SECONDS). */
  async setSilenceForTests(seconds: number): Promise<void> {
    if (this.env.FIO_TEST_CLOCK !== '1') throw new Error('only under tests');
    this.store.meta.set('test_silence_ms', String(seconds * 1000));
    this.checkSilence();
  }

  /** Resolves when the running drain (if any) has settled: for tests and the benchmark. */
  async routingSettled(): Promise<void> {
    await this.router.idle;
  }

  private accept({ summary, rev }: PublishedSummary): void {
    const now = this.time.nowMs();
    const put = this.store.put(summary, rev, now, now - Date.now());
    if (put === null) return;
    this.broadcast({ type: 'summary', version: put.version, summary });
    this.router.seen(summary.conversationId);
    this.routeAfter(put);
  }

  /** What a stored summary means for routing: a drain, new requeue deadlines, a new supervisors' view. */
  private routeAfter({ prev, row }: PutResult): void {
    const queuedNow =
      row.status === 'queued' &&
      (prev?.status !== 'queued' || prev.team_id !== row.team_id || prev.priority !== row.priority);
    const freed =
      prev?.status === 'assigned' && (row.status !== 'assigned' || row.assignee_id !== prev.assignee_id);
    if (queuedNow || freed) this.router.trigger();
    if (row.unanswered_ms !== (prev?.unanswered_ms ?? null)) this.scheduleTimers();
    if (prev?.status !== row.status || prev?.assignee_id !== row.assignee_id || prev?.team_id !== row.team_id)
      this.routingMoved();
  }

  /** Recomputes the requeue deadlines soon (once for a burst of changes). */
  private scheduleTimers(): void {
    if (this.timersPending) return;
    this.timersPending = true;
    this.ctx.waitUntil(
      (async () => {
        await Promise.resolve();
        this.timersPending = false;
        await this.timers.run();
      })().catch((err) => log('warn', 'requeue deadlines not computed', errorFields(err))),
    );
  }

  /** A load, a queue or a presence changed: one routing frame within 250 ms, whatever the burst. */
  private routingMoved(): void {
    if (this.frameTimer) return;
    this.frameTimer = setTimeout(() => {
      this.frameTimer = null;
      const setup = this.router.knownSetup();
      if (setup) this.broadcast({ type: 'routing', routing: routingLoad(setup, this.presence, this.index) });
    }, ROUTING_FRAME_EVERY_MS);
  }

  /** After `ready`: this dashboard's first routing frame (the setup read first if it never was). */
  private async sendRouting(ws: WebSocket): Promise<void> {
    try {
      const setup = await this.router.currentSetup();
      if (setup && sessionOf(ws)?.live)
        send(ws, { type: 'routing', routing: routingLoad(setup, this.presence, this.index) });
    } catch (err) {
      log('warn', 'routing view not sent', errorFields(err));
    }
  }

  override async alarm(): Promise<void> {
    this.alarms.fired();
    this.checkSilence();
    await this.timers.run();
    this.router.trigger();
  }

  private silenceMs(): number {
    const test = this.store.meta.get('test_silence_ms');
    if (test !== null && this.env.FIO_TEST_CLOCK === '1') return Number(test);
    const seconds = Number(this.env.INBOX_SILENCE_SECONDS ?? 90);
    return (Number.isFinite(seconds) && seconds > 0 ? seconds : 90) * 1000;
  }

  /**
   * Presence timeout: a dashboard that sent nothing (not even a ping) for the limit is closed, and its agent
   * goes offline when it was their last one. Wall time: this is about the network, not business timing.
   */
  private checkSilence(): void {
    const { silent, next } = silentSockets(this.ctx, this.silenceMs(), Date.now());
    for (const ws of silent) {
      try {
        ws.close(1001, 'silent too long');
      } catch {
        // already closing
      }
      this.left(ws);
    }
    if (next !== null) this.alarms.ensureBy(next);
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
    const wasOffline =
      this.ctx.getWebSockets(agent.data.id).filter((s) => s.readyState === WebSocket.OPEN).length === 0;
    this.ctx.acceptWebSocket(server, [agent.data.id, sessionTag(agent.data.sid)]);
    server.serializeAttachment({
      agent: agent.data,
      conn: crypto.randomUUID(),
      live: false,
      heard: Date.now(),
    } satisfies InboxSession);
    if (wasOffline) this.setPresence(agent.data.id, agent.data.name, 'online');
    this.alarms.ensureBy(Date.now() + this.silenceMs());
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const session = sessionOf(ws);
    if (!session) {
      ws.close(1011, 'session lost');
      return;
    }
    ws.serializeAttachment({ ...session, heard: Date.now() } satisfies InboxSession);
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
    ws.serializeAttachment({ ...session, live: true, heard: Date.now() } satisfies InboxSession);
    send(ws, { type: 'ready', version: this.store.version, presence: this.presence.all() });
    // A dashboard connecting may be an agent able to take work: drain, and show it the loads.
    this.router.trigger();
    this.ctx.waitUntil(this.sendRouting(ws));
  }

  private async ensureBuilt(): Promise<void> {
    if (this.store.built) return;
    const tenantId = this.store.meta.get('tenant');
    if (!tenantId) return;
    this.building ??= (async () => {
      const dbs = openDatabases(this.env);
      try {
        const summaries = await loadInboxSummaries(dbs.primary, tenantId);
        const now = this.time.nowMs();
        for (const s of summaries) this.store.put(s, 0, now, now - Date.now());
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
    // `since` in object time: the offline requeue limit is measured from it (README "Routing").
    const changed = this.presence.set(userId, name, status, this.time.now());
    if (!changed) return;
    this.broadcast({ type: 'presence', presence: changed });
    if (status === 'online') this.router.trigger();
    if (status === 'offline') this.scheduleTimers();
    this.routingMoved();
  }

  private broadcast(frame: InboxServerFrame): void {
    const text = JSON.stringify(frame);
    for (const ws of this.ctx.getWebSockets()) if (sessionOf(ws)?.live) send(ws, text);
  }

  /** The tenant is being deleted: close every socket, forget everything stored. */
  async wipeStorage(): Promise<void> {
    await wipeObject(this.ctx);
  }

  /** RPC from the tenant access object: close these agents' dashboards (session ended, role changed). */
  async endAgentSockets(match: SocketMatch, close: SocketCloseReason): Promise<number> {
    const tags =
      'everyone' in match
        ? [undefined]
        : 'userId' in match
          ? [match.userId]
          : match.sessionIds.map(sessionTag);
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
