// Which conversation, as the DO and the archive name it: the tenant and conversation ids, and the Durable
// Object name built from them. Every object name starts with the tenant id, so one tenant's id can never
// address another tenant's object.
export interface ConversationRef {
  tenantId: string;
  conversationId: string;
}

export function conversationObjectName(tenantId: string, conversationId: string): string {
  return `${tenantId}:${conversationId}`;
}
