// One Durable Object per campaign (named by `campaignObjectName`): the campaign's clock. It decides when
// recipients may be released to the fan-out queue (schedule, quiet hours in the tenant's zone, the channel's
// daily tier of unique recipients, the number's throughput, template quality and number health) and carries
// start, pause, resume and cancel. Postgres holds every recipient's state; this object holds only who it is,
// its test clock and when the next window opens, so an eviction or deploy loses nothing: the alarm wakes a
// fresh instance that reads the campaign again.
import { DurableObject } from 'cloudflare:workers';
import { type CampaignStatus, TIER_LIMITS } from '../../workers/contract';
import type { Env } from '../../workers/env';
import {
  campaignObjectName,
  conversationObjectName,
  numberLimiterName,
} from '../../workers/services/conversation-names';
import { inTenant, openDatabases, type Tx } from '../../workers/services/db';
import { errorFields, log, setLogLevel } from '../../workers/services/log';
import { tenantActive } from '../../workers/services/tenant-gate';
import { MetaTable } from '../meta-table';
import { ObjectClock } from '../object-clock';
import { wipeObject } from '../wipe-object';
import {
  DAY_MS,
  loadCampaign,
  pendingCounts,
  qualityRed,
  type RunnerCampaign,
  release,
  setStatus,
  skipQueued,
  staleSending,
  tierUsage,
  unfolded,
} from './campaign-db';
import { quietUntil } from './quiet-hours';
import { recoveryMs } from './recovery';
import type { CampaignControl, CampaignControlResult, CampaignProgress } from './rpc';

/** One release per tick; a tick releases what the number sends in it, a little under its rate. */
const TICK_MS = 1_000;
const PACE = 0.9;
/** While released recipients are still being sent (nothing left to release), how often to check. */
const SETTLE_MS = 2_000;
/**
 * A released recipient whose fan-out message never arrived (lost with a local queue on restart) is released
 * again after this (CAMPAIGN_RECOVERY_MS overrides it; tests shorten it).
 */
export const STALE_SENDING_MS = 30_000;
/** While the tenant is suspended, how often the loop asks whether it was reactivated. */
const SUSPENDED_RECHECK_MS = 60_000;
/** Postgres or the queue failed: try again after this. */
const ERROR_RETRY_MS = 5_000;

const FROM: Record<CampaignControl['action'], readonly CampaignStatus[]> = {
  start: ['draft'],
  pause: ['scheduled', 'running'],
  resume: ['paused'],
  cancel: ['draft', 'scheduled', 'running', 'paused'],
};

export class CampaignDO extends DurableObject<Env> {
  private readonly meta: MetaTable;
  private readonly clock: ObjectClock;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    setLogLevel(env.LOG_LEVEL);
    this.meta = new MetaTable(ctx.storage.sql);
    this.clock = new ObjectClock(this.meta, env.FIO_TEST_CLOCK === '1');
  }

  /** start | pause | resume | cancel, as asked by a person, the API or the object itself. */
  async control(input: CampaignControl): Promise<CampaignControlResult> {
    if (!this.adopt(input.tenantId, input.campaignId)) {
      return { ok: false, code: 'not_found', message: 'Campaign not found' };
    }
    const now = this.clock.nowMs();
    return this.withTx(input.tenantId, async (tx) => {
      const c = await loadCampaign(tx, input.tenantId, input.campaignId);
      if (!c) return { ok: false, code: 'not_found', message: 'Campaign not found' };
      if (!FROM[input.action].includes(c.status)) {
        return {
          ok: false,
          code: 'conflict',
          message: `A ${c.status} campaign cannot ${input.action}`,
        } as const;
      }
      const next = nextStatus(input.action, c, now);
      const moved = await setStatus(tx, input.tenantId, input.campaignId, [c.status], {
        status: next,
        pausedReason: null,
        ...(next === 'running' ? { startedAtMs: now } : {}),
        ...(next === 'cancelled' ? { completedAtMs: now } : {}),
      });
      if (!moved) return { ok: false, code: 'conflict', message: 'The campaign changed meanwhile' } as const;
      if (next === 'cancelled') await skipQueued(tx, input.tenantId, input.campaignId);
      if (next === 'running' || next === 'scheduled') await this.wakeAt(now);
      else await this.ctx.storage.deleteAlarm();
      this.meta.set('next_window_ms', '');
      return { ok: true, status: next } as const;
    });
  }

  /** The tenant is being deleted: no more wake-ups, nothing stored. */
  async wipeStorage(): Promise<void> {
    await wipeObject(this.ctx);
  }

  /** When the next recipients may go, if the tier, quiet hours or the schedule hold them. */
  async progress(): Promise<CampaignProgress> {
    const raw = this.meta.get('next_window_ms');
    return { nextWindowAt: raw ? new Date(Number(raw)).toISOString() : null };
  }

  /** Tests only (FIO_TEST_CLOCK): the object's clock reads `at`; the loop runs right away. */
  async setClockForTests(at: string): Promise<void> {
    this.clock.setForTests(new Date(at));
    if (this.meta.get('campaign')) await this.alarm();
  }

  override async alarm(): Promise<void> {
    const raw = this.meta.get('campaign');
    if (!raw) return;
    const [tenantId, campaignId] = raw.split(':') as [string, string];
    // The operator suspended the tenant: nothing is released; the loop looks again later, so a
    // reactivation resumes the campaign where it stood.
    if (!(await tenantActive(this.env, tenantId))) {
      await this.wakeAt(this.clock.nowMs() + SUSPENDED_RECHECK_MS);
      return;
    }
    try {
      const released: string[] = [];
      const silent: Silent[] = [];
      const wait = await this.withTx(tenantId, (tx) => this.tick(tx, tenantId, campaignId, released, silent));
      await this.enqueue(tenantId, campaignId, released);
      await this.askAgain(tenantId, silent);
      if (wait !== null) await this.wakeAt(this.clock.nowMs() + wait);
    } catch (err) {
      log('warn', 'campaign tick failed, retrying', { tenantId, campaignId, ...errorFields(err) });
      await this.wakeAt(this.clock.nowMs() + ERROR_RETRY_MS);
    }
  }

  /** One step of the loop; returns ms until the next step, or null when the campaign needs no more. */
  private async tick(
    tx: Tx,
    tenantId: string,
    campaignId: string,
    released: string[],
    silent: Silent[],
  ): Promise<number | null> {
    const now = this.clock.nowMs();
    const c = await loadCampaign(tx, tenantId, campaignId);
    if (!c || (c.status !== 'running' && c.status !== 'scheduled')) return null;
    if (c.scheduledAtMs !== null && c.scheduledAtMs > now) return this.holdUntil(c.scheduledAtMs, now);
    if (c.status === 'scheduled') {
      await setStatus(tx, tenantId, campaignId, ['scheduled'], { status: 'running', startedAtMs: now });
    }
    if (await qualityRed(tx, tenantId, c)) return this.pauseItself(tx, tenantId, campaignId, 'quality_red');
    const limiter = this.env.NUMBER_LIMITERS.getByName(numberLimiterName(tenantId, c.channelId));
    if ((await limiter.health()).status === 'unhealthy') {
      return this.pauseItself(tx, tenantId, campaignId, 'number_unhealthy');
    }
    const quiet = quietUntil(c.quietHours, c.timezone, now);
    if (quiet !== null) return this.holdUntil(quiet, now);
    const recovery = recoveryMs(this.env, STALE_SENDING_MS);
    released.push(...(await staleSending(tx, tenantId, campaignId, now, recovery)));
    silent.push(...(await unfolded(tx, tenantId, campaignId, now, recovery)));
    const pending = await pendingCounts(tx, tenantId, campaignId);
    if (pending.queued === 0) {
      if (pending.sending > 0) return SETTLE_MS;
      await setStatus(tx, tenantId, campaignId, ['running'], { status: 'completed', completedAtMs: now });
      this.meta.set('next_window_ms', '');
      return null;
    }
    const ids = await this.releaseSome(tx, tenantId, campaignId, c, now);
    released.push(...ids);
    if (ids.length === 0) {
      const usage = await tierUsage(tx, tenantId, c.channelId, now - DAY_MS);
      const hold = this.holdUntil(usage.freesAtMs ?? now + TICK_MS, now);
      // Released recipients still owe an outcome: keep sweeping for lost fan-out messages meanwhile, or a
      // restart after the tier ran out would leave them `sending` until tomorrow's window.
      return pending.sending > 0 ? Math.min(hold, SETTLE_MS) : hold;
    }
    this.meta.set('next_window_ms', '');
    return TICK_MS;
  }

  private async releaseSome(
    tx: Tx,
    tenantId: string,
    campaignId: string,
    c: RunnerCampaign,
    now: number,
  ): Promise<string[]> {
    const limit = TIER_LIMITS[c.tier];
    const tierLeft =
      limit === null ? null : limit - (await tierUsage(tx, tenantId, c.channelId, now - DAY_MS)).used;
    const batch = Math.max(1, Math.floor((c.ratePerSecond * PACE * TICK_MS) / 1000));
    return release(tx, tenantId, campaignId, c.channelId, now, batch, tierLeft);
  }

  /**
   * Marked `sending` (committed) first, queued second, so the consumer never finds a recipient still
   * `queued`. If the queue refuses, or the object dies in between, the stale-sending sweep releases them
   * again after STALE_SENDING_MS; the fan-out is idempotent, so a double release sends nothing twice.
   */
  private async enqueue(tenantId: string, campaignId: string, ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      await this.env.CAMPAIGN_QUEUE.sendBatch(
        chunk.map((recipientId) => ({ body: { tenantId, campaignId, recipientId }, contentType: 'json' })),
      );
    }
  }

  /** Conversations whose campaign sends have no folded outcome yet report them again (lost reports). */
  private async askAgain(tenantId: string, silent: readonly Silent[]): Promise<void> {
    const byConversation = new Map<string, number[]>();
    for (const s of silent)
      byConversation.set(s.conversationId, [...(byConversation.get(s.conversationId) ?? []), s.seq]);
    await Promise.all(
      [...byConversation].map(async ([conversationId, seqs]) => {
        const stub = this.env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
        await stub.replayCampaignReports({ tenantId, conversationId }, seqs).catch((err: unknown) => {
          log('warn', 'campaign could not ask for reports again', {
            tenantId,
            conversationId,
            ...errorFields(err),
          });
        });
      }),
    );
  }

  private async pauseItself(
    tx: Tx,
    tenantId: string,
    campaignId: string,
    reason: 'quality_red' | 'number_unhealthy',
  ): Promise<null> {
    await setStatus(tx, tenantId, campaignId, ['running'], { status: 'paused', pausedReason: reason });
    log('warn', 'campaign paused itself', { tenantId, campaignId, reason });
    return null;
  }

  private holdUntil(atMs: number, now: number): number {
    this.meta.set('next_window_ms', String(atMs));
    return Math.max(0, atMs - now);
  }

  private async wakeAt(objectMs: number): Promise<void> {
    await this.ctx.storage.setAlarm(Math.max(Date.now(), this.clock.wallTime(objectMs)));
  }

  /** The object's campaign is fixed by its name; a claim for another one is refused. */
  private adopt(tenantId: string, campaignId: string): boolean {
    let name: string;
    try {
      name = campaignObjectName(tenantId, campaignId);
    } catch {
      return false;
    }
    if (!this.env.CAMPAIGNS.idFromName(name).equals(this.ctx.id)) return false;
    this.meta.set('campaign', `${tenantId}:${campaignId}`);
    return true;
  }

  private async withTx<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    const dbs = openDatabases(this.env);
    try {
      return await inTenant(dbs.primary, tenantId, fn);
    } finally {
      this.ctx.waitUntil(dbs.close());
    }
  }
}

type Silent = { conversationId: string; seq: number };

function nextStatus(action: CampaignControl['action'], c: RunnerCampaign, now: number): CampaignStatus {
  if (action === 'pause') return 'paused';
  if (action === 'cancel') return 'cancelled';
  return c.scheduledAtMs !== null && c.scheduledAtMs > now ? 'scheduled' : 'running';
}
