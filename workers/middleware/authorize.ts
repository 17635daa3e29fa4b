// The one permission middleware. Every route of the app declares its rule as its first handler:
// `authorize('perm')` (bearer token), `authorizeSocket('perm')` (token in the query of a WebSocket upgrade) or
// `publicRoute('why')` (no credential: health, login, widget sessions, provider webhooks that prove
// themselves another way). The rule is remembered per handler, so tests read every route's rule from
// `app.routes` and a route without one fails the suite. The decision itself is the contract's matrix.
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env';
import { apiKeyCan, PERMISSIONS, type Permission, roleCan, visitorCan } from '../contract/permissions';
import { AppError } from '../errors';
import { annotateLogContext } from '../observability/log-context';
import { looksLikeApiKey } from '../services/api-key-auth';
import { constantTimeEqual } from '../services/passwords';
import { type AnyPrincipal, authenticate, bearer } from './auth';
import { socketToken } from './socket-upgrade';

export type RouteRule =
  | { kind: 'public'; reason: string }
  | { kind: 'operator'; reason: string }
  | { kind: 'permission'; permission: Permission; credential: 'bearer' | 'socket' | 'api_key' };

const rules = new WeakMap<object, RouteRule>();

/** The rule a route handler declares, if it is one of ours. */
export function ruleOf(handler: unknown): RouteRule | undefined {
  return typeof handler === 'function' ? rules.get(handler) : undefined;
}

function declare(rule: RouteRule, handler: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  rules.set(handler, rule);
  return handler;
}

/**
 * Whether this principal holds the permission (a visitor only where the matrix opens it to visitors). A new
 * kind of principal (an API key, say) gets its own case here: without one this no longer type-checks.
 */
export function can(principal: AnyPrincipal, permission: Permission): boolean {
  switch (principal.kind) {
    case 'agent':
      return roleCan(principal.role, permission);
    case 'visitor':
      return visitorCan(permission);
    case 'api_key':
      return apiKeyCan(principal.scopes, permission);
  }
}

function check(principal: AnyPrincipal, permission: Permission, apiKeys: boolean): void {
  if (principal.kind === 'api_key' && !apiKeys) {
    throw new AppError('forbidden', 'API keys cannot call this endpoint');
  }
  if (can(principal, permission)) return;
  if (principal.kind === 'visitor') throw new AppError('forbidden', 'This endpoint is for agents');
  if (principal.kind === 'api_key') {
    throw new AppError('forbidden', `This API key lacks a scope for ${permission}`, { permission });
  }
  throw new AppError('forbidden', `The role ${principal.role} may not do this (${permission})`, {
    permission,
    roles: PERMISSIONS[permission].roles,
  });
}

async function admit(
  c: Context<AppEnv>,
  token: string,
  permission: Permission,
  apiKeys: boolean,
): Promise<void> {
  const principal = await authenticate(c, token);
  check(principal, permission, apiKeys);
  c.set('principal', principal);
  if (principal.kind === 'agent') c.set('agent', principal);
  // Every later log line of this request carries the tenant (and a visitor's conversation).
  annotateLogContext({
    tenantId: principal.tid,
    conversationId: principal.kind === 'visitor' ? principal.cid : undefined,
  });
}

/**
 * REST: a bearer token whose holder has `permission` (401 without a valid one, 403 without the right). An
 * integration's API key is admitted only where the route says `apiKeys: true` (and its scopes grant the
 * permission); such handlers read the tenant from `c.var.principal`, since `c.var.agent` is not set for keys.
 * `apiKeys: 'only'` (the public API, /api/v1) admits nothing else: an agent or visitor token is 401 there.
 */
export function authorize(
  permission: Permission,
  options: { apiKeys?: boolean | 'only' } = {},
): MiddlewareHandler<AppEnv> {
  const only = options.apiKeys === 'only';
  return declare(
    { kind: 'permission', permission, credential: only ? 'api_key' : 'bearer' },
    createMiddleware<AppEnv>(async (c, next) => {
      const token = bearer(c.req.header('authorization'));
      // The public API (/api/v1) is for integrations: a person's sign-in token is the wrong credential there.
      if (only && !looksLikeApiKey(token)) {
        throw new AppError('unauthorized', 'This API takes an API key (Authorization: Bearer fio_…)');
      }
      await admit(c, token, permission, options.apiKeys !== undefined && options.apiKeys !== false);
      await next();
    }),
  );
}

/** WebSocket upgrades: the same decision, the token from the query, before anything is upgraded. */
export function authorizeSocket(permission: Permission): MiddlewareHandler<AppEnv> {
  return declare(
    { kind: 'permission', permission, credential: 'socket' },
    createMiddleware<AppEnv>(async (c, next) => {
      // API keys are for REST integrations; sockets take agent and visitor tokens only.
      await admit(c, socketToken(c), permission, false);
      await next();
    }),
  );
}

/**
 * The platform operator's routes (outside every tenant: /metrics, /api/operator/*): `Authorization: Bearer
 * <OPERATOR_TOKEN>`, compared in constant time. 401 without it or with another; 503 `not_ready` when the
 * deployment has no operator token configured (the routes are then closed to everyone).
 */
export function operatorRoute(reason: string): MiddlewareHandler<AppEnv> {
  return declare(
    { kind: 'operator', reason },
    createMiddleware<AppEnv>(async (c, next) => {
      const expected = c.env.OPERATOR_TOKEN;
      if (!expected) throw new AppError('not_ready', 'No operator token is configured (OPERATOR_TOKEN)');
      const given = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? '';
      if (!(await sameSecret(given, expected))) {
        throw new AppError(
          'unauthorized',
          'This endpoint is for the platform operator (Bearer OPERATOR_TOKEN)',
        );
      }
      await next();
    }),
  );
}

/** Constant-time comparison of two secrets (their SHA-256 digests, so lengths leak nothing either). */
async function sameSecret(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [x, y] = await Promise.all([
    crypto.subtle.digest('SHA-256', enc.encode(a)),
    crypto.subtle.digest('SHA-256', enc.encode(b)),
  ]);
  return constantTimeEqual(new Uint8Array(x), new Uint8Array(y));
}

/** A route anyone may call; `reason` says why that is safe (it is what the route walk prints). */
export function publicRoute(reason: string): MiddlewareHandler<AppEnv> {
  return declare(
    { kind: 'public', reason },
    createMiddleware<AppEnv>(async (_c, next) => {
      await next();
    }),
  );
}
