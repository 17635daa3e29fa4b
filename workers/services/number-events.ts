// What a provider says about a number (a gateway session logged out or paired again, a Cloud number banned
// or its quality RED) applied to the number's health: the limiter object keeps the condition (so the number
// stays unhealthy while it lasts, whatever the sends do) and says whether the status or its reason moved;
// each move is recorded with an alert. A repeated event moves nothing, so it adds no alert. Gateway events
// also keep channels.pairing_state, which the admin screen shows.
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import { channels } from '../../drizzle/schema';
import type { ConditionCode, ConditionInput } from '../../durable-objects/number-limiter';
import type { NumberEvent } from '../channels/inbound';
import type { ChannelHealthCode, HealthParams, PairingState } from '../contract/channels';
import type { Env } from '../env';
import { conditionReason, healthReason, recordHealthChange } from './channel-health';
import type { ChannelRoute } from './channel-routing';
import { numberLimiterName } from './conversation-names';
import { inTenant, openDatabases } from './db';
import { log } from './log';

type Condition = (typeof ConditionCode)['options'][number];

/** What one event does: set a condition, clear one (healing as `healedAs`), and/or a pairing state. */
interface Effect {
  set?: { code: Condition; params: HealthParams | null };
  clear?: { only: Condition[]; healedAs: ChannelHealthCode };
  pairing?: PairingState;
}

const GATEWAY_SESSION: Condition[] = ['logged_out', 'disconnected'];

export function effectOf(event: NumberEvent): Effect {
  switch (event.kind) {
    case 'logged_out':
      return { set: { code: 'logged_out', params: null }, pairing: 'logged_out' };
    case 'disconnected':
      return { set: { code: 'disconnected', params: null }, pairing: 'connecting' };
    case 'connecting':
      return { pairing: 'connecting' };
    case 'qr':
      return { pairing: 'qr' };
    case 'paired':
      return { clear: { only: GATEWAY_SESSION, healedAs: 'paired' }, pairing: 'paired' };
    case 'banned':
      return { set: { code: 'banned', params: event.detail ? { state: event.detail.slice(0, 200) } : null } };
    case 'quality': {
      const colour = (event.detail ?? '').toUpperCase();
      if (colour === 'RED') return { set: { code: 'quality_red', params: { quality: 'RED' } } };
      if (colour === 'GREEN' || colour === 'YELLOW') {
        return { clear: { only: ['quality_red'], healedAs: 'restored' } };
      }
      return {};
    }
    case 'restored':
      return { clear: { only: ['banned', 'quality_red'], healedAs: 'restored' } };
  }
}

export interface NumberTarget extends ChannelRoute {
  kind: string;
}

/** Applies the events in order; resolves when every change is stored (before the webhook's 200). */
export async function applyNumberEvents(
  env: Env,
  target: NumberTarget,
  events: readonly NumberEvent[],
): Promise<{ changes: number }> {
  const limiter = env.NUMBER_LIMITERS.getByName(numberLimiterName(target.tenantId, target.channelId));
  const gateway = target.kind === 'evolution' || target.kind === 'uazapi';
  let changes = 0;
  let pairing: PairingState | null = null;
  for (const event of events) {
    const effect = effectOf(event);
    if (effect.pairing && gateway) pairing = effect.pairing;
    const input: ConditionInput | null = effect.set
      ? { code: effect.set.code, params: effect.set.params, at: event.at.getTime() }
      : effect.clear
        ? { code: null, only: effect.clear.only, at: event.at.getTime() }
        : null;
    if (!input) continue;
    const report = await limiter.setCondition(input);
    if (!report.changed) continue;
    changes++;
    const why =
      report.status === 'healthy' && effect.clear
        ? { code: effect.clear.healedAs, params: null, reason: conditionReason(effect.clear.healedAs) }
        : healthReason(report);
    await recordHealthChange(env, target.tenantId, target.channelId, {
      status: report.status,
      tokenValid: report.tokenValid,
      ...why,
    });
  }
  if (pairing) await storePairingState(env, target, pairing);
  return { changes };
}

/** Written only when it differs, so a repeated event is a no-op here too. */
export async function storePairingState(env: Env, target: ChannelRoute, state: PairingState): Promise<void> {
  const dbs = openDatabases(env);
  try {
    const rows = await inTenant(dbs.primary, target.tenantId, (tx) =>
      tx
        .update(channels)
        .set({ pairingState: state })
        .where(
          and(
            eq(channels.tenantId, target.tenantId),
            eq(channels.id, target.channelId),
            or(isNull(channels.pairingState), ne(channels.pairingState, state)),
          ),
        )
        .returning({ id: channels.id }),
    );
    if (rows.length > 0) log('info', 'gateway pairing state', { channelId: target.channelId, state });
  } finally {
    await dbs.close();
  }
}
