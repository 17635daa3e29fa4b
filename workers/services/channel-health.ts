// A number's health as admins see it: the limiter object decides when a number turns unhealthy or heals;
// this records the change on the channel row and as an alert (the tenant inbox shows alerts to admins), and
// tells the tenant's live dashboards so a conversation open on the number shows its banner at once.
// The change is stored as a code + params the screens word in pt-BR or English; the English `reason` is
// kept for the logs and for clients from before codes.
import { and, eq } from 'drizzle-orm';
import { channelAlerts, channels } from '../../drizzle/schema';
import type { ChannelHealthCode, HealthParams } from '../contract/channels';
import type { Env } from '../env';
import { inboxName } from './conversation-names';
import { inTenant, openDatabases } from './db';
import { errorFields, log } from './log';

export interface HealthChange {
  status: 'healthy' | 'unhealthy';
  tokenValid: boolean;
  code: ChannelHealthCode;
  params?: HealthParams | null;
  reason: string;
}

export async function recordHealthChange(
  env: Env,
  tenantId: string,
  channelId: string,
  change: HealthChange,
): Promise<void> {
  log(change.status === 'unhealthy' ? 'warn' : 'info', 'channel health changed', {
    tenantId,
    channelId,
    ...change,
  });
  const params = change.params ?? null;
  const dbs = openDatabases(env);
  try {
    await inTenant(dbs.primary, tenantId, async (tx) => {
      await tx
        .update(channels)
        .set({
          healthStatus: change.status,
          healthReason: change.reason,
          healthCode: change.code,
          healthParams: params,
          healthChangedAt: new Date(),
          tokenValid: change.tokenValid,
        })
        .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId)));
      await tx.insert(channelAlerts).values({
        tenantId,
        channelId,
        status: change.status,
        reason: change.reason,
        code: change.code,
        params,
      });
    });
  } finally {
    await dbs.close();
  }
  // Conversations open on this number follow at once (their banner). Best effort: the row is what counts, and
  // a dashboard that misses this asks again when it reconnects or the conversation is opened.
  try {
    await env.TENANT_INBOX.getByName(inboxName(tenantId)).channelHealth(channelId, change.status);
  } catch (err) {
    log('warn', 'channel health not pushed to the inbox', { tenantId, channelId, ...errorFields(err) });
  }
}

export interface HealthReason {
  code: ChannelHealthCode;
  params: HealthParams | null;
  /** English, for the log and old clients; screens word the code. */
  reason: string;
}

/** English for a provider condition's code (the screens word the code themselves). */
const CONDITION_REASON: Partial<Record<ChannelHealthCode, string>> = {
  logged_out: 'the WhatsApp session was logged out: pair the number again',
  disconnected: 'the gateway lost its connection to WhatsApp',
  banned: 'the number or its account was banned or disabled by Meta',
  quality_red: 'the quality rating is RED',
  paired: 'the WhatsApp session is connected again',
  restored: 'the number was restored',
};

/** Why a health report says what it says: a code + params for the screens, English for the log. */
export function healthReason(report: {
  status: 'healthy' | 'unhealthy';
  tokenValid: boolean;
  errorRate: number;
  sent: number;
  lastError: { code: number | null } | null;
  condition?: { code: ChannelHealthCode; params: HealthParams | null } | null;
}): HealthReason {
  if (report.condition) {
    const { code, params } = report.condition;
    return { code, params, reason: CONDITION_REASON[code] ?? code };
  }
  if (report.status === 'healthy')
    return { code: 'sending_normally', params: null, reason: 'sending normally' };
  if (!report.tokenValid) {
    return {
      code: 'token_invalid',
      params: null,
      reason: 'access token is invalid or expired (Graph error 190)',
    };
  }
  const pct = Math.round(report.errorRate * 100);
  const lastError = report.lastError?.code == null ? 'network' : String(report.lastError.code);
  return {
    code: 'error_rate',
    params: { percent: String(pct), sent: String(report.sent), lastError },
    reason: `${pct}% of the last ${report.sent} sends failed (last error ${lastError === 'network' ? 'timeout/network' : lastError})`,
  };
}

/** English for a code the caller chose (a number healed by a provider event: paired, restored). */
export function conditionReason(code: ChannelHealthCode): string {
  return CONDITION_REASON[code] ?? code;
}
