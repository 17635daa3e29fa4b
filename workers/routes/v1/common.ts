// What every /api/v1 route shares: the one error envelope as each error answer's schema, the bearer-key
// security requirement, the JSON body guard (type, 64 KiB, well-formed) that runs before zod sees the body,
// and the API key behind the request (the tenant comes from it, never from the request).
import { type Hook, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { AppEnv } from '../../app-env';
import { ErrorEnvelope } from '../../contract';
import { AppError } from '../../errors';
import type { ApiKeyPrincipal } from '../../services/api-key-auth';
import { parseJsonBody } from '../../validation';

export const BEARER = 'apiKey';
export const security = [{ [BEARER]: [] }];

const ERROR_TEXT = {
  400: 'Invalid input (`validation_failed` with details per field, `invalid_json`, `bad_request`)',
  401: 'No API key, or an unknown, revoked or expired one, or a sign-in token instead of a key',
  403: "The key's scopes do not grant this",
  404: "Not found (another tenant's ids are not found either)",
  409: 'Conflict with the current state',
  422: "The customer's 24 h window is closed (`window_closed`): send an approved template",
  429: 'Rate limited (`Retry-After` says when to try again)',
  503: 'A dependency is unavailable; retry shortly',
} as const;
type ErrorStatus = keyof typeof ERROR_TEXT;

/** One component every error answer references (`#/components/schemas/ErrorEnvelope`). */
const ErrorBody = ErrorEnvelope.meta({ id: 'ErrorEnvelope', description: 'The one error envelope of Fio' });
const errorContent = { 'application/json': { schema: ErrorBody } };

/** A query, path or body that zod refuses: the app's `validation_failed` envelope with details per field. */
// biome-ignore lint/suspicious/noExplicitAny: Hook's generics are the library's; the hook reads only the result.
const hook: Hook<any, AppEnv, any, any> = (result) => {
  if (!result.success) throw AppError.fromZod(result.error, result.target);
};

/** Every /api/v1 router: the same validation answer everywhere. */
export const v1Router = () => new OpenAPIHono<AppEnv>({ defaultHook: hook });

/** The error answers a route documents: always 401, 403, 429 and 503, plus the given ones. */
export function errors(...statuses: ErrorStatus[]): RouteConfig['responses'] {
  const all = new Set<ErrorStatus>([...statuses, 401, 403, 429, 503]);
  return Object.fromEntries(
    [...all].sort().map((s) => [String(s), { description: ERROR_TEXT[s], content: errorContent }]),
  );
}

/** A JSON answer's documentation. */
export function ok<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body's documentation (zod-openapi validates it after `jsonBody` admitted the text). */
export function jsonRequest<T extends z.ZodType>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } };
}

/** Before zod: Content-Type, size and JSON well-formedness, answered in the envelope like every other error. */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  await parseJsonBody(c, z.unknown());
  await next();
});

/** The path's `{id}`: any text (a malformed id is a 404, as an unknown one). */
export const IdParam = z.object({ id: z.string().max(64) });

/** The key behind this request (only keys reach /api/v1 routes: authorize(…, { apiKeys: 'only' })). */
export function keyOf(c: Context<AppEnv>): ApiKeyPrincipal {
  const p = c.var.principal;
  if (p.kind !== 'api_key') throw new AppError('unauthorized', 'This API takes an API key');
  return p;
}
