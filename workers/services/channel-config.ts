// A WhatsApp channel as the senders need it: settings (zod-checked), credentials opened from their sealed
// form, and the pacing limits. Read by conversation objects and the media queue; cached briefly per isolate
// so a burst of sends costs one query and one decryption.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { channels } from '../../drizzle/schema';
import type { ChannelConfig } from '../channels/outbound';
import { type Pacing, PacingSettings } from '../contract';
import { type Env, providerPrivateOrigins } from '../env';
import { inTenant, openDatabases } from './db';
import { openJson } from './secret-box';
import { TtlCache } from './ttl-cache';

export const CloudSettings = PacingSettings.extend({
  phoneNumberId: z.string().regex(/^\d{5,20}$/, 'digits'),
  wabaId: z.string().regex(/^\d{5,20}$/, 'digits'),
  displayPhoneNumber: z.string().max(32).nullable().default(null),
});
export const EvolutionSettings = PacingSettings.extend({
  baseUrl: z.url({ protocol: /^https?$/ }),
  instance: z.string().min(1).max(100),
});
export const UazapiSettings = PacingSettings.extend({
  baseUrl: z.url({ protocol: /^https?$/ }),
  instanceName: z.string().min(1).max(100),
});

export const CloudCredentials = z.object({ accessToken: z.string().min(10).max(1024) });
export const EvolutionCredentials = z.object({ apiKey: z.string().min(8).max(512) });
export const UazapiCredentials = z.object({ instanceToken: z.string().min(8).max(512) });

export interface ChannelRuntime {
  tenantId: string;
  channelId: string;
  kind: ChannelConfig['kind'];
  config: ChannelConfig;
  pacing: Pacing;
}

const CACHE_MS = 30_000;
const cache = new TtlCache<ChannelRuntime | null>(CACHE_MS, 1_000);

/** Builds the transport config from a row's settings and opened credentials; throws on a malformed row. */
export function channelConfig(
  env: Env,
  kind: string,
  settings: unknown,
  credentials: unknown,
): { config: ChannelConfig; pacing: Pacing } {
  const { config, settings: s } = transportConfig(env, kind, settings, credentials);
  return {
    config: { ...config, privateOrigins: providerPrivateOrigins(env) },
    pacing: { ratePerSecond: s.ratePerSecond, pairIntervalMs: s.pairIntervalMs, pairBurst: s.pairBurst },
  };
}

type CloudConfig = Extract<ChannelConfig, { kind: 'whatsapp_cloud' }>;

/** The Graph API client config for a Cloud number: the configured Graph host and version, this token. */
export function cloudConfig(
  env: Env,
  number: { phoneNumberId: string; wabaId: string; accessToken: string },
): CloudConfig {
  return {
    kind: 'whatsapp_cloud',
    apiBase: (env.WHATSAPP_API_BASE ?? 'https://graph.facebook.com').replace(/\/+$/, ''),
    apiVersion: env.WHATSAPP_API_VERSION ?? 'v23.0',
    privateOrigins: providerPrivateOrigins(env),
    ...number,
  };
}

function transportConfig(
  env: Env,
  kind: string,
  settings: unknown,
  credentials: unknown,
): { config: ChannelConfig; settings: Pacing } {
  switch (kind) {
    case 'whatsapp_cloud': {
      const s = CloudSettings.parse(settings);
      const c = CloudCredentials.parse(credentials);
      return {
        settings: s,
        config: cloudConfig(env, {
          phoneNumberId: s.phoneNumberId,
          wabaId: s.wabaId,
          accessToken: c.accessToken,
        }),
      };
    }
    case 'evolution': {
      const s = EvolutionSettings.parse(settings);
      const c = EvolutionCredentials.parse(credentials);
      return {
        settings: s,
        config: { kind, baseUrl: s.baseUrl.replace(/\/+$/, ''), instance: s.instance, apiKey: c.apiKey },
      };
    }
    case 'uazapi': {
      const s = UazapiSettings.parse(settings);
      const c = UazapiCredentials.parse(credentials);
      return {
        settings: s,
        config: { kind, baseUrl: s.baseUrl.replace(/\/+$/, ''), instanceToken: c.instanceToken },
      };
    }
    default:
      throw new Error(`channel kind ${kind} cannot send WhatsApp messages`);
  }
}

/** The live channel, or null when it was removed (or is not a WhatsApp channel). Postgres errors throw. */
export async function loadChannelRuntime(
  env: Env,
  tenantId: string,
  channelId: string,
): Promise<ChannelRuntime | null> {
  const key = `${tenantId}:${channelId}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const dbs = openDatabases(env);
  let row:
    | { kind: string; settings: unknown; credentials: string | null; removedAt: Date | null }
    | undefined;
  try {
    [row] = await inTenant(dbs.primary, tenantId, (tx) =>
      tx
        .select({
          kind: channels.kind,
          settings: channels.settings,
          credentials: channels.credentials,
          removedAt: channels.removedAt,
        })
        .from(channels)
        .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channelId)))
        .limit(1),
    );
  } finally {
    await dbs.close();
  }
  let runtime: ChannelRuntime | null = null;
  if (row && !row.removedAt && row.credentials && row.kind !== 'widget') {
    const credentials = await openJson<unknown>(env.CHANNEL_SECRETS_KEY, row.credentials, channelId);
    const { config, pacing } = channelConfig(env, row.kind, row.settings, credentials);
    runtime = { tenantId, channelId, kind: config.kind, config: { ...config, channelId }, pacing };
  }
  cache.set(key, runtime);
  return runtime;
}

export function forgetChannelRuntime(tenantId: string, channelId: string): void {
  cache.delete(`${tenantId}:${channelId}`);
}
