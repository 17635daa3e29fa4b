// Where the agent's sockets connect: same host as the page, the access token in the query (browsers cannot
// set headers on a WebSocket).
function base(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

export function inboxSocketUrl(token: string): string {
  return `${base()}/ws/inbox?token=${encodeURIComponent(token)}`;
}

export function conversationSocketUrl(conversationId: string, token: string): string {
  return `${base()}/ws/conversations/${conversationId}?token=${encodeURIComponent(token)}`;
}
