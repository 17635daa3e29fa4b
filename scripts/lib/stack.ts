// The whole local product in one call: Postgres (embedded primary + replica, or $DATABASE_URL), the
// WebSocket bridge, migrations, the demo seed (two providers with their bots), the WhatsApp, e-mail, ERP and
// LLM simulators, the demo host site embedding the website widget, and the Worker in workerd. Used by
// `npm run dev`, the end-to-end tests and the benchmarks, so all three run the same thing.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type MailSimulator, startMailSimulator } from '../mail-simulator/server';
import { appRoleUrl, enableAppRoleLogin, migrate } from '../migrate';
import {
  DEMO_TENANT,
  FIBRA_TENANT,
  type SeedCloudNumber,
  type SeededTenant,
  seedCloudNumber,
  seedTenant,
} from '../seed';
import { startWebhookReceiver, type WebhookReceiver } from '../webhook-receiver/server';
import { startWhatsAppSimulator, type WhatsAppSimulator } from '../whatsapp-simulator/server';
import { setAllowedOrigins } from '../widget-host/seed';
import { startWidgetHost, type WidgetHost } from '../widget-host/server';
import { buildAgentApp } from './app-build';
import { type BotSimulators, seedBots, startBotSimulators } from './bot-stack';
import { findFreePort } from './free-port';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster';
import { type WorkerProcess, workerProcess } from './worker-process';
import { startWsBridge, type WsBridge } from './ws-bridge';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

export interface StackOptions {
  /** Where Postgres data, DO storage, secrets and logs live (git-ignored). */
  dataDir: string;
  fresh?: boolean;
  workerPort?: number;
  /** Use this Postgres (owner role) instead of the embedded one. */
  databaseUrl?: string;
  appDatabaseUrl?: string;
  replicaUrls?: string[];
  eventRetention?: number;
  echoWorkerLogs?: boolean;
  /** The Worker's LOG_LEVEL (default info, or $LOG_LEVEL). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Rebuild the agent client even if a build exists (npm run dev does). */
  rebuildApp?: boolean;
  /** Port of the WhatsApp Graph API simulator (0 or unset: any free port). */
  simulatorPort?: number;
  /** The simulator reports sent → delivered → read by itself, like a phone would (dev). */
  simulatorAutoStatuses?: boolean;
  /** Agent access-token lifetime (default: $ACCESS_TOKEN_TTL_SECONDS, else the Worker's 900 s); tests shorten it. */
  accessTokenTtlSeconds?: number;
  /** Port of the e-mail API simulator and dev mailbox (0 or unset: any free port). */
  mailPort?: number;
  /** Port of the outgoing-webhook receiver simulator (0 or unset: any free port). */
  webhookReceiverPort?: number;
  /** The Worker's WEBHOOK_RETRY_SCHEDULE_MS (unset: the day-long default); tests shorten it. */
  webhookRetryScheduleMs?: string;
  /** The Worker's CAMPAIGN_RECOVERY_MS (unset: 30 s); the campaign e2e shortens the wait after a restart. */
  campaignRecoveryMs?: number;
  /** Ports of the ERP (IXC + SGP) and LLM simulators (0 or unset: any free port). */
  erpPort?: number;
  llmPort?: number;
  /**
   * Switch the bot on for the seeded providers' WhatsApp numbers (npm run dev and the bot's tests do). Off by
   * default, so suites about people's work see their customers' messages reach the queue untouched.
   */
  bot?: boolean;
  /** Ports of the demo host site and its "stranger" copy (0 or unset: any free port). */
  widgetHostPort?: number;
  widgetStrangerPort?: number;
  /** HTTP Worker processes on the one objects process (default 1; the scale run starts more: worker-process.ts). */
  httpProcesses?: number;
  /**
   * Postgres sessions reused across the Worker's connections by the local bridge (pg-session-pool.ts), as the
   * pooler in front of production's Postgres does. Off by default; the scale run turns it on.
   */
  pgSessionPool?: boolean;
}

/** The demo tenant's WhatsApp number, served by the local Graph API simulator. */
export const DEMO_NUMBER: Omit<SeedCloudNumber, 'accessToken'> = {
  name: 'WhatsApp Demo',
  phoneNumberId: '100000000000001',
  wabaId: '200000000000001',
  displayPhoneNumber: '5511900000001',
};

/** The demo number's access token, in the data dir (to connect the number again after removing it). */
export const DEMO_TOKEN_FILE = 'demo-whatsapp-token';

/** Fibra Sul's WhatsApp number (the SGP provider), on the same simulator. */
export const FIBRA_NUMBER: Omit<SeedCloudNumber, 'accessToken'> = {
  name: 'WhatsApp Fibra Sul',
  phoneNumberId: '100000000000002',
  wabaId: '200000000000002',
  displayPhoneNumber: '5551900000002',
};
export const FIBRA_TOKEN_FILE = 'fibra-whatsapp-token';

/**
 * The demo tenant's second number, in the same WABA: numbers as a pool (a customer continued on another
 * number when one is banned in the simulator) show in the demo.
 */
export const DEMO_NUMBER_B: Omit<SeedCloudNumber, 'accessToken'> = {
  name: 'WhatsApp Demo 2',
  phoneNumberId: '100000000000003',
  wabaId: '200000000000001',
  displayPhoneNumber: '5511900000003',
};
export const DEMO_TOKEN_FILE_B = 'demo-whatsapp-token-2';

export interface Stack {
  workerUrl: string;
  ownerUrl: string;
  appUrl: string;
  replicaUrls: string[];
  cluster: PostgresCluster | null;
  demo: SeededTenant & { whatsappChannelId: string };
  /** The second provider (ERP: SGP), with its own number. */
  fibra: SeededTenant & { whatsappChannelId: string };
  /** The ERP simulator (IXC for demo, SGP for fibra) and the LLM simulator both tenants use. */
  erp: BotSimulators['erp'];
  llm: BotSimulators['llm'];
  worker: WorkerProcess;
  whatsapp: WhatsAppSimulator;
  /** The e-mail API simulator the Worker sends through; its page is the dev mailbox. */
  mail: MailSimulator;
  /** The stand-in for an ISP's system receiving outgoing webhooks (`/hooks/<name>`; its page lists arrivals). */
  webhookReceiver: WebhookReceiver;
  /** The secrets the Worker was started with that outside callers need (signing webhooks, verification). */
  secrets: {
    whatsappAppSecret: string;
    whatsappVerifyToken: string;
    channelSecretsKey: string;
    /** The platform operator's bearer token: /metrics and /api/operator/* (npm run tenant uses it). */
    operatorToken: string;
    /** Signs operator alerts to the receiver's hook `operator` (OPERATOR_WEBHOOK_URL). */
    operatorWebhookSecret: string;
  };
  /**
   * The demo host site embedding the demo tenant's widget channel (`channelId`): `url` is on that channel's
   * allowed origins, `strangerUrl` (the same page) is not.
   */
  widgetHost: Omit<WidgetHost, 'stop'>;
  stop(): Promise<void>;
}

/** A random secret kept in the data dir, so restarts keep tokens and the app role's password valid. */
function persistentSecret(
  dataDir: string,
  name: string,
  encoding: 'base64url' | 'base64' = 'base64url',
): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(32).toString(encoding);
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';
}

function accessTokenTtl(opts: StackOptions): { ACCESS_TOKEN_TTL_SECONDS?: string } {
  const ttl = opts.accessTokenTtlSeconds ?? process.env.ACCESS_TOKEN_TTL_SECONDS;
  return ttl === undefined ? {} : { ACCESS_TOKEN_TTL_SECONDS: String(ttl) };
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dataDir = resolve(opts.dataDir);
  if (opts.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
    cleanups.length = 0;
  };
  try {
    let cluster: PostgresCluster | null = null;
    let ownerUrl: string;
    let appUrl: string;
    let replicaUrls: string[];
    if (opts.databaseUrl) {
      ownerUrl = opts.databaseUrl;
      await migrate(ownerUrl);
      // Never the owner: the Worker refuses a role that bypasses row-level security. Without an app role URL
      // of its own, the fio_app role the migrations create logs in with a password kept in the data dir.
      if (opts.appDatabaseUrl) {
        appUrl = opts.appDatabaseUrl;
      } else {
        const password = persistentSecret(dataDir, 'app-role-password');
        await enableAppRoleLogin(ownerUrl, password);
        appUrl = appRoleUrl(ownerUrl, password);
      }
      replicaUrls = opts.replicaUrls ?? [];
    } else {
      cluster = await startPostgresCluster({ dataDir: join(dataDir, 'postgres'), database: 'fio' });
      const c = cluster;
      cleanups.push(() => c.stop());
      ownerUrl = cluster.primaryUrl;
      await migrate(ownerUrl);
      const password = persistentSecret(dataDir, 'app-role-password');
      await enableAppRoleLogin(ownerUrl, password);
      appUrl = appRoleUrl(ownerUrl, password);
      replicaUrls = cluster.replicaUrl ? [appRoleUrl(cluster.replicaUrl, password)] : [];
    }
    const secrets = {
      whatsappAppSecret: process.env.WHATSAPP_APP_SECRET ?? persistentSecret(dataDir, 'whatsapp-app-secret'),
      whatsappVerifyToken:
        process.env.WHATSAPP_VERIFY_TOKEN ?? persistentSecret(dataDir, 'whatsapp-verify-token'),
      channelSecretsKey:
        process.env.CHANNEL_SECRETS_KEY ?? persistentSecret(dataDir, 'channel-secrets-key', 'base64'),
      operatorToken: process.env.OPERATOR_TOKEN ?? persistentSecret(dataDir, 'operator-token'),
      operatorWebhookSecret:
        process.env.OPERATOR_WEBHOOK_SECRET ?? persistentSecret(dataDir, 'operator-webhook-secret'),
    };
    const whatsapp = await startWhatsAppSimulator({
      port: opts.simulatorPort ?? 0,
      appSecret: secrets.whatsappAppSecret,
      autoStatuses: opts.simulatorAutoStatuses ?? false,
    });
    cleanups.push(() => whatsapp.stop());
    const mailApiKey = randomBytes(16).toString('base64url');
    const mail = await startMailSimulator({ port: opts.mailPort ?? 0, apiKey: mailApiKey });
    cleanups.push(() => mail.stop());
    const webhookReceiver = await startWebhookReceiver({ port: opts.webhookReceiverPort ?? 0 });
    cleanups.push(() => webhookReceiver.stop());
    // Operator alerts (workers/alerts) arrive at the receiver's hook `operator`, their signatures checked.
    webhookReceiver.store.configure('operator', secrets.operatorWebhookSecret, {});
    const sims = await startBotSimulators({ erp: opts.erpPort, llm: opts.llmPort });
    cleanups.push(() => sims.erp.close());
    cleanups.push(() => sims.llm.close());
    // Each number's own token, known to the simulator (Meta) and sealed in its tenant's channel alike: the
    // simulator refuses any other token, as the Graph API does.
    const seedNumber = async (
      tenant: { tenantId: string },
      spec: typeof DEMO_TENANT,
      number: Omit<SeedCloudNumber, 'accessToken'>,
      tokenFile: string,
    ) => {
      const withToken = { ...number, accessToken: persistentSecret(dataDir, tokenFile) };
      whatsapp.registerNumber({
        phoneNumberId: withToken.phoneNumberId,
        wabaId: withToken.wabaId,
        accessToken: withToken.accessToken,
        displayPhoneNumber: withToken.displayPhoneNumber,
        verifiedName: spec.name,
      });
      const whatsappChannelId = await seedCloudNumber(
        ownerUrl,
        tenant.tenantId,
        withToken,
        secrets.channelSecretsKey,
      );
      return whatsappChannelId;
    };
    const seedProvider = async (
      spec: typeof DEMO_TENANT,
      number: Omit<SeedCloudNumber, 'accessToken'>,
      tokenFile: string,
    ) => {
      const tenant = await seedTenant(ownerUrl, spec);
      const whatsappChannelId = await seedNumber(tenant, spec, number, tokenFile);
      return { ...tenant, whatsappChannelId };
    };
    const demo = await seedProvider(DEMO_TENANT, DEMO_NUMBER, DEMO_TOKEN_FILE);
    await seedNumber(demo, DEMO_TENANT, DEMO_NUMBER_B, DEMO_TOKEN_FILE_B);
    const fibra = await seedProvider(FIBRA_TENANT, FIBRA_NUMBER, FIBRA_TOKEN_FILE);
    await seedBots(ownerUrl, secrets.channelSecretsKey, sims, { demo, fibra }, opts.bot ?? false);

    let bridge: WsBridge | null = null;
    if ([appUrl, ...replicaUrls].some(isLoopback)) {
      bridge = await startWsBridge({ host: '127.0.0.1', pool: opts.pgSessionPool ?? false });
      const b = bridge;
      cleanups.push(() => b.close());
    }
    await buildAgentApp(ROOT, { force: opts.rebuildApp ?? false });
    const workerPort = opts.workerPort ?? (await findFreePort());
    // The demo host site (another origin) embeds the demo tenant's widget; only its allowed copy is on the
    // channel's list (that one settings field: every other fixture stays as the seed wrote it).
    const widgetHost = await startWidgetHost({
      fioOrigin: `http://127.0.0.1:${workerPort}`,
      channelId: demo.widgetChannelId,
      port: opts.widgetHostPort ?? 0,
      strangerPort: opts.widgetStrangerPort ?? 0,
    });
    cleanups.push(() => widgetHost.stop());
    await setAllowedOrigins(ownerUrl, demo.widgetChannelId, [widgetHost.url]);
    const worker = workerProcess({
      root: ROOT,
      port: workerPort,
      stateDir: join(dataDir, 'worker'),
      logFile: join(dataDir, 'worker.log'),
      echo: opts.echoWorkerLogs ?? false,
      logLevel: opts.logLevel,
      httpProcesses: opts.httpProcesses,
      vars: {
        DATABASE_URL: appUrl,
        DATABASE_REPLICA_URLS: replicaUrls.join(','),
        LOG_LEVEL: opts.logLevel ?? process.env.LOG_LEVEL ?? 'info',
        JWT_SECRET: process.env.JWT_SECRET ?? persistentSecret(dataDir, 'jwt-secret'),
        DO_EVENT_RETENTION: String(opts.eventRetention ?? 1000),
        CHANNEL_SECRETS_KEY: secrets.channelSecretsKey,
        WHATSAPP_APP_SECRET: secrets.whatsappAppSecret,
        WHATSAPP_VERIFY_TOKEN: secrets.whatsappVerifyToken,
        OPERATOR_TOKEN: secrets.operatorToken,
        OPERATOR_WEBHOOK_URL: `${webhookReceiver.url}/hooks/operator`,
        OPERATOR_WEBHOOK_SECRET: secrets.operatorWebhookSecret,
        WHATSAPP_API_BASE: whatsapp.url,
        WHATSAPP_API_VERSION: 'v23.0',
        // The simulators (Graph API and gateways, the ERPs, the model) are on loopback: allowed as those exact
        // origins, plus any a developer names (a local Evolution, say); no other loopback or private address.
        PROVIDER_PRIVATE_ORIGINS: [
          new URL(whatsapp.url).origin,
          new URL(sims.erp.url).origin,
          new URL(sims.llm.url).origin,
          webhookReceiver.url,
          process.env.PROVIDER_PRIVATE_ORIGINS,
        ]
          .filter(Boolean)
          .join(','),
        // Tests and benches open many widget sessions from loopback; a test of a per-address limit names
        // its own client address (cf-connecting-ip), which wrangler keeps.
        RATE_LIMIT_EXEMPT_ADDRESSES: '127.0.0.1,::1',
        // E-mail (password resets, invitations) goes to the local e-mail API simulator, unless a developer
        // names a real API.
        MAIL_API_URL: process.env.MAIL_API_URL ?? mail.apiUrl,
        MAIL_API_KEY: process.env.MAIL_API_URL ? (process.env.MAIL_API_KEY ?? '') : mailApiKey,
        MAIL_FROM: process.env.MAIL_FROM ?? 'Fio (dev) <no-reply@fio.local>',
        ...(bridge ? { PG_WS_PROXY: `127.0.0.1:${bridge.port}` } : {}),
        ...(opts.webhookRetryScheduleMs ? { WEBHOOK_RETRY_SCHEDULE_MS: opts.webhookRetryScheduleMs } : {}),
        ...(opts.campaignRecoveryMs ? { CAMPAIGN_RECOVERY_MS: String(opts.campaignRecoveryMs) } : {}),
        ...accessTokenTtl(opts),
      },
    });
    cleanups.push(() => worker.stop());
    await worker.start();
    whatsapp.setWorkerUrl(worker.url);
    return {
      workerUrl: worker.url,
      ownerUrl,
      appUrl,
      replicaUrls,
      cluster,
      demo,
      fibra,
      erp: sims.erp,
      llm: sims.llm,
      worker,
      whatsapp,
      mail,
      webhookReceiver,
      secrets,
      widgetHost,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
