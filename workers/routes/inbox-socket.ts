// GET /ws/inbox?token=…: an agent's dashboard socket, authenticated before any upgrade and handed to the
// tenant's inbox object (named by the token's tenant, so no other tenant's inbox is reachable).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { AppError } from '../errors';
import { socketPrincipal, upgradeRequest } from '../middleware/socket-upgrade';
import { inboxName } from '../services/conversation-names';

export const inboxSocketRoutes = new Hono<AppEnv>().get('/ws/inbox', async (c) => {
  const principal = await socketPrincipal(c);
  if (principal.kind !== 'agent') throw new AppError('forbidden', 'The inbox is for agents');
  const stub = c.env.TENANT_INBOX.getByName(inboxName(principal.tid));
  return stub.fetch(
    upgradeRequest(c, {
      'x-fio-tenant': principal.tid,
      'x-fio-agent': JSON.stringify({
        id: principal.sub,
        name: principal.name,
        role: principal.role,
        sid: principal.sid,
      }),
    }),
  );
});
