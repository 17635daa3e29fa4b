// The agent's sockets: where they connect (same host as the page, the access token in the query: browsers
// cannot set headers on a WebSocket) and what the server's close codes mean. The token comes from the
// session store on every (re)connect, so a socket always reconnects with the newest token and resumes.
import { SOCKET_CLOSE } from '../../../workers/contract';
import { freshToken, refresh, sessionEnded, tenantSuspended } from '../auth/session-store';

function base(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

export async function inboxSocketUrl(): Promise<string> {
  return `${base()}/ws/inbox?token=${encodeURIComponent(await freshToken())}`;
}

export async function conversationSocketUrl(conversationId: string): Promise<string> {
  return `${base()}/ws/conversations/${conversationId}?token=${encodeURIComponent(await freshToken())}`;
}

/**
 * A socket closed: session_ended signs every tab out (the sign-in screen says why); role_changed refreshes
 * the token (it carries the new role) and the socket's own reconnect waits for that refresh, then resumes;
 * tenant_suspended signs every tab out to the suspended page (the app and its sockets are gone: no reconnect).
 */
export function socketClosed(code: number): void {
  if (code === SOCKET_CLOSE.sessionEnded.code) sessionEnded();
  else if (code === SOCKET_CLOSE.tenantSuspended.code) tenantSuspended();
  else if (code === SOCKET_CLOSE.roleChanged.code) void refresh().catch(() => undefined);
}
