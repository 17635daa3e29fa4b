// RateLimiterDO: one object per limited subject (named by its key: `login:ip:…`, `login:acct:…`,
// `widget:ip:…`, `api:key:…`), so limits hold across every isolate and survive restarts, and no object is a
// hot spot for unrelated subjects. State is one small record in the object's own storage; an alarm drops it
// once nothing in it matters any more.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../../workers/env';
import { type LimitDecision, LimitPolicy } from './rpc';
import { EMPTY_STATE, expiresAt, forgive, hit, type LimitState } from './window';

const STATE = 'state';
const POLICY = 'policy';

export class RateLimiterDO extends DurableObject<Env> {
  private read(): LimitState {
    return this.ctx.storage.kv.get<LimitState>(STATE) ?? EMPTY_STATE;
  }

  /** Synchronous read-modify-write (no await in between), then the clean-up alarm. */
  private async write(state: LimitState, policy: LimitPolicy): Promise<void> {
    this.ctx.storage.kv.put(STATE, state);
    this.ctx.storage.kv.put(POLICY, policy);
    // One alarm at a time; a later expiry is picked up when the alarm fires.
    if ((await this.ctx.storage.getAlarm()) === null) {
      await this.ctx.storage.setAlarm(expiresAt(state, policy) + 1_000);
    }
  }

  /** Counts one hit and says whether it is allowed (else how long to wait). */
  async hit(policyInput: LimitPolicy): Promise<LimitDecision> {
    const policy = LimitPolicy.parse(policyInput);
    const [state, decision] = hit(this.read(), policy, Date.now());
    await this.write(state, policy);
    return decision;
  }

  /** Gives one hit back (a success that should not use up a shared address's allowance). */
  async forgive(): Promise<void> {
    const policy = this.ctx.storage.kv.get<LimitPolicy>(POLICY);
    if (policy) await this.write(forgive(this.read()), policy);
  }

  /** Forgets everything (a successful sign-in resets its account's counter and lockouts). */
  async reset(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }

  override async alarm(): Promise<void> {
    const policy = this.ctx.storage.kv.get<LimitPolicy>(POLICY);
    const at = policy ? expiresAt(this.read(), policy) : 0;
    if (Date.now() >= at) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(at + 1_000);
  }
}
