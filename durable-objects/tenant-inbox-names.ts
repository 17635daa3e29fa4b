// The tenant inbox object's name: one per tenant, named by the tenant id (every object name starts with it).
export function inboxName(tenantId: string): string {
  return `${tenantId}:inbox`;
}
