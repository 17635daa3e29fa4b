// Campaigns over REST for the admin: list, create, preview an audience, edit or delete a draft, import a CSV
// of recipients, start / pause / resume / cancel (the campaign's object runs it), recipients page by page and
// the results as CSV. Supervisors and up read (campaigns.read) and change (campaigns.manage).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import {
  AudiencePreviewRequest,
  CampaignListQuery,
  CreateCampaignRequest,
  RecipientListQuery,
  UpdateCampaignRequest,
} from '../contract';
import { AppError } from '../errors';
import { authorize } from '../middleware/authorize';
import { agentActor } from '../services/audit';
import { previewAudience } from '../services/campaign-audience';
import { exportStream } from '../services/campaign-export';
import { importRecipients } from '../services/campaign-import';
import { listCampaigns, listRecipients } from '../services/campaign-lists';
import { invalid } from '../services/campaign-templates';
import { campaignRow, campaignView, recipientCounts } from '../services/campaign-view';
import {
  controlCampaign,
  createCampaign,
  deleteDraft,
  readCampaign,
  startCampaignAs,
  updateDraft,
} from '../services/campaigns';
import { inTenant } from '../services/db';
import { parseIdParam, parseJsonBody, parseQuery } from '../validation';

/** Brazilian ISPs' customer exports reach tens of thousands of lines; 5 MB holds ~100k of them. */
const CSV_MAX_BYTES = 5 * 1024 * 1024;

async function csvBody(req: Request): Promise<string> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^(text\/csv|text\/plain|application\/csv)\b/i.test(type)) {
    throw new AppError('bad_request', 'Content-Type must be text/csv');
  }
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > CSV_MAX_BYTES) throw new AppError('payload_too_large', 'The CSV is limited to 5 MB');
  const bytes = await req.arrayBuffer();
  if (bytes.byteLength > CSV_MAX_BYTES) throw new AppError('payload_too_large', 'The CSV is limited to 5 MB');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid([{ path: 'csv', message: 'the file is not UTF-8: save it as "CSV UTF-8"' }]);
  }
}

const CONTROLS = ['pause', 'resume', 'cancel'] as const;

const base = new Hono<AppEnv>()
  .get('/api/campaigns', authorize('campaigns.read'), async (c) => {
    const q = parseQuery(c, CampaignListQuery);
    const tenantId = c.var.agent.tid;
    return c.json(await inTenant(c.var.dbs.primary, tenantId, (tx) => listCampaigns(tx, tenantId, q)));
  })
  .post('/api/campaigns', authorize('campaigns.manage'), async (c) => {
    const req = await parseJsonBody(c, CreateCampaignRequest);
    const agent = c.var.agent;
    const campaign = await createCampaign(c.env, c.var.dbs, agent.tid, req, {
      by: agent.sub,
      actor: agentActor(c),
    });
    return c.json({ campaign }, 201);
  })
  .post('/api/campaigns/preview-audience', authorize('campaigns.manage'), async (c) => {
    const req = await parseJsonBody(c, AudiencePreviewRequest);
    const tenantId = c.var.agent.tid;
    return c.json(
      await inTenant(c.var.dbs.primary, tenantId, (tx) =>
        previewAudience(tx, tenantId, req.filter, req.kind),
      ),
    );
  })
  .get('/api/campaigns/:id', authorize('campaigns.read'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Campaign');
    const campaign = await readCampaign(c.env, c.var.dbs, c.var.agent.tid, id);
    if (!campaign) throw new AppError('not_found', 'Campaign not found');
    return c.json({ campaign });
  })
  .patch('/api/campaigns/:id', authorize('campaigns.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Campaign');
    const req = await parseJsonBody(c, UpdateCampaignRequest);
    return c.json({ campaign: await updateDraft(c.var.dbs, c.var.agent.tid, id, req) });
  })
  .delete('/api/campaigns/:id', authorize('campaigns.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Campaign');
    await deleteDraft(c.var.dbs, c.var.agent.tid, id, agentActor(c));
    return c.body(null, 204);
  })
  .post('/api/campaigns/:id/recipients', authorize('campaigns.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Campaign');
    const tenantId = c.var.agent.tid;
    // Found (404) before the body is read: another tenant's id learns nothing about the file's problems.
    const exists = await inTenant(c.var.dbs.primary, tenantId, (tx) => campaignRow(tx, tenantId, id));
    if (!exists) throw new AppError('not_found', 'Campaign not found');
    const text = await csvBody(c.req.raw);
    const result = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      const row = await campaignRow(tx, tenantId, id);
      if (!row) throw new AppError('not_found', 'Campaign not found');
      const report = await importRecipients(tx, tenantId, row, text);
      const fresh = (await campaignRow(tx, tenantId, id)) ?? row;
      return { report, campaign: campaignView(fresh, await recipientCounts(tx, tenantId, id)) };
    });
    return c.json(result);
  })
  .get('/api/campaigns/:id/recipients', authorize('campaigns.read'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Campaign');
    const q = parseQuery(c, RecipientListQuery);
    const tenantId = c.var.agent.tid;
    const page = await inTenant(c.var.dbs.primary, tenantId, async (tx) => {
      if (!(await campaignRow(tx, tenantId, id))) throw new AppError('not_found', 'Campaign not found');
      return listRecipients(tx, tenantId, id, q);
    });
    return c.json(page);
  })
  .get('/api/campaigns/:id/export.csv', authorize('campaigns.read'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Campaign');
    const tenantId = c.var.agent.tid;
    const row = await inTenant(c.var.dbs.primary, tenantId, (tx) => campaignRow(tx, tenantId, id));
    if (!row) throw new AppError('not_found', 'Campaign not found');
    const file = `campanha-${row.name
      .normalize('NFD')
      .replace(/[^\w-]+/g, '-')
      .slice(0, 60)}.csv`;
    return new Response(exportStream(c.env, tenantId, id), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"`,
        'cache-control': 'no-store',
      },
    });
  })
  .post('/api/campaigns/:id/start', authorize('campaigns.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Campaign');
    return c.json({ campaign: await startCampaignAs(c.env, c.var.dbs, c.var.agent.tid, id, agentActor(c)) });
  });

/** pause, resume and cancel: one handler each, the same shape. */
export const campaignRoutes = CONTROLS.reduce(
  (routes, action) =>
    routes.post(`/api/campaigns/:id/${action}`, authorize('campaigns.manage'), async (c) => {
      const id = parseIdParam(c.req.param('id'), 'Campaign');
      const campaign = await controlCampaign(c.env, c.var.dbs, c.var.agent.tid, id, action, agentActor(c));
      return c.json({ campaign });
    }),
  base,
);
