// The campaign under test, through the admin REST as a supervisor would run it (create with the audience's
// tag and the template, then start), and the fold of its statuses read straight from Postgres: how many
// recipients are in each state, polled until every sent one has been read.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { CampaignView, CreateCampaignRequest } from '../../../workers/contract';
import { postJson } from '../http';
import { AUDIENCE_TAG, BENCH_TEMPLATE } from './seed';

const nowEpoch = () => performance.timeOrigin + performance.now();

export async function signIn(base: string, who: { email: string; password: string }): Promise<string> {
  return (await postJson<{ accessToken: string }>(`${base}/api/auth/login`, who, 200)).accessToken;
}

async function call<T>(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 400)}`);
  return JSON.parse(text) as T;
}

/** Creates the bench's campaign (a draft) for the tagged audience on the bench number. */
export async function createBenchCampaign(
  base: string,
  token: string,
  channelId: string,
): Promise<CampaignView> {
  const request: CreateCampaignRequest = {
    name: 'Bench: dobro de velocidade',
    kind: 'marketing',
    channelId,
    templates: [
      { name: BENCH_TEMPLATE.name, language: BENCH_TEMPLATE.language, variables: [{ from: 'name' }] },
    ],
    splitPercent: 50,
    filter: { tagsAny: [AUDIENCE_TAG] },
    scheduledAt: null,
    quietHours: null,
  };
  return (await call<{ campaign: CampaignView }>(base, token, 'POST', '/api/campaigns', request)).campaign;
}

export async function startBenchCampaign(base: string, token: string, id: string): Promise<CampaignView> {
  return (await call<{ campaign: CampaignView }>(base, token, 'POST', `/api/campaigns/${id}/start`, {}))
    .campaign;
}

export async function cancelBenchCampaign(base: string, token: string, id: string): Promise<CampaignView> {
  return (await call<{ campaign: CampaignView }>(base, token, 'POST', `/api/campaigns/${id}/cancel`, {}))
    .campaign;
}

export type StateCounts = Record<string, number>;

export interface FoldRecord {
  /** Recipients per state when the fold ended (or timed out). */
  final: StateCounts;
  /** Last accepted send → every sent recipient delivered (or further) in campaign_recipients (ms). */
  deliveredMs: number;
  /** … → every sent recipient read (or replied): the simulator's last status folded (ms). */
  readMs: number;
  /** The simulator's own share: its last status webhook leaves this long after the last send (ms). */
  floorMs: number;
}

/** Reads campaign_recipients' states as the owner (RLS does not apply to the bench's reads). */
export class RecipientStates {
  private constructor(
    private readonly client: pg.Client,
    private readonly campaignId: string,
  ) {}

  static async open(ownerUrl: string, campaignId: string): Promise<RecipientStates> {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    return new RecipientStates(client, campaignId);
  }

  async counts(): Promise<StateCounts> {
    const res = await this.client.query<{ state: string; n: string }>(
      'select state, count(*) as n from campaign_recipients where campaign_id = $1 group by state',
      [this.campaignId],
    );
    return Object.fromEntries(res.rows.map((r) => [r.state, Number(r.n)]));
  }

  async status(): Promise<string | null> {
    const res = await this.client.query<{ status: string }>('select status from campaigns where id = $1', [
      this.campaignId,
    ]);
    return res.rows[0]?.status ?? null;
  }

  /**
   * Polls every 100 ms from the last send until `sent` recipients are read (each state's timestamp is when
   * the poll first saw it, so the times are within one poll of the truth, and never under it).
   */
  async fold(lastSendAt: number, sent: number, floorMs: number, timeoutMs: number): Promise<FoldRecord> {
    const deadline = nowEpoch() + timeoutMs;
    let deliveredAt = Number.NaN;
    let readAt = Number.NaN;
    let final: StateCounts = {};
    while (nowEpoch() < deadline) {
      final = await this.counts();
      const read = (final.read ?? 0) + (final.replied ?? 0);
      const delivered = read + (final.delivered ?? 0);
      const at = nowEpoch();
      if (!Number.isFinite(deliveredAt) && delivered >= sent) deliveredAt = at;
      if (read >= sent) {
        readAt = at;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return { final, deliveredMs: deliveredAt - lastSendAt, readMs: readAt - lastSendAt, floorMs };
  }

  /** Ends its connection (the bench's lifecycle calls it on any exit). */
  stop(): Promise<void> {
    return this.client.end();
  }
}
