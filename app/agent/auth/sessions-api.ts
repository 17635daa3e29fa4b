// The signed-in user's own sessions (GET/DELETE /api/auth/sessions, POST /api/auth/logout-all), answers
// checked against their shape. Signed-in calls: the token comes from the session store (api.ts).
import { z } from 'zod';
import { request, requestParsed } from '../api';

export const SessionView = z.object({
  id: z.string(),
  device: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;
const SessionList = z.object({ sessions: z.array(SessionView) });

export const listSessions = async (token: string) =>
  (await requestParsed(SessionList, '/api/auth/sessions', { token })).sessions;

export const revokeSession = (token: string, id: string) =>
  request<unknown>(`/api/auth/sessions/${encodeURIComponent(id)}`, { token, method: 'DELETE' });

export const logoutAll = (token: string) =>
  request<unknown>('/api/auth/logout-all', { token, method: 'POST', credentials: 'same-origin' });
