// The bot's flow in the admin: versions (list, read, save a draft, publish = go live or roll back), a check
// that answers the editor with issues pointing at steps, and the preview chat. Owners and admins (bot.flows).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { initialBotState } from '../bot/engine';
import { FlowRequest, FlowVersionNumber, PreviewRequest, type PreviewResponse } from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor } from '../services/audit';
import { checkTenantFlow } from '../services/bot-flow-check';
import {
  flowRaced,
  getFlowVersion,
  listFlowVersions,
  publishFlowVersion,
  saveFlowDraft,
} from '../services/bot-flows';
import { runPreview } from '../services/bot-preview';
import { previewTools } from '../services/bot-preview-erp';
import { inTenant } from '../services/db';
import { parseJsonBody } from '../validation';

/** A flow is a document: 200 steps of texts can pass the usual 64 KiB. */
const FLOW_BODY_MAX_BYTES = 512 * 1024;

function versionParam(value: string | undefined): number {
  const parsed = FlowVersionNumber.safeParse(value);
  if (!parsed.success || !/^[1-9][0-9]*$/.test(value ?? '')) {
    throw new AppError('not_found', 'Flow version not found');
  }
  return parsed.data;
}

export const botFlowRoutes = new Hono<AppEnv>()
  .get('/api/admin/bot/flows', authorize('bot.flows'), async (c) => {
    const tenantId = c.var.agent.tid;
    const versions = await inTenant(c.var.dbs.primary, tenantId, (tx) => listFlowVersions(tx, tenantId));
    const published = versions.find((v) => v.state === 'published')?.version ?? null;
    return c.json({ versions, published });
  })
  .get('/api/admin/bot/flows/:version', authorize('bot.flows'), async (c) => {
    const version = versionParam(c.req.param('version'));
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => getFlowVersion(tx, tenantId, version)));
  })
  .post('/api/admin/bot/flows/validate', authorize('bot.flows'), async (c) => {
    const { flow } = await parseJsonBody(c, FlowRequest, FLOW_BODY_MAX_BYTES);
    const tenantId = c.var.agent.tid;
    const checked = await inTenant(c.var.dbs.primary, tenantId, (tx) => checkTenantFlow(tx, tenantId, flow));
    return c.json({ issues: checked.ok ? [] : checked.issues });
  })
  .post('/api/admin/bot/flows', authorize('bot.flows'), async (c) => {
    const { flow } = await parseJsonBody(c, FlowRequest, FLOW_BODY_MAX_BYTES);
    const tenantId = c.var.agent.tid;
    const saved = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      saveFlowDraft(tx, tenantId, flow, agentActor(c)),
    ).catch(flowRaced);
    return c.json(saved, 201);
  })
  .post('/api/admin/bot/flows/:version/publish', authorize('bot.flows'), async (c) => {
    const version = versionParam(c.req.param('version'));
    const tenantId = c.var.agent.tid;
    const published = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      publishFlowVersion(tx, tenantId, version, agentActor(c)),
    ).catch(flowRaced);
    return c.json(published);
  })
  .post('/api/admin/bot/preview', authorize('bot.flows'), async (c) => {
    const req = await parseJsonBody(c, PreviewRequest, FLOW_BODY_MAX_BYTES);
    const tenantId = c.var.agent.tid;
    const checked = await inTenant(c.var.dbs.primary, tenantId, (tx) =>
      checkTenantFlow(tx, tenantId, req.flow),
    );
    if (!checked.ok) {
      const refused: PreviewResponse = {
        state: req.state ?? initialBotState(),
        replies: [],
        actions: [],
        pending: null,
        issues: checked.issues,
      };
      return c.json(refused);
    }
    const tools = await previewTools(c.var.dbs.primary, c.env, tenantId);
    return c.json(await runPreview(checked.flow, req.state ?? null, req.input, tools));
  });
