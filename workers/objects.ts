// Entry of the `fio-objects` script (wrangler.objects.toml): every Durable Object class, and nothing a client
// reaches directly. The HTTP Worker (workers/index.ts) binds these classes with script_name = "fio-objects",
// so the objects run apart from the request isolates: in production as Cloudflare places them, locally in
// their own workerd process. Its only route is /health, which the local stack polls before starting `fio`.
import { ArchiverDO } from '../durable-objects/archiver';
import { CampaignDO } from '../durable-objects/campaign/campaign';
import { ConversationDO } from '../durable-objects/conversation/conversation';
import { MetricsDO } from '../durable-objects/metrics/metrics';
import { NumberLimiterDO } from '../durable-objects/number-limiter';
import { RateLimiterDO } from '../durable-objects/rate-limiter/rate-limiter';
import { TenantAccessDO } from '../durable-objects/tenant-access/tenant-access';
import { TenantInboxDO } from '../durable-objects/tenant-inbox/tenant-inbox';
import type { Env } from './env';
import { hostsObjects } from './services/db-budget';

// Every archiver of every tenant placed here writes through this isolate's Postgres budget.
hostsObjects();

export default {
  fetch(request: Request): Response {
    if (new URL(request.url).pathname === '/health') return new Response('ok');
    return new Response('not found', { status: 404 });
  },
} satisfies ExportedHandler<Env>;

export {
  ArchiverDO,
  CampaignDO,
  ConversationDO,
  MetricsDO,
  NumberLimiterDO,
  RateLimiterDO,
  TenantAccessDO,
  TenantInboxDO,
};
