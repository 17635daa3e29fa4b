// The Worker's bindings and configuration, checked with zod once per isolate at the entry point.
import { z } from 'zod';
import type { ArchiverDO } from '../durable-objects/archiver';
import type { CampaignDO } from '../durable-objects/campaign/campaign';
import type { ConversationDO } from '../durable-objects/conversation/conversation';
import type { MetricsDO } from '../durable-objects/metrics/metrics';
import type { NumberLimiterDO } from '../durable-objects/number-limiter';
import type { RateLimiterDO } from '../durable-objects/rate-limiter/rate-limiter';
import type { TenantAccessDO } from '../durable-objects/tenant-access/tenant-access';
import type { TenantInboxDO } from '../durable-objects/tenant-inbox/tenant-inbox';
import { setLogLevel } from './services/log';

export interface Env {
  CONVERSATIONS: DurableObjectNamespace<ConversationDO>;
  NUMBER_LIMITERS: DurableObjectNamespace<NumberLimiterDO>;
  ARCHIVERS: DurableObjectNamespace<ArchiverDO>;
  TENANT_INBOX: DurableObjectNamespace<TenantInboxDO>;
  TENANT_ACCESS: DurableObjectNamespace<TenantAccessDO>;
  /** One object per rate-limited subject (sign-in account/address, widget address, API user/key …). */
  RATE_LIMITER: DurableObjectNamespace<RateLimiterDO>;
  MEDIA: R2Bucket;
  /** The deployment's metrics store (durable-objects/metrics): what /metrics and the alert checks read. */
  METRICS: DurableObjectNamespace<MetricsDO>;
  /** Workers Analytics Engine dataset for the same points (production history); absent: not written. */
  METRICS_AE?: AnalyticsEngineDataset;
  /** The web clients' static build (dist/agent): the Worker reads the widget's frame document from it. */
  ASSETS: Fetcher;
  MEDIA_QUEUE: Queue<MediaDownloadJob>;
  /** One object per campaign (`campaignObjectName`): schedule, tier, quiet hours, release of recipients. */
  CAMPAIGNS: DurableObjectNamespace<CampaignDO>;
  CAMPAIGN_QUEUE: Queue<CampaignSendJob>;
  CAMPAIGN_EVENTS_QUEUE: Queue<CampaignEventJob>;
  WEBHOOK_QUEUE: Queue<WebhookDeliveryJob>;
  /** Postgres primary as the app role (RLS applies). Neon in production, embedded Postgres locally. */
  DATABASE_URL: string;
  /** Comma-separated read replica URLs; empty means reads go to the primary. */
  DATABASE_REPLICA_URLS?: string;
  /** host:port of the local WebSocket-to-TCP bridge; unset in production (Neon speaks WebSocket itself). */
  PG_WS_PROXY?: string;
  /** Postgres connections one workerd isolate may hold at once (all its objects or requests); default 32. */
  PG_MAX_CONNECTIONS_PER_ISOLATE?: string;
  /** How long an operation waits for a free connection of that budget before failing as unavailable (ms). */
  PG_CONNECTION_WAIT_MS?: string;
  /** HMAC key for access and visitor tokens (wrangler secret / .dev.vars). */
  JWT_SECRET: string;
  /** Agent access-token lifetime in seconds (default 900); the refresh cookie renews it. */
  ACCESS_TOKEN_TTL_SECONDS?: string;
  /** How many recent events each conversation DO keeps in its own storage. */
  DO_EVENT_RETENTION?: string;
  /** How long an archiver keeps its Postgres connection after its last statement. */
  ARCHIVE_IDLE_MS?: string;
  /** Archiver objects per tenant (conversations are spread over them by id); default 2. */
  ARCHIVE_SHARDS?: string;
  /** base64 of 32 random bytes: AES-256-GCM key for channel credentials at rest. */
  CHANNEL_SECRETS_KEY: string;
  /** The Meta app's secret: X-Hub-Signature-256 on every Cloud API webhook. */
  WHATSAPP_APP_SECRET: string;
  /** What Meta must present when verifying the webhook URL. */
  WHATSAPP_VERIFY_TOKEN: string;
  /** Graph API base URL (a local simulator in dev and tests) and version path segment. */
  WHATSAPP_API_BASE?: string;
  WHATSAPP_API_VERSION?: string;
  /**
   * Comma-separated exact origins (e.g. `http://127.0.0.1:8790`) that provider calls may reach although they
   * are loopback or private addresses: the local simulator in dev and tests. Unset (none) in production.
   */
  PROVIDER_PRIVATE_ORIGINS?: string;
  /**
   * The agent app's own origin (e.g. `https://app.fio.example`) when it is served from another origin than
   * the API: the one origin that gets CORS on /api, with credentials, and the origin of links in e-mails.
   * Unset: no cross-origin caller at all, and e-mailed links use the origin the request reached.
   */
  APP_ORIGIN?: string;
  /**
   * Comma-separated client addresses that per-address rate limits skip: the local stack sets loopback
   * (tests and benches open many sessions from it). Unset (none) in production.
   */
  RATE_LIMIT_EXEMPT_ADDRESSES?: string;
  /** How long a customer may wait for a bot step (ERP and LLM included) before the watchdog hands off; 15000. */
  BOT_STEP_DEADLINE_MS?: string;
  /**
   * The platform operator's bearer token (wrangler secret): /metrics and the operator API (/api/operator/*).
   * Unset: those routes answer 503 to everyone.
   */
  OPERATOR_TOKEN?: string;
  /** Where operator alerts are POSTed (signed like tenants' webhooks with OPERATOR_WEBHOOK_SECRET); unset: none. */
  OPERATOR_WEBHOOK_URL?: string;
  OPERATOR_WEBHOOK_SECRET?: string;
  /**
   * Alert thresholds (workers/alerts/thresholds.ts has the defaults): outbox backlog in events (1000), archive
   * lag in seconds (120), SLA breach percent over the last hour (25) among at least ALERT_SLA_MIN_TICKETS (10),
   * ERP error percent (50) among at least ALERT_ERP_MIN_CALLS (5) a minute, LLM errors a minute (3).
   */
  ALERT_OUTBOX_BACKLOG?: string;
  ALERT_ARCHIVE_LAG_SECONDS?: string;
  ALERT_SLA_BREACH_PERCENT?: string;
  ALERT_SLA_MIN_TICKETS?: string;
  ALERT_ERP_ERROR_PERCENT?: string;
  ALERT_ERP_MIN_CALLS?: string;
  ALERT_LLM_ERRORS?: string;
  /** debug | info (default) | warn | error. */
  LOG_LEVEL?: string;
  /**
   * '1' lets tests move a Durable Object's clock (durable-objects/object-clock.ts) so timers that span a
   * weekend run in seconds through the same code. Unset everywhere but the workerd test pool.
   */
  FIO_TEST_CLOCK?: string;
  /** An inbox dashboard silent this long (no frame, no ping) is closed: its agent may go offline; 90. */
  INBOX_SILENCE_SECONDS?: string;
  /**
   * The HTTP e-mail API's endpoint (Resend/Postmark style JSON POST), its bearer key and the From address.
   * Unset: e-mails are only logged (workers/mail/log-mailer.ts). The dev stack points it at its simulator.
   */
  MAIL_API_URL?: string;
  MAIL_API_KEY?: string;
  MAIL_FROM?: string;
  /**
   * Outgoing webhooks' waits between attempts, comma-separated milliseconds (default about a day: 10 s, 30 s,
   * 2 min … 8 h); after the last the delivery is dead. Tests set a short one.
   */
  WEBHOOK_RETRY_SCHEDULE_MS?: string;
  /** Campaign runner: ms before a restart's losses are acted on (default 30 s; durable-objects/campaign/recovery.ts). */
  CAMPAIGN_RECOVERY_MS?: string;
  ENVIRONMENT?: string;
}

/** A queued download of one inbound media message into R2. */
export interface MediaDownloadJob {
  tenantId: string;
  conversationId: string;
  channelId: string;
  messageSeq: number;
  mediaId: string;
  kind: 'image' | 'audio' | 'video' | 'document' | 'sticker';
  mimeType: string | null;
  filename: string | null;
}

/** One released campaign recipient for the fan-out consumer (workers/queues/campaign-fanout.ts). */
export interface CampaignSendJob {
  tenantId: string;
  campaignId: string;
  recipientId: string;
}

/** What a conversation object saw happen to a campaign message (workers/queues/campaign-events.ts). */
export interface CampaignEventJob {
  tenantId: string;
  campaignId: string;
  recipientId: string;
  state: 'sent' | 'delivered' | 'read' | 'replied' | 'failed';
  /** Epoch ms when it happened (the fold keeps the first time of each state). */
  at: number;
  externalId?: string | null;
  error?: { code: number | null; title: string } | null;
}

/** One outgoing webhook delivery to attempt (workers/queues/webhook-delivery.ts). */
export interface WebhookDeliveryJob {
  tenantId: string;
  deliveryId: string;
}

export const EnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_REPLICA_URLS: z.string().optional(),
  PG_WS_PROXY: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'host:port')
    .optional(),
  PG_MAX_CONNECTIONS_PER_ISOLATE: z.coerce.number().int().min(1).max(1_000).optional(),
  PG_CONNECTION_WAIT_MS: z.coerce.number().int().min(1).max(120_000).optional(),
  JWT_SECRET: z.string().min(32, 'at least 32 characters'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).optional(),
  DO_EVENT_RETENTION: z.coerce.number().int().min(1).optional(),
  ARCHIVE_IDLE_MS: z.coerce.number().int().min(0).optional(),
  ARCHIVE_SHARDS: z.coerce.number().int().min(1).max(64).optional(),
  CHANNEL_SECRETS_KEY: z.base64().refine((s) => atob(s).length === 32, '32 bytes, base64'),
  WHATSAPP_APP_SECRET: z.string().min(8, 'at least 8 characters'),
  WHATSAPP_VERIFY_TOKEN: z.string().min(8, 'at least 8 characters'),
  WHATSAPP_API_BASE: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  APP_ORIGIN: z
    .string()
    .refine((s) => s === '' || isOrigin(s), 'an origin like https://app.fio.example (no path)')
    .optional(),
  MAIL_API_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).optional(),
  OPERATOR_TOKEN: z.union([z.literal(''), z.string().min(24, 'at least 24 characters')]).optional(),
  OPERATOR_WEBHOOK_URL: z.union([z.literal(''), z.url()]).optional(),
  PROVIDER_PRIVATE_ORIGINS: z
    .string()
    .refine((s) => listOf(s).every(isOrigin), 'comma-separated origins like http://127.0.0.1:8790 (no path)')
    .optional(),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'like v23.0')
    .optional(),
});

let checked = false;

/** Throws a readable error at the first request if configuration is missing, instead of failing deep inside. */
export function assertEnv(env: Env): void {
  if (checked) return;
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Fio is misconfigured: ${problems}`);
  }
  setLogLevel(env.LOG_LEVEL);
  checked = true;
}

function isOrigin(s: string): boolean {
  return URL.canParse(s) && new URL(s).origin === s.replace(/\/+$/, '');
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function replicaUrls(env: Env): string[] {
  return listOf(env.DATABASE_REPLICA_URLS);
}

/** The loopback/private provider origins this deployment allows (none unless configured). */
export function providerPrivateOrigins(env: Env): string[] {
  return listOf(env.PROVIDER_PRIVATE_ORIGINS);
}

export function accessTokenTtl(env: Env): number {
  return Number(env.ACCESS_TOKEN_TTL_SECONDS ?? 900);
}

export function rateLimitExemptAddresses(env: Env): string[] {
  return listOf(env.RATE_LIMIT_EXEMPT_ADDRESSES);
}

export function eventRetention(env: Env): number {
  return Number(env.DO_EVENT_RETENTION ?? 1000);
}

export function archiveShards(env: Env): number {
  return Number(env.ARCHIVE_SHARDS ?? 2);
}

export function archiveIdleMs(env: Env): number {
  return Number(env.ARCHIVE_IDLE_MS ?? 10_000);
}

/** What a cross-origin caller of /api may do: only named origins get CORS at all. */
export interface CorsGrant {
  credentials: boolean;
}

/**
 * The agent app's origin (APP_ORIGIN) gets CORS with credentials everywhere on /api. The widget's sites are
 * per channel (its settings' allowedOrigins): the /api/widget/* routes grant them, without credentials, once
 * they have looked the channel up (middleware/cors.ts).
 */
export function corsGrant(env: Env, origin: string): CorsGrant | null {
  const app = env.APP_ORIGIN?.replace(/\/+$/, '');
  if (app && origin === app) return { credentials: true };
  return null;
}
