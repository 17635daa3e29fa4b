// How long the campaign runner waits before acting on what a restart may have lost: a released recipient
// whose fan-out message never arrived, a send that was on the wire with no answer. The defaults suit
// production (a status webhook normally lands within seconds); CAMPAIGN_RECOVERY_MS lets tests shorten both.
import type { Env } from '../../workers/env';

export function recoveryMs(env: Pick<Env, 'CAMPAIGN_RECOVERY_MS'>, fallback: number): number {
  const ms = Number(env.CAMPAIGN_RECOVERY_MS);
  return env.CAMPAIGN_RECOVERY_MS && Number.isFinite(ms) && ms > 0 ? ms : fallback;
}
