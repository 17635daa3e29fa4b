// My sessions: GET /api/auth/sessions (where I am signed in), DELETE /api/auth/sessions/:id (end one) and
// POST /api/auth/logout-all (end all, this one included). Ended sessions stop working at once, open sockets
// included (the tenant access object is told after each commit).
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { userSessions } from '../../drizzle/schema';
import { announce } from '../../durable-objects/tenant-access/rpc';
import type { AppEnv } from '../app-env';
import type { SessionsResponse } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import { clearRefreshCookie } from '../services/refresh-cookie';
import { listSessions, revokeSessions } from '../services/sessions';
import { parseIdParam } from '../validation';

export const sessionRoutes = new Hono<AppEnv>()
  .get('/api/auth/sessions', authorize('self.manage'), async (c) => {
    const agent = c.var.agent;
    const sessions = await inTenant(c.var.dbs.primary, agent.tid, (tx) =>
      listSessions(tx, agent.sub, agent.sid),
    );
    const body: z.infer<typeof SessionsResponse> = { sessions };
    return c.json(body);
  })
  .delete('/api/auth/sessions/:id', authorize('self.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Session');
    const agent = c.var.agent;
    const ended = await inTenant(c.var.dbs.primary, agent.tid, async (tx) => {
      // Only my own sessions: someone else's id is as unknown as a made-up one.
      const [mine] = await tx
        .select({ id: userSessions.id })
        .from(userSessions)
        .where(and(eq(userSessions.id, id), eq(userSessions.userId, agent.sub)))
        .limit(1);
      if (!mine) throw new AppError('not_found', 'Session not found');
      const revoked = await revokeSessions(tx, agent.sub, [id], 'revoked');
      if (revoked.length > 0) {
        await recordAudit(tx, agent.tid, {
          action: 'auth.session_revoked',
          actor: agentActor(c),
          target: { type: 'user_session', id },
          ip: clientIp(c),
          details: { current: id === agent.sid },
        });
      }
      return revoked;
    });
    await announce(c.env, agent.tid, { kind: 'sessions_ended', userId: agent.sub, sessionIds: ended });
    if (id === agent.sid) clearRefreshCookie(c);
    return c.body(null, 204);
  })
  .post('/api/auth/logout-all', authorize('self.manage'), async (c) => {
    const agent = c.var.agent;
    const ended = await inTenant(c.var.dbs.primary, agent.tid, async (tx) => {
      const revoked = await revokeSessions(tx, agent.sub, null, 'sign_out_everywhere');
      await recordAudit(tx, agent.tid, {
        action: 'auth.sign_out_everywhere',
        actor: agentActor(c),
        target: { type: 'user', id: agent.sub },
        ip: clientIp(c),
        details: { sessions: revoked.length },
      });
      return revoked;
    });
    await announce(c.env, agent.tid, { kind: 'sessions_ended', userId: agent.sub, sessionIds: ended });
    clearRefreshCookie(c);
    return c.body(null, 204);
  });
