// Durable Object naming: every object name starts with the tenant id, so one tenant's id can never address
// another tenant's object.
export function conversationObjectName(tenantId: string, conversationId: string): string {
  return `${tenantId}:${conversationId}`;
}
