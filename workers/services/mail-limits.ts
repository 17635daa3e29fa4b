// Limits on requests that send e-mail (H4's routes call these first): password-reset requests per account
// and per address, invitations per inviting user and per tenant. 429 with Retry-After when over.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { clientIp } from './audit';
import { accountSubject, addressSubject, enforceLimit } from './rate-limit';
import {
  INVITATION_TENANT,
  INVITATION_USER,
  PASSWORD_RESET_ACCOUNT,
  PASSWORD_RESET_IP,
} from './rate-limit-policies';

/** Call before looking the account up or sending anything, whether or not the e-mail exists. */
export async function limitPasswordResetRequest(c: Context<AppEnv>, email: string): Promise<void> {
  const address = addressSubject(c.env, clientIp(c));
  await Promise.all([
    enforceLimit(c.env, PASSWORD_RESET_ACCOUNT, await accountSubject(email)),
    address ? enforceLimit(c.env, PASSWORD_RESET_IP, address) : Promise.resolve(),
  ]);
}

/** Call before creating an invitation (the signed-in admin invites). */
export async function limitInvitation(c: Context<AppEnv>, tenantId: string, userId: string): Promise<void> {
  await Promise.all([
    enforceLimit(c.env, INVITATION_USER, { kind: 'user', id: userId }),
    enforceLimit(c.env, INVITATION_TENANT, { kind: 'tenant', id: tenantId }),
  ]);
}
