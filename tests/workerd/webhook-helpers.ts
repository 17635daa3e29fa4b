// Shared by the outgoing-webhook suites: a tenant of their own with a widget channel (so no other suite's
// events reach their endpoints), the receiver simulator's control API, and endpoint creation.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { expect } from 'vitest';
import type { WebhookEndpointView, WebhookEventType } from '../../workers/contract';
import { freshTenant } from './fresh-tenant';
import { api, widgetSession } from './helpers';

export const SITE = 'https://site.webhooks.test';

export interface HookTenant {
  id: string;
  admin: string;
  agent: string;
  channelId: string;
}

export async function hookTenant(owner: Client, label: string): Promise<HookTenant> {
  const t = await freshTenant(owner, label, ['admin', 'agent']);
  const admin = t.tokens.admin as string;
  const res = await api<{ channel: { id: string } }>('POST', '/api/widget-channels', admin, {
    name: 'Site',
    settings: { allowedOrigins: [SITE] },
  });
  expect(res.status).toBe(201);
  return { id: t.id, admin, agent: t.tokens.agent as string, channelId: res.body.channel.id };
}

export function visitor(t: HookTenant) {
  return widgetSession('', { channel: t.channelId, hostOrigin: SITE, tenant: undefined });
}

export interface ReceivedAttempt {
  n: number;
  deliveryId: string | null;
  event: string | null;
  signature: 'valid' | 'invalid' | 'stale' | 'missing';
  status: number;
  body: { id: string; type: string; tenantId: string; occurredAt: string; data: Record<string, unknown> };
}

export async function scriptHook(name: string, script: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${env.FIO_TEST_WEBHOOK_URL}/_recv/hooks/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(script),
  });
  expect(res.status).toBe(200);
}

export async function attempts(name: string): Promise<ReceivedAttempt[]> {
  const res = await fetch(`${env.FIO_TEST_WEBHOOK_URL}/_recv/hooks/${name}/attempts`);
  return ((await res.json()) as { attempts: ReceivedAttempt[] }).attempts;
}

export async function received(name: string): Promise<ReceivedAttempt[]> {
  const res = await fetch(`${env.FIO_TEST_WEBHOOK_URL}/_recv/hooks/${name}/received`);
  return ((await res.json()) as { received: ReceivedAttempt[] }).received;
}

export const hookUrl = (name: string) => `${env.FIO_TEST_WEBHOOK_URL}/hooks/${name}`;

/** An endpoint at the receiver's hook `name`, its secret handed to the receiver so it checks signatures. */
export async function hookEndpoint(
  t: HookTenant,
  name: string,
  events: WebhookEventType[],
  script: Record<string, unknown> = {},
  url = hookUrl(name),
): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const res = await api<{ endpoint: WebhookEndpointView; secret: string }>('POST', '/api/webhooks', t.admin, {
    url,
    description: name,
    events,
  });
  expect(res.status).toBe(201);
  await scriptHook(name, { secret: res.body.secret, ...script });
  return res.body;
}
