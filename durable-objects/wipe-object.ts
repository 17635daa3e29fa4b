// What every object does when the operator deletes its tenant: its sockets are closed (tenant_suspended,
// which the clients show as such), its alarm cancelled and its storage deleted. Idempotent, so a deletion
// that is called again after a crash simply finds nothing left.
import { SOCKET_CLOSE } from '../workers/contract';

export async function wipeObject(ctx: DurableObjectState): Promise<void> {
  for (const ws of ctx.getWebSockets()) {
    try {
      ws.close(SOCKET_CLOSE.tenantSuspended.code, SOCKET_CLOSE.tenantSuspended.reason);
    } catch {
      // already closing
    }
  }
  await ctx.storage.deleteAlarm();
  await ctx.storage.deleteAll();
}
