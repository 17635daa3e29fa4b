// Sign-in throttling around the password check: refused (429) before the hash is computed when the account
// or the address is over LOGIN; a correct password resets the account and gives the address its hit back.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { clientIp } from './audit';
import { accountSubject, addressSubject, enforceLimit, forgiveHit, resetLimit } from './rate-limit';
import { LOGIN } from './rate-limit-policies';

/** Runs `verify` (the argon2 check) only if the limits allow an attempt; returns its result. */
export async function limitLogin(c: Context<AppEnv>, email: string, verify: () => boolean): Promise<boolean> {
  const account = await accountSubject(email);
  const address = addressSubject(c.env, clientIp(c));
  await enforceLimit(c.env, LOGIN, ...(address ? [account, address] : [account]));
  const ok = verify();
  if (ok) {
    await Promise.all([
      resetLimit(c.env, LOGIN, account),
      address ? forgiveHit(c.env, LOGIN, address) : Promise.resolve(),
    ]);
  }
  return ok;
}
