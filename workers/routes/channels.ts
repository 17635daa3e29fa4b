// Channels admin: list numbers with their health, add one (credentials sealed; a Cloud number only once its
// token proves ownership), test it against the provider, remove it, see its live health and alerts. Admins
// change (the bot switch too: new tickets start with the bot); supervisors may look. Admins re-pair a gateway
// number by the QR its pairing route asks the gateway for.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { channelAlerts, channels } from '../../drizzle/schema';
import type { AppEnv } from '../app-env';
import { checkPairing } from '../channels/gateway-pairing';
import { createTransport } from '../channels/transport';
import {
  ChannelBotRequest,
  type ChannelTestResponse,
  CreateChannelRequest,
  type PairingResponse,
  UpdateChannelRequest,
} from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor, clientIp, recordAudit } from '../services/audit';
import {
  type ChannelRow,
  channelRowFor,
  channelView,
  healthCodeOf,
  healthParamsOf,
} from '../services/channel-admin';
import { cloudConfig, forgetChannelRuntime, loadChannelRuntime } from '../services/channel-config';
import { healthReason, recordHealthChange } from '../services/channel-health';
import { proveCloudOwnership } from '../services/channel-ownership';
import { forgetChannelRoutes } from '../services/channel-routing';
import { numberLimiterName } from '../services/conversation-names';
import { type Database, inTenant } from '../services/db';
import { applyNumberEvents, storePairingState } from '../services/number-events';
import { conflictOn } from '../services/pg-errors';
import { parseIdParam, parseJsonBody } from '../validation';

async function liveChannel(primary: Database, tenantId: string, id: string): Promise<ChannelRow> {
  const [row] = await inTenant(primary, tenantId, (tx) =>
    tx
      .select()
      .from(channels)
      .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id), isNull(channels.removedAt)))
      .limit(1),
  );
  if (!row) throw new AppError('not_found', 'Channel not found');
  return row;
}

function limiterOf(env: AppEnv['Bindings'], tenantId: string, channelId: string) {
  return env.NUMBER_LIMITERS.getByName(numberLimiterName(tenantId, channelId));
}

export const channelRoutes = new Hono<AppEnv>()
  .get('/api/channels', authorize('channels.read'), async (c) => {
    const tenantId = c.var.agent.tid;
    const rows = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      tx
        .select()
        .from(channels)
        .where(and(eq(channels.tenantId, tenantId), isNull(channels.removedAt)))
        .orderBy(channels.createdAt),
    );
    return c.json({ channels: rows.map(channelView) });
  })
  .post('/api/channels', authorize('channels.manage'), async (c) => {
    const req = await parseJsonBody(c, CreateChannelRequest);
    const tenantId = c.var.agent.tid;
    // Asked before the insert, so a number held elsewhere is a 409 only for someone who owns it anyway.
    const proof =
      req.kind === 'whatsapp_cloud'
        ? await proveCloudOwnership(
            cloudConfig(c.env, {
              phoneNumberId: req.phoneNumberId,
              wabaId: req.wabaId,
              accessToken: req.accessToken,
            }),
          )
        : null;
    const values = await channelRowFor(c.env, tenantId, req, proof);
    // The unique index spans every tenant (RLS hides the other rows, not the index), and names no tenant.
    const [row] = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const inserted = await tx.insert(channels).values(values).returning();
      const created = inserted[0];
      if (created) {
        await recordAudit(tx, tenantId, {
          action: 'channel.created',
          actor: agentActor(c),
          target: { type: 'channel', id: created.id },
          ip: clientIp(c),
          // What was connected, never the credentials.
          details: { kind: created.kind, name: created.name, address: created.address },
        });
      }
      return inserted;
    }).catch(
      conflictOn('channels_live_address_key', 'This number or instance is already connected to a channel'),
    );
    if (!row) throw new Error('channel insert returned nothing');
    forgetChannelRoutes();
    return c.json({ channel: channelView(row) }, 201);
  })
  .post('/api/channels/:id/test', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const row = await liveChannel(c.var.dbs.primary, tenantId, id);
    if (row.kind === 'widget')
      throw new AppError('validation_failed', 'A widget channel has nothing to test');
    forgetChannelRuntime(tenantId, id);
    const runtime = await loadChannelRuntime(c.env, tenantId, id);
    if (!runtime) throw new AppError('not_found', 'Channel not found');
    const check = await createTransport(runtime.config).checkHealth();
    const health = await limiterOf(c.env, tenantId, id).tokenChecked({
      valid: check.tokenValid,
      at: Date.now(),
    });
    await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      tx
        .update(channels)
        .set({ tokenValid: check.tokenValid })
        .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id))),
    );
    if (health.changed) {
      await recordHealthChange(c.env, tenantId, id, {
        status: health.status,
        tokenValid: health.tokenValid,
        ...healthReason(health),
      });
    }
    const body: ChannelTestResponse = {
      ok: check.ok,
      tokenValid: check.tokenValid,
      detail: check.detail,
      status: health.status,
    };
    return c.json(body);
  })
  .patch('/api/channels/:id/bot', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const { botEnabled } = await parseJsonBody(c, ChannelBotRequest);
    const row = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const [updated] = await tx
        .update(channels)
        .set({ botEnabled })
        .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id), isNull(channels.removedAt)))
        .returning();
      if (!updated) throw new AppError('not_found', 'Channel not found');
      await recordAudit(tx, tenantId, {
        action: 'channel.updated',
        actor: agentActor(c),
        target: { type: 'channel', id },
        ip: clientIp(c),
        details: { name: updated.name, botEnabled },
      });
      return updated;
    });
    // Whatever this isolate cached about the channel is dropped, so its next new ticket sees the switch.
    forgetChannelRoutes();
    return c.json({ channel: channelView(row) });
  })
  .patch('/api/channels/:id', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const { messagingTier } = await parseJsonBody(c, UpdateChannelRequest);
    const row = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const live = and(eq(channels.tenantId, tenantId), eq(channels.id, id), isNull(channels.removedAt));
      const [current] = await tx.select({ kind: channels.kind }).from(channels).where(live).limit(1);
      if (!current) throw new AppError('not_found', 'Channel not found');
      if (current.kind === 'widget') {
        throw new AppError('validation_failed', 'Invalid body', [
          { path: 'messagingTier', message: 'only a WhatsApp number has a messaging tier' },
        ]);
      }
      const [updated] = await tx.update(channels).set({ messagingTier }).where(live).returning();
      if (!updated) throw new AppError('not_found', 'Channel not found');
      await recordAudit(tx, tenantId, {
        action: 'channel.updated',
        actor: agentActor(c),
        target: { type: 'channel', id },
        ip: clientIp(c),
        details: { name: updated.name, messagingTier },
      });
      return updated;
    });
    return c.json({ channel: channelView(row) });
  })
  .get('/api/channels/:id/pairing', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const row = await liveChannel(c.var.dbs.primary, tenantId, id);
    if (row.kind !== 'evolution' && row.kind !== 'uazapi') {
      throw new AppError(
        'validation_failed',
        'Só números de gateway (Evolution, Uazapi) pareiam por QR / Only gateway numbers pair by QR code',
      );
    }
    const runtime = await loadChannelRuntime(c.env, tenantId, id);
    if (!runtime || (runtime.config.kind !== 'evolution' && runtime.config.kind !== 'uazapi')) {
      throw new AppError('not_found', 'Channel not found');
    }
    const check = await checkPairing(runtime.config);
    if (!check.reached) {
      throw new AppError(
        'unavailable',
        'O gateway não respondeu; tente de novo em instantes / The gateway did not answer; try again shortly',
      );
    }
    // A live "connected" heals a number whose re-pair webhook we missed; other states are only shown.
    const route = { tenantId, channelId: id, kind: row.kind };
    if (check.state === 'paired') {
      await applyNumberEvents(c.env, route, [{ address: row.address ?? id, kind: 'paired', at: new Date() }]);
    } else {
      await storePairingState(c.env, route, check.state);
    }
    const body: PairingResponse = {
      state: check.state,
      qr: check.qr,
      qrImage: check.qrImage,
      pairingCode: check.pairingCode,
      checkedAt: new Date().toISOString(),
    };
    return c.json(body);
  })
  .get('/api/channels/:id/health', authorize('channels.read'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const row = await liveChannel(c.var.dbs.primary, tenantId, id);
    const live = await limiterOf(c.env, tenantId, id).health();
    const alerts = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      tx
        .select()
        .from(channelAlerts)
        .where(and(eq(channelAlerts.tenantId, tenantId), eq(channelAlerts.channelId, id)))
        .orderBy(desc(channelAlerts.createdAt))
        .limit(20),
    );
    return c.json({
      channel: channelView(row),
      live: {
        status: live.status,
        sent: live.sent,
        failed: live.failed,
        errorRate: live.errorRate,
        windowMs: live.windowMs,
        tokenValid: live.tokenValid,
      },
      alerts: alerts.map((a) => ({
        status: a.status,
        reason: a.reason,
        code: healthCodeOf(a.code),
        params: healthParamsOf(a.params),
        at: a.createdAt.toISOString(),
      })),
    });
  })
  .delete('/api/channels/:id', authorize('channels.manage'), async (c) => {
    const tenantId = c.var.agent.tid;
    const id = parseIdParam(c.req.param('id'), 'Channel');
    const row = await liveChannel(c.var.dbs.primary, tenantId, id);
    if (row.kind === 'widget')
      throw new AppError('validation_failed', 'The website widget channel cannot be removed');
    await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      await tx
        .update(channels)
        .set({ removedAt: new Date() })
        .where(and(eq(channels.tenantId, tenantId), eq(channels.id, id)));
      await recordAudit(tx, tenantId, {
        action: 'channel.removed',
        actor: agentActor(c),
        target: { type: 'channel', id },
        ip: clientIp(c),
        details: { kind: row.kind, name: row.name, address: row.address },
      });
    });
    forgetChannelRoutes();
    forgetChannelRuntime(tenantId, id);
    return c.body(null, 204);
  });
