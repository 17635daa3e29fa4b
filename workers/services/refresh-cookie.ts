// The refresh token's cookie: httpOnly (no script reads it), Secure, SameSite=Strict (no other site's page
// can make the browser send it) and scoped to /api/auth, so it travels only to the routes that use it.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env';

export const REFRESH_COOKIE = 'fio_refresh';
const ATTRIBUTES = { httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/auth' } as const;

export function readRefreshCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, REFRESH_COOKIE);
}

export function setRefreshCookie(c: Context<AppEnv>, token: string, maxAgeSeconds: number): void {
  setCookie(c, REFRESH_COOKIE, token, { ...ATTRIBUTES, maxAge: maxAgeSeconds });
}

export function clearRefreshCookie(c: Context<AppEnv>): void {
  deleteCookie(c, REFRESH_COOKIE, ATTRIBUTES);
}
