// Sign-in throttling: `beginLoginAttempt` counts the attempt against the account and the client address and
// refuses it (429 with Retry-After) when either is over LOGIN, before the account is looked up or any
// password hash is computed; `succeeded()` after a correct password resets the account and gives the address
// its attempt back. Counting attempts (not failures) bounds the hashes even when a flood runs in parallel.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { clientIp } from './audit';
import { accountSubject, addressSubject, enforceLimit, forgiveHit, resetLimit } from './rate-limit';
import { CURRENT_PASSWORD, LOGIN } from './rate-limit-policies';

export interface LoginAttempt {
  succeeded(): Promise<void>;
}

export async function beginLoginAttempt(c: Context<AppEnv>, email: string): Promise<LoginAttempt> {
  const account = await accountSubject(email);
  const address = addressSubject(c.env, clientIp(c));
  await enforceLimit(c.env, LOGIN, ...(address ? [account, address] : [account]));
  return {
    succeeded: async () => {
      await Promise.all([
        resetLimit(c.env, LOGIN, account),
        address ? forgiveHit(c.env, LOGIN, address) : Promise.resolve(),
      ]);
    },
  };
}

/**
 * The current-password check of "change my password" (H4's route): the same policy as sign-in, per user,
 * before the hash; `succeeded()` after a correct password.
 */
export async function beginPasswordCheck(c: Context<AppEnv>, userId: string): Promise<LoginAttempt> {
  const user = { kind: 'user', id: userId };
  await enforceLimit(c.env, CURRENT_PASSWORD, user);
  return { succeeded: () => resetLimit(c.env, CURRENT_PASSWORD, user) };
}
