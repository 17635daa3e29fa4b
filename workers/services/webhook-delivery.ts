// One attempt of one outgoing webhook delivery (the queue consumer and the sweeper call this). Order per key
// holds because only the oldest pending delivery of its (endpoint, orderKey) may be claimed; a later one waits
// and is queued when the one before it is delivered or dead. The claim also leases the row (next_attempt_at
// moves past the request's timeout), so a duplicate queue message never sends the same attempt twice.
import { sql } from 'drizzle-orm';
import { checkUrl, egressOf } from '../channels/egress';
import type { WebhookTestResult } from '../contract';
import type { Env } from '../env';
import { providerPrivateOrigins } from '../env';
import { countMetric } from '../observability/metrics';
import { type Database, inTenant, type Tx } from './db';
import { errorFields, log } from './log';
import { openSecret } from './secret-box';
import { secretAad } from './webhook-endpoints';
import { queueWebhookDeliveries } from './webhook-events';
import { deliveryHeaders, retrySchedule } from './webhook-signing';

/** A receiver that has not answered in this long has failed this attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** The claim's lease: longer than an attempt can take, so only a crashed attempt's row is swept again. */
const LEASE_SECONDS = 60;
/** The queue's longest delay (Cloudflare Queues: 12 h); our longest wait is shorter. */
const MAX_QUEUE_DELAY_S = 43_200;
/** Kept of a receiver's error text: enough to diagnose, never a whole page. */
const ERROR_CHARS = 300;

type Claimed = {
  id: string;
  endpoint_id: string;
  event_type: string;
  order_key: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret_ciphertext: string;
};

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
}

/** POSTs a signed body to an endpoint URL, within egress rules and the timeout; never throws. */
export async function postSigned(
  env: Env,
  url: string,
  secret: string,
  deliveryId: string,
  eventType: string,
  body: string,
): Promise<AttemptOutcome> {
  const started = Date.now();
  const done = (ok: boolean, status: number | null, error: string | null): AttemptOutcome => ({
    ok,
    status,
    error: error?.slice(0, ERROR_CHARS) ?? null,
    latencyMs: Date.now() - started,
  });
  // The endpoint's own origin is the only one it may reach, and never our network (loopback, private,
  // link-local) unless the deployment names that exact origin (the local receiver in dev and tests).
  const checked = checkUrl(egressOf([url], providerPrivateOrigins(env)), url);
  if (!checked.ok) return done(false, null, `refused: ${checked.refusal.why}`);
  try {
    const res = await fetch(checked.url, {
      method: 'POST',
      headers: await deliveryHeaders(secret, deliveryId, eventType, body),
      body,
      // A redirect is an answer we do not follow: it could point anywhere, our network included.
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return done(true, res.status, null);
    return done(false, res.status, `HTTP ${res.status}`);
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      return done(false, null, `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`);
    return done(false, null, err instanceof Error ? err.message : String(err));
  }
}

async function claim(tx: Tx, tenantId: string, deliveryId: string): Promise<Claimed | null> {
  const { rows } = await tx.execute<Claimed>(sql`
    update webhook_deliveries d
    set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
    from webhook_endpoints e
    where d.id = ${deliveryId} and d.tenant_id = ${tenantId} and e.id = d.endpoint_id and e.enabled
      and d.status = 'pending' and d.next_attempt_at <= now() + interval '1 second'
      and not exists (select 1 from webhook_deliveries o where o.endpoint_id = d.endpoint_id
        and o.order_key = d.order_key and o.status = 'pending' and o.ordinal < d.ordinal)
    returning d.id, d.endpoint_id, d.event_type, d.order_key, d.payload, d.attempts, e.url, e.secret_ciphertext`);
  return rows[0] ?? null;
}

/** The oldest pending delivery of a key, now that the one before it is finished. */
async function nextOfKey(tx: Tx, endpointId: string, orderKey: string): Promise<string | null> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select id from webhook_deliveries where endpoint_id = ${endpointId} and order_key = ${orderKey}
      and status = 'pending' order by ordinal limit 1`);
  return rows[0]?.id ?? null;
}

/** Records the endpoint's health after an attempt (a test-send included). */
export async function recordEndpointHealth(
  tx: Tx,
  endpointId: string,
  outcome: AttemptOutcome,
): Promise<void> {
  if (outcome.ok) {
    await tx.execute(sql`update webhook_endpoints set last_success_at = now(), consecutive_failures = 0,
      last_error = null where id = ${endpointId}`);
  } else {
    await tx.execute(sql`update webhook_endpoints set last_failure_at = now(),
      consecutive_failures = consecutive_failures + 1, last_error = ${outcome.error} where id = ${endpointId}`);
  }
}

/** How many deliveries of one key one queue message may carry on with (each is still one claimed attempt). */
const CHAIN_MAX = 50;

/**
 * Attempts `deliveryId` if it is due and at the head of its key, and then, while they succeed, the next ones of
 * the same key in this same invocation (up to CHAIN_MAX): a busy conversation's events would otherwise pay one
 * queue hop each, which capped a key at a few deliveries a second. What is left is queued. A delivery that is
 * not due or not at the head does nothing (it is not lost: the one before it queues it, or the sweeper does).
 * Postgres errors propagate so the queue retries.
 */
export async function attemptDelivery(
  env: Env,
  primary: Database,
  tenantId: string,
  deliveryId: string,
): Promise<AttemptOutcome | null> {
  let first: AttemptOutcome | null = null;
  let id: string | null = deliveryId;
  for (let step = 0; id && step < CHAIN_MAX; step++) {
    const attempt = await attemptOnce(env, primary, tenantId, id);
    if (!attempt) break;
    first ??= attempt.outcome;
    id = attempt.outcome.ok ? attempt.next : null;
    if (!attempt.outcome.ok && attempt.next) await queueWebhookDeliveries(env, tenantId, [attempt.next]);
  }
  // Chained as far as this message may go: the rest of the key continues from a new queue message.
  if (id && id !== deliveryId && first?.ok) await queueWebhookDeliveries(env, tenantId, [id]);
  return first;
}

async function attemptOnce(
  env: Env,
  primary: Database,
  tenantId: string,
  deliveryId: string,
): Promise<{ outcome: AttemptOutcome; next: string | null } | null> {
  const claimed = await inTenant(primary, tenantId, (tx) => claim(tx, tenantId, deliveryId));
  if (!claimed) return null;
  const secret = await openSecret(
    env.CHANNEL_SECRETS_KEY,
    claimed.secret_ciphertext,
    secretAad(claimed.endpoint_id),
  );
  const body = JSON.stringify(claimed.payload);
  const outcome = await postSigned(env, claimed.url, secret, claimed.id, claimed.event_type, body);
  const schedule = retrySchedule(env.WEBHOOK_RETRY_SCHEDULE_MS);
  const waitMs = outcome.ok ? null : (schedule[claimed.attempts - 1] ?? null);
  const next = await inTenant(primary, tenantId, async (tx) => {
    await recordEndpointHealth(tx, claimed.endpoint_id, outcome);
    if (outcome.ok) {
      await tx.execute(sql`update webhook_deliveries set status = 'delivered', delivered_at = now(),
        last_status = ${outcome.status}, last_error = null where id = ${claimed.id}`);
    } else if (waitMs === null) {
      await tx.execute(sql`update webhook_deliveries set status = 'dead', last_status = ${outcome.status},
        last_error = ${outcome.error} where id = ${claimed.id}`);
    } else {
      await tx.execute(sql`update webhook_deliveries set last_status = ${outcome.status},
        last_error = ${outcome.error}, next_attempt_at = now() + make_interval(secs => ${waitMs / 1000})
        where id = ${claimed.id}`);
      return null;
    }
    // Delivered or dead: the next of its key may go now.
    return nextOfKey(tx, claimed.endpoint_id, claimed.order_key);
  });
  if (waitMs !== null) {
    try {
      const delaySeconds = Math.min(MAX_QUEUE_DELAY_S, Math.ceil(waitMs / 1000));
      await env.WEBHOOK_QUEUE.send({ tenantId, deliveryId: claimed.id }, { delaySeconds });
    } catch (err) {
      log('warn', 'queueing a webhook retry failed; the sweeper will pick it up', {
        tenantId,
        deliveryId: claimed.id,
        ...errorFields(err),
      });
    }
  }
  if (!outcome.ok) {
    countMetric(env, 'fio_webhook_failures_total', tenantId, {
      outcome: waitMs === null ? 'dead' : 'retry',
      status: outcome.status === null ? 'none' : String(outcome.status),
    });
    log('info', 'webhook delivery failed', {
      tenantId,
      deliveryId: claimed.id,
      attempt: claimed.attempts,
      status: outcome.status,
      error: outcome.error,
      dead: waitMs === null,
    });
  }
  return { outcome, next };
}

/** A test delivery (`ping`) sent now to the endpoint, not stored; its result counts for the endpoint's health. */
export async function testWebhookEndpoint(
  env: Env,
  primary: Database,
  tenantId: string,
  endpointId: string,
  endpoint: { url: string; secret: string },
): Promise<WebhookTestResult> {
  const id = crypto.randomUUID();
  const body = JSON.stringify({
    id,
    type: 'ping',
    tenantId,
    occurredAt: new Date().toISOString(),
    data: { endpointId },
  });
  const outcome = await postSigned(env, endpoint.url, endpoint.secret, id, 'ping', body);
  await inTenant(primary, tenantId, (tx) => recordEndpointHealth(tx, endpointId, outcome));
  return outcome;
}
