// Who presents a credential: the one `authenticate` every REST route and socket upgrade goes through (session
// checks and API keys belong inside it, not beside it). What they may then do is `authorize.ts`'s question.
// An agent token is also checked against its tenant's access object (one RPC, from memory when warm): a
// revoked session or a deactivated user is refused at once, and the role and name are the user's current
// ones, not the token's.
import type { Context } from 'hono';
import { checkSession } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { type Principal, verifyToken } from '../services/tokens';

export function bearer(header: string | undefined): string {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) throw new AppError('unauthorized', 'Missing bearer token');
  return match[1];
}

/** Who presents this credential, or a 401. The one place a token (or later an API key) is checked. */
export async function authenticate(c: Context<AppEnv>, token: string): Promise<Principal> {
  const principal = await verifyToken(token, c.env.JWT_SECRET);
  if (principal.kind !== 'agent') return principal;
  const now = await checkSession(c.env, principal.tid, principal.sid, principal.sub);
  if (!now.ok) throw new AppError('unauthorized', 'This session has ended; sign in again');
  return { ...principal, role: now.role, name: now.name };
}
