// Hono's typed context for this app: bindings plus per-request variables set by middleware.

import type { Env } from './env';
import type { ApiKeyPrincipal } from './services/api-key-auth';
import type { Databases } from './services/db';
import type { AgentPrincipal, Principal } from './services/tokens';

export interface AppVariables {
  requestId: string;
  dbs: Databases;
  /** A token's agent or visitor, or an API key on the routes that admit one (authorize(perm, { apiKeys: true })). */
  principal: Principal | ApiKeyPrincipal;
  agent: AgentPrincipal;
  /** The response is a document meant to be framed (the widget's frame): no X-Frame-Options DENY on it. */
  framable?: boolean;
  /** A widget route found the request's Origin on the channel's allowed sites: CORS without credentials. */
  widgetCors?: boolean;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
