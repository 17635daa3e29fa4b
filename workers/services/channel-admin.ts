// Adding and removing WhatsApp numbers: a create request becomes a row with non-secret settings, sealed
// credentials and the digest of the gateway's webhook secret; rows become the admin's view (no secrets).
// A Cloud number's row is built only from a proof of ownership (channel-ownership.ts).
// A gateway's base URL must be a public address (or one the deployment allows): the same rule every call to
// it meets later, checked up front so an admin learns at once and nothing is stored.
import type { channels } from '../../drizzle/schema';
import { baseUrlProblem } from '../channels/egress';
import {
  ChannelHealthCode,
  type ChannelView,
  type CreateChannelRequest,
  HealthParams,
  MessagingTier,
} from '../contract';
import { type Env, providerPrivateOrigins } from '../env';
import { AppError } from '../errors';
import type { CloudNumberProof } from './channel-ownership';
import { sealJson } from './secret-box';
import { sha256Hex } from './secret-hash';

export type ChannelRow = typeof channels.$inferSelect;

/** Refuses a gateway base URL on our own network (loopback, private, link-local …) before anything is stored. */
export function assertGatewayBaseUrl(env: Env, baseUrl: string): void {
  const problem = baseUrlProblem(baseUrl, providerPrivateOrigins(env));
  if (!problem) return;
  throw new AppError('validation_failed', 'Invalid body', [
    {
      path: 'baseUrl',
      message: `Endereço do provedor não permitido (provider address not allowed): ${problem}`,
    },
  ]);
}

/** `proof`: what the Graph API answered for a Cloud number's token (required for whatsapp_cloud). */
export async function channelRowFor(
  env: Env,
  tenantId: string,
  req: CreateChannelRequest,
  proof: CloudNumberProof | null,
): Promise<typeof channels.$inferInsert> {
  if (req.kind !== 'whatsapp_cloud') assertGatewayBaseUrl(env, req.baseUrl);
  const id = crypto.randomUUID();
  const pacing = {
    ...(req.ratePerSecond !== undefined ? { ratePerSecond: req.ratePerSecond } : {}),
    ...(req.pairIntervalMs !== undefined ? { pairIntervalMs: req.pairIntervalMs } : {}),
    ...(req.pairBurst !== undefined ? { pairBurst: req.pairBurst } : {}),
  };
  const base = { id, tenantId, kind: req.kind, name: req.name, botEnabled: req.botEnabled };
  switch (req.kind) {
    case 'whatsapp_cloud':
      if (!proof) throw new Error('a Cloud API number is stored only with a proof of ownership');
      return {
        ...base,
        address: req.phoneNumberId,
        settings: {
          phoneNumberId: req.phoneNumberId,
          wabaId: req.wabaId,
          // Meta's own rendering wins over what the admin typed.
          displayPhoneNumber: proof.displayPhoneNumber ?? req.displayPhoneNumber ?? null,
          verifiedName: proof.verifiedName,
          ...pacing,
        },
        credentials: await sealJson(env.CHANNEL_SECRETS_KEY, { accessToken: req.accessToken }, id),
      };
    case 'evolution':
      return {
        ...base,
        address: req.instance,
        settings: { baseUrl: req.baseUrl, instance: req.instance, ...pacing },
        credentials: await sealJson(env.CHANNEL_SECRETS_KEY, { apiKey: req.apiKey }, id),
        webhookSecretHash: await sha256Hex(req.webhookSecret ?? req.apiKey),
      };
    case 'uazapi':
      return {
        ...base,
        address: req.instanceName,
        settings: { baseUrl: req.baseUrl, instanceName: req.instanceName, ...pacing },
        credentials: await sealJson(env.CHANNEL_SECRETS_KEY, { instanceToken: req.instanceToken }, id),
        webhookSecretHash: await sha256Hex(req.webhookSecret ?? req.instanceToken),
      };
  }
}

function webhookPath(row: ChannelRow): string | null {
  if (row.kind === 'whatsapp_cloud') return '/webhooks/whatsapp';
  if (row.kind === 'evolution' || row.kind === 'uazapi') return `/webhooks/${row.kind}/${row.id}`;
  return null;
}

export function channelView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    settings: (row.settings ?? {}) as Record<string, unknown>,
    webhookPath: webhookPath(row),
    botEnabled: row.botEnabled,
    messagingTier: tierOf(row.messagingTier),
    health: {
      status: row.healthStatus,
      reason: row.healthReason,
      code: healthCodeOf(row.healthCode),
      params: healthParamsOf(row.healthParams),
      tokenValid: row.tokenValid,
      lastWebhookAt: row.lastWebhookAt?.toISOString() ?? null,
      changedAt: row.healthChangedAt?.toISOString() ?? null,
    },
    createdAt: row.createdAt.toISOString(),
  };
}

function tierOf(value: string): MessagingTier {
  const parsed = MessagingTier.safeParse(value);
  return parsed.success ? parsed.data : 'TIER_250';
}

/** A stored health code as the contract's enum (null for rows written before codes, or an unknown one). */
export function healthCodeOf(value: string | null): ChannelHealthCode | null {
  const parsed = ChannelHealthCode.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function healthParamsOf(value: unknown): HealthParams | null {
  const parsed = HealthParams.safeParse(value);
  return parsed.success ? parsed.data : null;
}
