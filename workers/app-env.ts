// Hono's typed context for this app: bindings plus per-request variables set by middleware.

import type { Env } from './env';
import type { Databases } from './services/db';
import type { AgentPrincipal, Principal } from './services/tokens';

export interface AppVariables {
  requestId: string;
  dbs: Databases;
  principal: Principal;
  agent: AgentPrincipal;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
