// The agent client's REST calls: one fetch wrapper that attaches the token and turns the error envelope
// into a typed failure; shapes come from the shared contract.

import type { z } from 'zod';
import { type ErrorEnvelope, LoginResponse, type Role } from '../../workers/contract';
import { ApiError } from '../lib/api-error';
import { type Grant, SessionEndedError } from './auth/refresh-coordinator';

export { ApiError };

/** Where signed-in calls get their token: the session store (./auth/session-store.ts), the one place. */
export interface TokenSource {
  /** The token to send now. */
  current(): string | null;
  /** A call was refused with `used`: a newer token to retry with once (rejects when there is none). */
  afterUnauthorized(used: string): Promise<string>;
  /** A call was refused with 403 `tenant_suspended`: the organisation is suspended (the app stops). */
  suspended?(): void;
}

let tokens: TokenSource | null = null;

export function setTokenSource(source: TokenSource | null): void {
  tokens = source;
}

/**
 * A signed-in fetch: the current token (not the caller's copy, which may be older), and after a 401 one
 * retry with a refreshed token. `fallback` is used only when no session store is installed.
 */
export async function authorizedFetch(path: string, init: RequestInit, fallback?: string): Promise<Response> {
  const attempt = (token: string | null | undefined) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(path, { ...init, headers });
  };
  const used = tokens?.current() ?? fallback;
  const res = await attempt(used);
  if (res.status === 403 && tokens?.suspended && (await errorCodeOf(res)) === 'tenant_suspended')
    tokens.suspended();
  if (res.status !== 401 || !tokens || !used || !(await tokenRefused(res))) return res;
  const next = await tokens.afterUnauthorized(used).catch(() => null);
  return next ? attempt(next) : res;
}

/** A newer token after `used` was refused (for calls that cannot go through fetch: uploads with progress). */
export async function refreshedToken(used: string): Promise<string | null> {
  return tokens ? tokens.afterUnauthorized(used).catch(() => null) : null;
}

/** The error envelope's code, read from a copy (the caller still reads the body); null without one. */
async function errorCodeOf(res: Response): Promise<string | null> {
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as ErrorEnvelope | null;
  return body?.error?.code ?? null;
}

/** A 401 about the token itself (`unauthorized`), not a route's own refusal such as a wrong second factor. */
async function tokenRefused(res: Response): Promise<boolean> {
  return ((await errorCodeOf(res)) ?? 'unauthorized') === 'unauthorized';
}

/** The one fetch wrapper: JSON in/out, bearer token (when `token` is given), the error envelope as an ApiError. */
export async function request<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const { token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (rest.body) headers.set('content-type', 'application/json');
  const res = token
    ? await authorizedFetch(path, { ...rest, headers }, token)
    : await fetch(path, { ...rest, headers });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (body as ErrorEnvelope | null)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'internal',
      error?.message ?? res.statusText,
      error?.details,
    );
  }
  return body as T;
}

/** A JSON call with the token: `body` (when given) is sent as JSON; the answer is parsed as `T`. */
export function sendJson<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(path, { method, token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** Like request, but checks the answer against the contract: a server that drifted fails loudly here. */
export async function requestParsed<S extends z.ZodType>(
  schema: S,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await request<unknown>(path, init));
  if (!parsed.success) throw new ApiError(502, 'bad_response', `Unexpected answer from ${path}`);
  return parsed.data;
}

export interface Session extends Grant {
  user: { id: string; name: string; email: string; role: Role; tenantId: string };
}

function toSession(r: z.infer<typeof LoginResponse>): Session {
  const now = Date.now();
  return { token: r.accessToken, issuedAt: now, expiresAt: now + r.expiresIn * 1000, user: r.user };
}

/** `totp`: the second factor (app code, recovery code or sign-in ticket) when the server asked for one. */
export async function login(email: string, password: string, totp?: string): Promise<Session> {
  return toSession(
    await requestParsed(LoginResponse, '/api/auth/login', {
      method: 'POST',
      body: JSON.stringify(totp ? { email, password, totp } : { email, password }),
    }),
  );
}

/**
 * POST /api/auth/refresh with the httpOnly cookie. A refusal (401, or any 4xx but 408/429) means the session
 * is over: SessionEndedError (its reason `tenant_suspended` when the organisation was suspended). Anything else (network down, 5xx, 429) throws something else, to retry.
 */
export async function refreshSession(): Promise<Session> {
  const res = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    const code = res.status === 403 ? await errorCodeOf(res) : null;
    throw new SessionEndedError(code === 'tenant_suspended' ? 'tenant_suspended' : 'session_ended');
  }
  if (!res.ok) throw new ApiError(res.status, 'unavailable', res.statusText);
  const parsed = LoginResponse.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new ApiError(502, 'bad_response', 'Unexpected answer from /api/auth/refresh');
  return toSession(parsed.data);
}

/** POST /api/auth/logout: ends this session on the server and clears the cookie (best effort). */
export async function logout(): Promise<void> {
  await authorizedFetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(
    () => undefined,
  );
}
