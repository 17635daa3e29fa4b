// POST /api/channels/:id/identity-secret (admins): a new identity secret for a widget channel, shown once.
// The ISP's site signs identity tokens with it; rotating it invalidates tokens signed with the old one.
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { z } from 'zod';
import { channels } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import type { IdentitySecretResponse } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import { inTenant } from '../services/db';
import { newIdentitySecret } from '../services/widget-identity';
import { parseIdParam } from '../validation';

export const widgetIdentityRoutes = new Hono<AppEnv>().post(
  '/api/channels/:id/identity-secret',
  authorize('channels.manage'),
  async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const tenantId = c.var.agent.tid;
    const { secret, sealed } = await newIdentitySecret(c.env.CHANNEL_SECRETS_KEY, id);
    await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const [row] = await tx
        .update(channels)
        .set({ identitySecret: sealed })
        .where(
          and(
            eq(channels.tenantId, tenantId),
            eq(channels.id, id),
            eq(channels.kind, 'widget'),
            isNull(channels.removedAt),
          ),
        )
        .returning({ id: channels.id });
      if (!row) throw new AppError('not_found', 'Widget channel not found');
      await recordAudit(tx, tenantId, {
        action: 'channel.updated',
        actor: agentActor(c),
        target: { type: 'channel', id },
        ip: clientIp(c),
        details: { change: 'identity_secret_rotated' },
      });
    });
    const response: z.infer<typeof IdentitySecretResponse> = { identitySecret: secret };
    return c.json(response, 201);
  },
);
