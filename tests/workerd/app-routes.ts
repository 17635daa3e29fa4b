// Every route of a Hono app as the app itself registered it (method + path), with the rule its handlers
// declare (authorize / authorizeSocket / publicRoute). The permission and isolation suites walk this list, so
// a route added anywhere is covered, or fails them, without editing the suites.
import type { Hono } from 'hono';
import type { AppEnv } from '../../workers/app-env';
import { type RouteRule, ruleOf } from '../../workers/middleware/authorize';

export interface AppRoute {
  method: string;
  path: string;
  /** The rules its handlers declare: exactly one for a well-formed route. */
  rules: RouteRule[];
}

/** Hono keeps a sub-app's handler as is, or wraps it and keeps the original under this key. */
const COMPOSED_HANDLER = '__COMPOSED_HANDLER';

function unwrap(handler: unknown): unknown {
  const inner = (handler as Record<string, unknown> | null)?.[COMPOSED_HANDLER];
  return inner ?? handler;
}

/** Middleware for the whole app or a path prefix (`app.use('*', …)`, `app.use('/api/*', cors)`) is no route. */
const isGlobalMiddleware = (method: string, path: string) =>
  method === 'ALL' && (path === '*' || path.endsWith('/*'));

export function routesOf(app: Hono<AppEnv>): AppRoute[] {
  const byKey = new Map<string, AppRoute>();
  for (const r of app.routes) {
    if (isGlobalMiddleware(r.method, r.path)) continue;
    const key = `${r.method} ${r.path}`;
    let route = byKey.get(key);
    if (!route) {
      route = { method: r.method, path: r.path, rules: [] };
      byKey.set(key, route);
    }
    const rule = ruleOf(unwrap(r.handler));
    if (rule) route.rules.push(rule);
  }
  return [...byKey.values()];
}

/** Routes that declare no rule, or more than one: each must say exactly who may call it. */
export function routesWithoutOneRule(app: Hono<AppEnv>): string[] {
  return routesOf(app)
    .filter((r) => r.rules.length !== 1)
    .map((r) => `${r.method} ${r.path} (${r.rules.length} rules)`);
}

export const ruleOfRoute = (r: AppRoute): RouteRule => {
  const [rule] = r.rules;
  if (!rule || r.rules.length !== 1)
    throw new Error(`${r.method} ${r.path} declares ${r.rules.length} rules`);
  return rule;
};

/** The path's parameters in order (`:id`, `:channelId`, and `*` as `*`). */
export function paramsOf(path: string): string[] {
  return path
    .split('/')
    .flatMap((seg) => (seg.startsWith(':') ? [paramName(seg)] : seg === '*' ? ['*'] : []));
}

/** `:id`, `:id{[0-9]+}`, `:id?` → `id`. */
const paramName = (seg: string) =>
  seg
    .slice(1)
    .replace(/\{.*\}$/, '')
    .replace(/\?$/, '');

/** The path with each parameter replaced by `fill(name)`. */
export function fillPath(path: string, fill: (param: string) => string): string {
  return path
    .split('/')
    .map((seg) =>
      seg.startsWith(':') ? encodeURIComponent(fill(paramName(seg))) : seg === '*' ? fill('*') : seg,
    )
    .join('/');
}
