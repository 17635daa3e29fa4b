// The agent client's REST calls: one fetch wrapper that attaches the token and turns the error envelope
// into a typed failure; shapes come from the shared contract.
import type { ConversationSummary, ErrorEnvelope } from '../../workers/contract';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
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
    throw new ApiError(res.status, error?.code ?? 'internal', error?.message ?? res.statusText);
  }
  return body as T;
}

export interface Session {
  token: string;
  user: { id: string; name: string; email: string; role: string; tenantId: string };
}

export async function login(email: string, password: string): Promise<Session> {
  const r = await request<{ accessToken: string; user: Session['user'] }>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  return { token: r.accessToken, user: r.user };
}

export function listConversations(token: string): Promise<{ conversations: ConversationSummary[] }> {
  return request('/api/conversations?limit=50', { token });
}
