// What the bot needs from Postgres for a tenant: the published flow (and its version), the team names a
// hand-off shows, the ERP tools and the LLM. The flow and team names are cached in the object's storage
// (short TTL, refreshed whenever Postgres answers), so with Postgres down the bot still answers menu steps
// from the stored flow; decrypted ERP and LLM credentials are kept in memory only, never in storage.
import { createBrain } from '../../../workers/ai';
import type { Brain } from '../../../workers/ai/brain';
import type { BotFlow } from '../../../workers/contract';
import { type Env, providerPrivateOrigins } from '../../../workers/env';
import { createErpTools } from '../../../workers/erp';
import type { ErpTools } from '../../../workers/erp/tools';
import { observedErpTools } from '../../../workers/observability/erp-metrics';
import { countMetric } from '../../../workers/observability/metrics';
import { type Database, openDatabases } from '../../../workers/services/db';
import { erpConfigOf } from '../../../workers/services/erp-connection';
import { errorFields, log } from '../../../workers/services/log';
import type { MetaTable } from '../../meta-table';
import { stepDeadlineMs } from './bot-deadline';
import { loadTenantBotSetup } from './tenant-setup-loader';

const FRESH_MS = 60_000;
const RETRY_MS = 10_000;
/** The ERP's own per-call timeout. */
const ERP_TIMEOUT_MS = 5_000;

interface StoredSetup {
  fetchedMs: number;
  version: number | null;
  flow: BotFlow | null;
  teams: Record<string, string>;
}

export interface BotSetup {
  version: number;
  flow: BotFlow;
  teams: Record<string, string>;
  erp: ErpTools | null;
  brain: Brain | null;
}

interface LiveSetup {
  fetchedMs: number;
  erp: ErpTools | null;
  brain: Brain | null;
}

export class BotSetupCache {
  private live: LiveSetup | null = null;
  private loading: Promise<void> | null = null;
  /** After Postgres failed to answer, steps use the stored flow without waiting on it again for a while. */
  private retryAfterMs = 0;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly meta: MetaTable,
  ) {}

  /** The setup for a step: refreshed when stale; when Postgres cannot answer, the stored flow. */
  async get(tenantId: string): Promise<BotSetup | null> {
    const stored = this.stored();
    const stale = !stored || Date.now() - stored.fetchedMs > FRESH_MS || !this.live;
    if (stale && Date.now() >= this.retryAfterMs) {
      this.loading ??= this.refresh(tenantId).finally(() => {
        this.loading = null;
      });
      await this.loading;
    }
    const now = this.stored();
    if (!now?.flow || now.version === null) return null;
    return {
      version: now.version,
      flow: now.flow,
      teams: now.teams,
      erp: this.live?.erp ?? null,
      brain: this.live?.brain ?? null,
    };
  }

  /** The flow's hand-off team, from the stored flow (the watchdog's path needs no Postgres). */
  handoffTeam(): string | null {
    const flow = this.stored()?.flow;
    const step = flow?.steps.find((s) => s.id === flow.handoffStep);
    return step?.type === 'handoff' ? step.teamId : null;
  }

  storedTeams(): Record<string, string> {
    return this.stored()?.teams ?? {};
  }

  /** A database handle for one step's reads (knowledge base); closed after the step. */
  database(): { db: Database; close: () => void } {
    const dbs = openDatabases(this.env);
    return { db: dbs.primary, close: () => this.ctx.waitUntil(dbs.close()) };
  }

  private stored(): StoredSetup | null {
    const raw = this.meta.get('bot_setup');
    return raw ? (JSON.parse(raw) as StoredSetup) : null;
  }

  private async refresh(tenantId: string): Promise<void> {
    try {
      const { published, teams, erp, ai } = await loadTenantBotSetup(this.env, tenantId, (p) =>
        this.ctx.waitUntil(p),
      );
      const setup: StoredSetup = {
        fetchedMs: Date.now(),
        version: published?.version ?? null,
        flow: published?.flow ?? null,
        teams,
      };
      this.meta.set('bot_setup', JSON.stringify(setup));
      const origins = providerPrivateOrigins(this.env);
      this.live = {
        fetchedMs: Date.now(),
        erp: erp
          ? observedErpTools(
              this.env,
              tenantId,
              createErpTools({ ...erpConfigOf(this.env, erp), timeoutMs: ERP_TIMEOUT_MS }),
            )
          : null,
        brain:
          ai?.enabled && ai.keys.length > 0
            ? createBrain({
                tenantId,
                onFailure: (reason) => countMetric(this.env, 'fio_llm_errors_total', tenantId, { reason }),
                baseUrl: ai.baseUrl,
                model: ai.model,
                keys: ai.keys,
                // The model's deadline sits inside the step's, so the menu fallback comes before the watchdog.
                deadlineMs: Math.min(ai.deadlineMs, Math.floor(stepDeadlineMs(this.env) / 2)),
                locale: 'pt-BR',
                privateOrigins: origins,
                fetch: globalThis.fetch.bind(globalThis),
              })
            : null,
      };
    } catch (err) {
      // Postgres is down or slow: the stored flow keeps the bot answering menu steps.
      this.retryAfterMs = Date.now() + RETRY_MS;
      log('warn', 'bot setup not refreshed; using the stored flow', { tenantId, ...errorFields(err) });
    }
  }
}
