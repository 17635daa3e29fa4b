// The tenant inbox's automatic assignment: the drain that hands queued conversations to online agents with
// free capacity (routing-plan.ts decides who gets what; the conversation object records it, one winner per
// race). Single flight: a trigger while a drain runs only marks it dirty, and the drain plans again once its
// assignments are settled, so concurrent triggers never plan twice against the same loads. An assignment in
// flight reserves its conversation and a unit of its agent's capacity until the conversation answers.

import type { Env } from '../../workers/env';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { openDatabases, withTimeout } from '../../workers/services/db';
import { errorFields, log } from '../../workers/services/log';
import { capacityOf, loadServiceSetup, type ServiceSetup } from '../../workers/services/service-setup';
import type { InboxPresence } from './inbox-presence';
import type { InboxStore } from './inbox-store';
import type { RoutingIndex } from './routing-index';
import {
  type PlanAgent,
  type PlannedAssignment,
  type PlanTeam,
  planAssignments,
  type QueuedConversation,
} from './routing-plan';
import type { PublishedSummary } from './rpc';

/** A setup older than this is used once more while a fresh one is read (admin writes reload it at once). */
const SETUP_FRESH_MS = 60_000;
const POSTGRES_DEADLINE_MS = 3_000;
/** A drain that failed (Postgres down, a conversation object unreachable) is tried again this much later. */
const RETRY_MS = 5_000;

export interface RouterHost {
  ctx: DurableObjectState;
  env: Env;
  store: InboxStore;
  index: RoutingIndex;
  presence: InboxPresence;
  tenantId(): string | null;
  ensureBuilt(): Promise<void>;
  /** Puts a summary a conversation object returned into the store (and to every dashboard) right away. */
  accept(item: PublishedSummary): void;
  /** Wake the object again at this wall-clock time (epoch ms). */
  wakeAt(wallMs: number): void;
}

export class InboxRouter {
  private setup: ServiceSetup | null = null;
  private setupAt = 0;
  /** Bumped by routingChanged: a setup read before the bump is stale whatever its age. */
  private wanted = 0;
  private loadedGen = -1;
  private loading: Promise<ServiceSetup> | null = null;
  private running = false;
  private dirty = false;
  /** Conversation id → agent id, while its assignment is in flight. */
  private readonly reserved = new Map<string, string>();
  /** Conversations their object would not route (gone): skipped until a new summary of theirs arrives. */
  private readonly unroutable = new Set<string>();
  /** The running drain (tests and the benchmark may await it). */
  idle: Promise<void> = Promise.resolve();

  constructor(private readonly host: RouterHost) {}

  /** Teams, capacities or members changed: the next read of the setup goes to Postgres. */
  forgetSetup(): void {
    this.wanted += 1;
  }

  /** A new summary of this conversation arrived: it may be routable again. */
  seen(conversationId: string): void {
    this.unroutable.delete(conversationId);
  }

  /** The setup routing works with: fresh after an admin change, at most a minute old otherwise. */
  async currentSetup(): Promise<ServiceSetup | null> {
    const tenantId = this.host.tenantId();
    if (!tenantId) return null;
    const current = this.loadedGen === this.wanted;
    if (this.setup && current && Date.now() - this.setupAt < SETUP_FRESH_MS) return this.setup;
    if (this.setup && current) {
      // Stale by age only: route with it now, read it again meanwhile and drain once more with the new one.
      void this.reload(tenantId).then(
        () => this.trigger(),
        (err) => log('warn', 'routing setup reload failed', errorFields(err)),
      );
      return this.setup;
    }
    return this.reload(tenantId);
  }

  /** The setup as last read, without a read (null: never read). */
  knownSetup(): ServiceSetup | null {
    return this.setup;
  }

  private reload(tenantId: string): Promise<ServiceSetup> {
    if (this.loading) return this.loading;
    const gen = this.wanted;
    this.loading = (async () => {
      const dbs = openDatabases(this.host.env);
      try {
        const setup = await withTimeout(
          loadServiceSetup(dbs.primary, tenantId),
          POSTGRES_DEADLINE_MS,
          'service setup',
        );
        this.setup = setup;
        this.setupAt = Date.now();
        this.loadedGen = gen;
        return setup;
      } finally {
        this.host.ctx.waitUntil(dbs.close());
      }
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Something freed capacity or queued a conversation: drain (now, or again after the running drain). */
  trigger(): void {
    this.dirty = true;
    if (this.running) return;
    this.running = true;
    this.idle = this.loop();
    this.host.ctx.waitUntil(this.idle);
  }

  private async loop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await this.drainOnce();
      }
    } catch (err) {
      log('warn', 'routing drain failed; trying again shortly', errorFields(err));
      this.host.wakeAt(Date.now() + RETRY_MS);
    } finally {
      // Synchronously after the last look at `dirty`: a trigger from here on starts a new loop.
      this.running = false;
    }
  }

  private async drainOnce(): Promise<void> {
    await this.host.ensureBuilt();
    const tenantId = this.host.tenantId();
    const setup = await this.currentSetup();
    if (!tenantId || !setup) return;
    const routed = setup.teams.filter((t) => t.mode !== 'manual' && t.memberIds.length > 0);
    if (routed.length === 0) return;
    const online = new Set(
      this.host.presence
        .all()
        .filter((p) => p.status === 'online')
        .map((p) => p.userId),
    );
    const inFlight = new Map<string, number>();
    for (const agentId of this.reserved.values()) inFlight.set(agentId, (inFlight.get(agentId) ?? 0) + 1);
    const agents: PlanAgent[] = setup.agents
      .filter((a) => online.has(a.id))
      .map((a) => ({
        id: a.id,
        name: a.name,
        capacity: capacityOf(setup, a.id),
        load: this.host.index.loadOf(a.id) + (inFlight.get(a.id) ?? 0),
        lastAssignedMs: Number(this.host.store.meta.get(`routing_last:${a.id}`) ?? 0),
      }));
    const byId = new Map(agents.map((a) => [a.id, a]));
    const nameOf = new Map(setup.agents.map((a) => [a.id, a.name]));
    const teams: PlanTeam[] = routed.map((t) => ({
      id: t.id,
      mode: t.mode,
      memberIds: [...t.memberIds].sort(
        (a, b) => (nameOf.get(a) ?? '').localeCompare(nameOf.get(b) ?? '') || a.localeCompare(b),
      ),
      lastAgentId: this.host.store.meta.get(`routing_turn:${t.id}`),
    }));
    const skip = this.reserved.size + this.unroutable.size;
    const queue: QueuedConversation[] = [];
    for (const t of teams) {
      const free = t.memberIds.reduce((n, id) => {
        const a = byId.get(id);
        return a ? n + Math.max(0, a.capacity - a.load) : n;
      }, 0);
      if (free === 0) continue;
      for (const q of this.host.index.queued(t.id, free + skip))
        if (!this.reserved.has(q.conversationId) && !this.unroutable.has(q.conversationId)) queue.push(q);
    }
    const plan = planAssignments({ teams, agents, queue });
    for (const p of plan) this.reserved.set(p.conversationId, p.agentId);
    await Promise.all(plan.map((p) => this.assign(tenantId, p)));
  }

  /** One assignment through the conversation object; its answer goes into the store before the reservation ends. */
  private async assign(tenantId: string, p: PlannedAssignment): Promise<void> {
    try {
      const ref = { tenantId, conversationId: p.conversationId };
      const stub = this.host.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, p.conversationId));
      const result = p.protocol
        ? await stub.autoAssign(ref, p.protocol, { id: p.agentId, name: p.agentName })
        : null;
      if (!result) {
        this.unroutable.add(p.conversationId);
        return;
      }
      this.host.accept({ summary: result.summary, rev: result.rev });
      if (result.changed) {
        this.host.store.meta.set(`routing_last:${p.agentId}`, String(Date.now()));
        this.host.store.meta.set(`routing_turn:${p.teamId}`, p.agentId);
      } else {
        // Someone took it first: the capacity it would have used is free, plan again with the corrected row.
        this.dirty = true;
      }
    } catch (err) {
      log('warn', 'automatic assignment failed', { conversationId: p.conversationId, ...errorFields(err) });
      this.host.wakeAt(Date.now() + RETRY_MS);
    } finally {
      this.reserved.delete(p.conversationId);
    }
  }
}
