// Shared by the public API tests: API keys made through the admin REST (shown once), calls with a key, and a
// conversation of a tenant to act on.
import { expect } from 'vitest';
import type { ApiKeyScope, CreateApiKeyResponse } from '../../workers/contract';
import { api, call, widgetSession } from './helpers';

/** A new key of the admin's tenant with these scopes: its full text. */
export async function keyWith(
  adminToken: string,
  ...scopes: ApiKeyScope[]
): Promise<{ key: string; id: string }> {
  const res = await api<CreateApiKeyResponse>('POST', '/api/admin/api-keys', adminToken, {
    name: `Integração ${scopes.join(' ')}`,
    scopes,
  });
  expect(res.status).toBe(201);
  return { key: res.body.key, id: res.body.apiKey.id };
}

/** A raw call with a bearer credential and an optional raw body (content type chosen by the caller). */
export async function raw(
  method: string,
  path: string,
  token: string | null,
  body?: string,
  type = 'application/json',
): Promise<{ status: number; body: unknown }> {
  const res = await call(path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': type }),
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // an HTML page or plain text: kept as text
  }
  return { status: res.status, body: parsed };
}

/** A fresh widget conversation of the tenant (its contact and open ticket come with it). */
export async function freshConversation(tenant: 'acme' | 'globex' = 'acme') {
  return widgetSession(tenant);
}
