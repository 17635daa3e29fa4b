// Provider webhooks: Meta's verification handshake and signed Cloud API deliveries (one endpoint for all
// tenants, routed by phone_number_id), and the Evolution / Uazapi gateways (one URL per channel, a
// per-channel secret). Each answers 200 only once everything in it is stored. A body that is not JSON, or
// nests deeper than any payload does, is a 400; valid JSON of a shape we do not know is acknowledged (200)
// and logged, because a provider retries anything else for days. A tenant the operator suspended: its
// gateway channels get 403 tenant_suspended; its Cloud API entries are acknowledged and dropped (see below).

import type { Context } from 'hono';
import { Hono } from 'hono';
import { ZodError } from 'zod';
import type { AppEnv } from '../app-env';
import {
  webhookSecretOf as evolutionSecretOf,
  flattenEvolutionWebhook,
} from '../channels/evolution/webhook-payload';
import { cleanInbound, emptyFlattened, type FlattenedWebhook, ignoreItem } from '../channels/inbound';
import { flattenUazapiWebhook, webhookSecretOf as uazapiSecretOf } from '../channels/uazapi/webhook-payload';
import { verifyMetaSignature } from '../channels/whatsapp-cloud/signature';
import { flattenCloudWebhook } from '../channels/whatsapp-cloud/webhook-payload';
import { AppError, zodDetails } from '../errors';
import { parseJsonText } from '../json-text';
import { publicRoute } from '../middleware/authorize';
import { findCloudChannel, findGatewayChannel } from '../services/channel-routing';
import { cloudNumberEventRoutes } from '../services/cloud-number-routing';
import { sameDigest, sha256Hex } from '../services/secret-hash';
import { assertTenantActive, tenantActive } from '../services/tenant-gate';
import { type IngestSummary, ingestWebhook } from '../services/webhook-ingest';
import { parseIdParam } from '../validation';

/** Meta's payloads are a few KB; this bounds what an unauthenticated caller can make us hash. */
const WEBHOOK_MAX_BYTES = 1024 * 1024;

async function rawBody(c: Context<AppEnv>): Promise<ArrayBuffer> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > WEBHOOK_MAX_BYTES) throw new AppError('payload_too_large', 'Webhook body too large');
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > WEBHOOK_MAX_BYTES) throw new AppError('payload_too_large', 'Webhook body too large');
  return raw;
}

function parseJson(raw: ArrayBuffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new AppError('invalid_json', 'Body is not valid UTF-8 JSON');
  }
  const parsed = parseJsonText(text, 'Body');
  if (!parsed.ok) throw new AppError('invalid_json', parsed.message);
  return parsed.value;
}

/** A body that is JSON but not this provider's webhook: acknowledged and counted, never retried for ever. */
function flatten(
  body: unknown,
  flattener: (body: unknown) => FlattenedWebhook,
  what: string,
): FlattenedWebhook {
  try {
    // The one place provider text is made storable: every provider's messages pass here (text.ts rule).
    return cleanInbound(flattener(body));
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const out = emptyFlattened();
    ignoreItem(out, `not a ${what} webhook`, null, { issues: zodDetails(err).slice(0, 5) });
    return out;
  }
}

function answer(c: Context<AppEnv>, summary: IngestSummary): Response {
  if (summary.retryLater) {
    // Statuses for a message still in flight: everything else is stored; the redelivery dedupes.
    const res = c.json({ ...summary, retry: true }, 503);
    res.headers.set('retry-after', '5');
    return res;
  }
  return c.json(summary, 200);
}

function gateway(kind: 'evolution' | 'uazapi') {
  const flattener = kind === 'evolution' ? flattenEvolutionWebhook : flattenUazapiWebhook;
  const secretOf = kind === 'evolution' ? evolutionSecretOf : uazapiSecretOf;
  return async (c: Context<AppEnv>) => {
    const channelId = parseIdParam(c.req.param('channelId'), 'Channel');
    const raw = await rawBody(c);
    const channel = await findGatewayChannel(c.var.dbs, channelId);
    if (!channel || channel.kind !== kind) throw new AppError('not_found', 'Channel not found');
    const body = parseJson(raw);
    const presented =
      c.req.header('x-fio-webhook-secret') ??
      c.req.header(kind === 'evolution' ? 'apikey' : 'token') ??
      secretOf(body);
    const valid =
      presented &&
      channel.webhookSecretHash &&
      sameDigest(await sha256Hex(presented), channel.webhookSecretHash);
    if (!valid) throw new AppError('unauthorized', 'Missing or wrong webhook secret for this channel');
    // A suspended tenant's gateway is told so (403): it retries or alerts its owner; nothing is stored.
    await assertTenantActive(c.env, channel.tenantId);
    const flat = flatten(body, flattener, kind);
    const summary = await ingestWebhook(flat, {
      env: c.env,
      dbs: c.var.dbs,
      waitUntil: (p) => c.executionCtx.waitUntil(p),
      route: async () => channel,
      kind,
    });
    return answer(c, summary);
  };
}

export const whatsappWebhookRoutes = new Hono<AppEnv>()
  .get(
    '/webhooks/whatsapp',
    publicRoute("Meta's verification: the verify token is the credential"),
    async (c) => {
      const mode = c.req.query('hub.mode');
      const token = c.req.query('hub.verify_token') ?? '';
      const challenge = c.req.query('hub.challenge');
      const expected = await sha256Hex(c.env.WHATSAPP_VERIFY_TOKEN);
      if (mode === 'subscribe' && challenge && sameDigest(await sha256Hex(token), expected)) {
        return c.text(challenge, 200);
      }
      throw new AppError('forbidden', 'Webhook verification failed');
    },
  )
  .post('/webhooks/whatsapp', publicRoute('signed by Meta (X-Hub-Signature-256)'), async (c) => {
    const raw = await rawBody(c);
    if (!(await verifyMetaSignature(raw, c.req.header('x-hub-signature-256'), c.env.WHATSAPP_APP_SECRET))) {
      throw new AppError('unauthorized', 'Missing or invalid X-Hub-Signature-256');
    }
    const flat = flatten(parseJson(raw), flattenCloudWebhook, 'WhatsApp Cloud API');
    // Not `c.var.dbs.primary`: reading it opens a pool, and most deliveries are answered from caches.
    const dbs = c.var.dbs;
    const summary = await ingestWebhook(flat, {
      env: c.env,
      dbs,
      waitUntil: (p) => c.executionCtx.waitUntil(p),
      // One endpoint for every tenant: a suspended tenant's entries are left unrouted (logged, not stored)
      // and the delivery is still acknowledged, so Meta never retries or disables the endpoint for the
      // other tenants whose entries share the batch.
      route: async (address) => {
        const route = await findCloudChannel(dbs, address);
        return route && (await tenantActive(c.env, route.tenantId)) ? route : null;
      },
      numberRoutes: async (event) => {
        const routes = await cloudNumberEventRoutes(dbs, event);
        const active = await Promise.all(routes.map((r) => tenantActive(c.env, r.tenantId)));
        return routes.filter((_, i) => active[i]);
      },
      kind: 'whatsapp_cloud',
    });
    return answer(c, summary);
  })
  .post('/webhooks/evolution/:channelId', publicRoute('per-channel webhook secret'), gateway('evolution'))
  .post('/webhooks/uazapi/:channelId', publicRoute('per-channel webhook secret'), gateway('uazapi'));
