// Who presents a credential: the one `authenticate` every REST route and socket upgrade goes through (session
// checks and API keys belong inside it, not beside it). What they may then do is `authorize.ts`'s question.
import type { Context } from 'hono';
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
  return verifyToken(token, c.env.JWT_SECRET);
}
