// The signed-in user's own sessions (GET/DELETE /api/auth/sessions, POST /api/auth/logout-all), answers
// checked against the contract. Signed-in calls: the token comes from the session store (api.ts).
import { SessionsResponse } from '../../../workers/contract';
import { request, requestParsed } from '../api';

export type { SessionView } from '../../../workers/contract';

export const listSessions = (token: string) =>
  requestParsed(SessionsResponse, '/api/auth/sessions', { token });

export const revokeSession = (token: string, id: string) =>
  request<unknown>(`/api/auth/sessions/${encodeURIComponent(id)}`, { token, method: 'DELETE' });

export const logoutAll = (token: string) =>
  request<unknown>('/api/auth/logout-all', { token, method: 'POST', credentials: 'same-origin' });
