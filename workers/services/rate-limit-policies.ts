// Every rate limit Fio applies, in one place: how many hits per window, whether past the limit the key is
// locked with a doubling backoff, and what happens when the limiter object cannot be reached.
import type { LimitPolicy } from '../../durable-objects/rate-limiter/rpc';

export interface RatePolicy extends LimitPolicy {
  /** Key scope, e.g. `login`; the object name is `<scope>:<kind>:<subject>`. */
  scope: string;
  /**
   * Limiter unreachable: `allow` lets the request through (logged) where refusing would take the product
   * down for people already signed in; `refuse` answers 503 where the limit protects a credential or sends
   * e-mail, so an outage of the limiter never opens the door to guessing.
   */
  whenUnavailable: 'allow' | 'refuse';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Sign-in, per account and per client address: 5 attempts a minute, then locked for 1 min, 2, 4 … 30 min
 * (one attempt allowed after each lock; forgotten after an hour without a lockout). Checked before the
 * password hash is computed; a correct password resets the account and gives the address its attempt back.
 */
export const LOGIN: RatePolicy = {
  scope: 'login',
  limit: 5,
  windowMs: MINUTE,
  lockout: { baseMs: MINUTE, capMs: 30 * MINUTE, decayMs: HOUR },
  whenUnavailable: 'refuse',
};

/** "Change my password": the current-password check, per signed-in user, as sign-in. */
export const CURRENT_PASSWORD: RatePolicy = { ...LOGIN, scope: 'pwcheck' };

/** Password-reset requests: per account (e-mail) 3 an hour, per address 20 an hour. Sends e-mail. */
export const PASSWORD_RESET_ACCOUNT: RatePolicy = {
  scope: 'reset',
  limit: 3,
  windowMs: HOUR,
  whenUnavailable: 'refuse',
};
export const PASSWORD_RESET_IP: RatePolicy = { ...PASSWORD_RESET_ACCOUNT, limit: 20 };

/** Invitations: per inviting user 30 an hour, per tenant 100 an hour. Sends e-mail. */
export const INVITATION_USER: RatePolicy = {
  scope: 'invite',
  limit: 30,
  windowMs: HOUR,
  whenUnavailable: 'refuse',
};
export const INVITATION_TENANT: RatePolicy = { ...INVITATION_USER, limit: 100 };

/**
 * Widget sessions: per address 30 a minute (carrier-grade NAT puts many customers behind one address), per
 * widget channel 1,200 a minute. Customers must reach support: allowed when the limiter is unreachable.
 */
export const WIDGET_SESSION_IP: RatePolicy = {
  scope: 'widget',
  limit: 30,
  windowMs: MINUTE,
  whenUnavailable: 'allow',
};
export const WIDGET_SESSION_CHANNEL: RatePolicy = { ...WIDGET_SESSION_IP, limit: 1_200 };

/** Authenticated API calls (REST and socket upgrades): per agent 1,200 a minute, per API key 600. */
export const API_USER: RatePolicy = {
  scope: 'api',
  limit: 1_200,
  windowMs: MINUTE,
  whenUnavailable: 'allow',
};
export const API_KEY: RatePolicy = { ...API_USER, limit: 600 };

/**
 * Widget visitors' messages (message.send, attachment.send), per conversation: a token bucket inside the
 * conversation object (no network hop on the delivery path): 10 at once, then one every 2 s (30 a minute).
 * A person typing never meets it; a script does, after its tenth message.
 */
export const WIDGET_MESSAGE_BUCKET = { burst: 10, refillMs: 2_000 } as const;

/**
 * Widget visitors' messages per address, across conversations (carrier-grade NAT: many customers behind one
 * address): 300 a minute. Counted on the rate limiter object after the message is stored (off the ack's
 * path); once it answers "over", the conversation object refuses that address's next messages itself until
 * the window allows again. Customers must reach support: allowed when the limiter is unreachable.
 */
export const WIDGET_MESSAGE_IP: RatePolicy = {
  scope: 'widget-msg',
  limit: 300,
  windowMs: MINUTE,
  whenUnavailable: 'allow',
};

/** Widget visitors' uploads, per visitor: 20 in 10 minutes (each may be up to the largest sendable file). */
export const WIDGET_UPLOAD_VISITOR: RatePolicy = {
  scope: 'widget-upload',
  limit: 20,
  windowMs: 10 * MINUTE,
  whenUnavailable: 'allow',
};
