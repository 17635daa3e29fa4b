// /api/v1/campaigns: create a draft and start it (campaigns:write), read one with its live counts and list
// them (campaigns:read), through the same campaign services the admin uses (template checked against the
// approved one, schedule in the future, audience materialised at start).
import { createRoute } from '@hono/zod-openapi';
import { CreateCampaignRequest, V1CampaignList, V1CampaignQuery, V1CampaignResponse } from '../../contract';
import { AppError } from '../../errors';
import { authorize } from '../../middleware/authorize';
import { listCampaigns } from '../../services/api-campaigns';
import { createCampaign, readCampaign, startCampaign } from '../../services/campaigns';
import { parseIdParam } from '../../validation';
import { errors, IdParam, jsonBody, jsonRequest, keyOf, ok, security, v1Router } from './common';

const tags = ['Campanhas · Campaigns'];

const create = createRoute({
  method: 'post',
  path: '/api/v1/campaigns',
  operationId: 'createCampaign',
  tags,
  summary: 'Create a campaign (a draft)',
  description:
    'One approved template (two for an A/B split) with one variable source per `{{n}}`, an audience filter, ' +
    'an optional schedule in the future and quiet hours. Start it with `POST /api/v1/campaigns/{id}/start`.',
  security,
  middleware: [authorize('campaigns.manage', { apiKeys: 'only' }), jsonBody] as const,
  request: jsonRequest(CreateCampaignRequest),
  responses: { 201: ok(V1CampaignResponse, 'The draft campaign'), ...errors(400, 404) },
});

const start = createRoute({
  method: 'post',
  path: '/api/v1/campaigns/{id}/start',
  operationId: 'startCampaign',
  tags,
  summary: 'Start (or schedule) a campaign',
  description:
    'The audience becomes recipients (opted-out contacts are counted as skipped) and sending begins.',
  security,
  middleware: [authorize('campaigns.manage', { apiKeys: 'only' })] as const,
  request: { params: IdParam },
  responses: { 200: ok(V1CampaignResponse, 'The campaign, running or scheduled'), ...errors(404, 409) },
});

const read = createRoute({
  method: 'get',
  path: '/api/v1/campaigns/{id}',
  operationId: 'getCampaign',
  tags,
  summary: 'A campaign with its progress',
  description: 'Counts per recipient state (and per arm when split) and when the next recipients may go.',
  security,
  middleware: [authorize('campaigns.read', { apiKeys: 'only' })] as const,
  request: { params: IdParam },
  responses: { 200: ok(V1CampaignResponse, 'The campaign'), ...errors(404) },
});

const list = createRoute({
  method: 'get',
  path: '/api/v1/campaigns',
  operationId: 'listCampaigns',
  tags,
  summary: 'List campaigns, newest first',
  security,
  middleware: [authorize('campaigns.read', { apiKeys: 'only' })] as const,
  request: { query: V1CampaignQuery },
  responses: { 200: ok(V1CampaignList, 'A page of campaigns'), ...errors(400) },
});

export const v1CampaignRoutes = v1Router()
  .openapi(create, async (c) => {
    const key = keyOf(c);
    const campaign = await createCampaign(c.env, c.var.dbs, key.tid, c.req.valid('json'), { by: null });
    return c.json({ campaign }, 201);
  })
  .openapi(start, async (c) => {
    const key = keyOf(c);
    const id = parseIdParam(c.req.valid('param').id, 'Campaign');
    // Not this tenant's: 404 before anything else happens.
    if (!(await readCampaign(c.env, c.var.dbs, key.tid, id)))
      throw new AppError('not_found', 'Campaign not found');
    return c.json({ campaign: await startCampaign(c.env, c.var.dbs, key.tid, id, null) }, 200);
  })
  .openapi(read, async (c) => {
    const key = keyOf(c);
    const id = parseIdParam(c.req.valid('param').id, 'Campaign');
    const campaign = await readCampaign(c.env, c.var.dbs, key.tid, id);
    if (!campaign) throw new AppError('not_found', 'Campaign not found');
    return c.json({ campaign }, 200);
  })
  .openapi(list, async (c) => {
    const key = keyOf(c);
    return c.json(await listCampaigns(c.env, c.var.dbs, key.tid, c.req.valid('query')), 200);
  });
