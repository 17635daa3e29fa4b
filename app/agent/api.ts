// The agent client's REST calls: one fetch wrapper that attaches the token and turns the error envelope
// into a typed failure; shapes come from the shared contract.

import type { z } from 'zod';
import type { ErrorEnvelope, LoginResponse, Role } from '../../workers/contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The envelope's `details` (per-field problems for validation errors), when the server sent them. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let onUnauthorized: (() => void) | null = null;

/** Called when a signed-in request gets 401 (the access token expired): the app signs out, drafts stay. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

/** The session is known to be over (an expired token about to be used): sign out the same way. */
export function sessionOver(): void {
  onUnauthorized?.();
}

/** The one fetch wrapper: JSON in/out, bearer token, the error envelope as an ApiError. */
export async function request<T>(path: string, init: RequestInit & { token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('content-type', 'application/json');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(path, { ...init, headers });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (body as ErrorEnvelope | null)?.error;
    if (res.status === 401 && init.token) onUnauthorized?.();
    throw new ApiError(
      res.status,
      error?.code ?? 'internal',
      error?.message ?? res.statusText,
      error?.details,
    );
  }
  return body as T;
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

export interface Session {
  token: string;
  /** Epoch ms when the access token stops working. */
  expiresAt: number;
  user: { id: string; name: string; email: string; role: Role; tenantId: string };
}

/** `totp`: the second factor (app code, recovery code or sign-in ticket) when the server asked for one. */
export async function login(email: string, password: string, totp?: string): Promise<Session> {
  const r = await request<z.infer<typeof LoginResponse>>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify(totp ? { email, password, totp } : { email, password }),
  });
  return { token: r.accessToken, expiresAt: Date.now() + r.expiresIn * 1000, user: r.user };
}
