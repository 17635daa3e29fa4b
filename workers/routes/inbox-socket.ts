// GET /ws/inbox?token=…: an agent's dashboard socket, authorized before any upgrade and handed to the
// tenant's inbox object (named by the token's tenant, so no other tenant's inbox is reachable).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { authorizeSocket } from '../middleware/authorize';
import { upgradeRequest } from '../middleware/socket-upgrade';
import { inboxName } from '../services/conversation-names';

export const inboxSocketRoutes = new Hono<AppEnv>().get(
  '/ws/inbox',
  authorizeSocket('conversations.read'),
  async (c) => {
    const agent = c.var.agent;
    const stub = c.env.TENANT_INBOX.getByName(inboxName(agent.tid));
    return stub.fetch(
      upgradeRequest(c, {
        'x-fio-tenant': agent.tid,
        'x-fio-agent': JSON.stringify({ id: agent.sub, name: agent.name, role: agent.role, sid: agent.sid }),
      }),
    );
  },
);
