// Tenant access Durable Object (one per tenant): answers "may this session act now, and as whom?" for every
// agent request and socket upgrade (from memory when warm, one Postgres read on a miss), and when a session
// ends or a user changes, updates that answer at once and closes the affected open sockets: the tenant
// inbox's and those of the conversation objects registered as holding them. It also answers whether the
// tenant itself is active (the platform operator may suspend it): a suspended tenant's sessions are refused
// and every socket of it (agents' and website visitors') closed the moment the operator's change is announced.
import { DurableObject } from 'cloudflare:workers';
import { SOCKET_CLOSE, type SocketCloseReason } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { conversationObjectName, inboxName } from '../../workers/services/conversation-names';
import { isDatabaseUnavailable, openDatabases } from '../../workers/services/db';
import { errorFields, log, setLogLevel } from '../../workers/services/log';
import { loadSessionAccess } from '../../workers/services/sessions';
import { wipeObject } from '../wipe-object';
import { AccessCache, CACHE_TTL_MS } from './access-cache';
import type { AccessVerdict, SocketMatch, TenantGateStatus, UserAccess } from './rpc';
import { SocketRegistry } from './socket-registry';
import { loadTenantStatus } from './tenant-status';

/** How many times a miss re-reads Postgres when changes keep arriving during the read. */
const LOAD_ATTEMPTS = 3;

export class TenantAccessDO extends DurableObject<Env> {
  private readonly cache = new AccessCache();
  private readonly registry: SocketRegistry;
  private readonly loading = new Map<string, Promise<AccessVerdict>>();
  /** The tenant's status as last read or announced, and when (re-read after CACHE_TTL_MS). */
  private tenant: { status: 'active' | 'suspended'; at: number } | null = null;
  /** The one status read in flight (callers of this object share it). */
  private statusRead: Promise<TenantGateStatus> | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
    this.registry = new SocketRegistry(ctx.storage.sql);
  }

  /** The per-request check: the session is open, its user is `userId` and active; with their current role. */
  async check(tenantId: string, sessionId: string, userId: string): Promise<AccessVerdict> {
    if ((await this.tenantStatus(tenantId)) === 'suspended') return { ok: false, suspended: true };
    const known = this.fromCache(sessionId, userId);
    if (known) return known;
    let pending = this.loading.get(sessionId);
    if (!pending) {
      pending = this.load(tenantId, sessionId, userId).finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, pending);
    }
    return pending;
  }

  private fromCache(sessionId: string, userId: string): AccessVerdict | null {
    const session = this.cache.sessions.get(sessionId);
    if (!session) return null;
    if (session.ended || session.userId !== userId) return { ok: false };
    const user = this.cache.users.get(userId);
    if (!user) return null;
    return user.active ? { ok: true, role: user.role, name: user.name } : { ok: false };
  }

  private async load(tenantId: string, sessionId: string, userId: string): Promise<AccessVerdict> {
    const dbs = openDatabases(this.env);
    try {
      for (let attempt = 1; ; attempt++) {
        const epoch = this.cache.epoch;
        const row = await loadSessionAccess(dbs.primary, tenantId, sessionId);
        if (epoch !== this.cache.epoch && attempt < LOAD_ATTEMPTS) {
          // A change was announced while we read: what we read may predate it. Prefer what it told us.
          const known = this.fromCache(sessionId, userId);
          if (known) return known;
          continue;
        }
        // A token names only sessions committed before it was signed, so an unknown one is simply refused.
        if (!row || row.userId !== userId) return { ok: false };
        this.cache.sessions.set(sessionId, { userId, ended: row.sessionEnded });
        this.cache.users.set(userId, { active: row.active, role: row.role, name: row.name });
        if (row.sessionEnded || !row.active) return { ok: false };
        return { ok: true, role: row.role, name: row.name };
      }
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      // Not cached: the verdict is not remembered, so the next request asks Postgres again.
      log('warn', 'session check without Postgres: the token is trusted until it expires', {
        tenantId,
        sessionId,
        ...errorFields(err),
      });
      return { ok: 'unverified' };
    } finally {
      this.ctx.waitUntil(dbs.close());
    }
  }

  /**
   * Whether the tenant is active, from memory when known (announced or read within CACHE_TTL_MS; past that the
   * known status still answers while one read refreshes it: suspensions are announced, the read is the
   * backstop, and a read per caller at each expiry piled up under load). Without Postgres and nothing known:
   * `unverified`, and callers let the request through (an outage must not look like a suspension).
   */
  async tenantStatus(tenantId: string): Promise<TenantGateStatus> {
    const known = this.tenant;
    if (known && Date.now() - known.at < CACHE_TTL_MS) return known.status;
    this.statusRead ??= this.readTenantStatus(tenantId).finally(() => {
      this.statusRead = null;
    });
    if (!known) return this.statusRead;
    this.ctx.waitUntil(this.statusRead.catch(() => {}));
    return known.status;
  }

  private async readTenantStatus(tenantId: string): Promise<TenantGateStatus> {
    const epoch = this.cache.epoch;
    const status = await loadTenantStatus(this.env, tenantId);
    if (status === 'unverified' || status === 'gone') return status;
    // An announcement that arrived during the read is newer than what was read.
    if (epoch === this.cache.epoch || !this.tenant) this.tenant = { status, at: Date.now() };
    return this.tenant.status;
  }

  /**
   * Announced after the operator's commit: the tenant was suspended or reactivated. Suspending closes every
   * open socket of the tenant (agents' and website visitors') with `tenant_suspended`.
   */
  async tenantStatusChanged(tenantId: string, status: 'active' | 'suspended'): Promise<void> {
    this.cache.epoch++;
    this.tenant = { status, at: Date.now() };
    if (status !== 'suspended') return;
    // Every socket: the agents' (inbox and conversations) and the website visitors' (registered too).
    await this.closeSockets(tenantId, { everyone: true }, SOCKET_CLOSE.tenantSuspended);
  }

  /** The tenant is being deleted: forget everything this object stored. */
  async wipeStorage(): Promise<void> {
    this.tenant = { status: 'suspended', at: Date.now() };
    await wipeObject(this.ctx);
  }

  /** Announced after a commit: these sessions ended (sign-out, revocation, a replayed refresh token). */
  async sessionsEnded(tenantId: string, userId: string, sessionIds: string[]): Promise<void> {
    for (const id of sessionIds) this.cache.sessionEnded(userId, id);
    await this.closeSockets(tenantId, { sessionIds }, SOCKET_CLOSE.sessionEnded);
  }

  /**
   * Announced after a commit: a user was (de)activated, renamed or given another role. `endedSessionIds`: the
   * sessions the same change revoked (deactivation), so reactivating later cannot revive them from the cache.
   */
  async userChanged(
    tenantId: string,
    userId: string,
    user: UserAccess,
    close: SocketCloseReason | null,
    endedSessionIds: string[],
  ): Promise<void> {
    for (const id of endedSessionIds) this.cache.sessionEnded(userId, id);
    this.cache.userChanged(userId, user);
    if (close) await this.closeSockets(tenantId, { userId }, close);
  }

  async socketOpened(
    tenantId: string,
    sessionId: string,
    userId: string,
    conversationId: string,
  ): Promise<void> {
    this.registry.opened(sessionId, userId, conversationId);
    // Opened past a suspension (the Worker's gate answered from its few seconds' memory): closed now.
    if (this.tenant?.status === 'suspended') {
      await this.closeSockets(tenantId, { everyone: true }, SOCKET_CLOSE.tenantSuspended);
      return;
    }
    // Registration races revocation: a socket upgraded just before its session ended may register after the
    // announcement went out. Then it is closed now instead of staying open.
    if (this.fromCache(sessionId, userId)?.ok === false) {
      await this.closeSockets(tenantId, { sessionIds: [sessionId] }, SOCKET_CLOSE.sessionEnded);
    }
  }

  async socketClosed(sessionId: string, conversationId: string): Promise<void> {
    this.registry.closed(sessionId, conversationId);
  }

  /** The inbox and every registered conversation object close the matching agent sockets. */
  private async closeSockets(tenantId: string, match: SocketMatch, close: SocketCloseReason): Promise<void> {
    const conversations = this.registry.take(match);
    const calls = [
      this.env.TENANT_INBOX.getByName(inboxName(tenantId)).endAgentSockets(match, close),
      ...conversations.map((id) =>
        this.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, id)).endAgentSockets(match, close),
      ),
    ];
    const results = await Promise.allSettled(calls);
    const failed = results.filter((r) => r.status === 'rejected');
    if (failed.length > 0) {
      log('warn', 'some sockets could not be closed', {
        tenantId,
        failed: failed.length,
        ...errorFields((failed[0] as PromiseRejectedResult).reason),
      });
    }
  }
}
