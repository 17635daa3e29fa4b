// Shared by the SLA suites: ticket changes of one kind in a log, the tickets rows of a conversation as the
// database owner sees them, and a widget conversation in a fresh tenant with its object's clock set first.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import type { StoredEvent, TicketSnapshot } from '../../workers/contract';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { openSocket, widgetSession } from './helpers';

export const ticketChanges = (events: StoredEvent[], change: string) =>
  events.flatMap((e) => (e.event.type === 'ticket.changed' && e.event.change === change ? [e.event] : []));

export async function ticketRows(owner: Client, tenantId: string, conversationId: string) {
  const { rows } = await owner.query<{
    status: string;
    sla: TicketSnapshot['sla'];
    sla_breaches: number;
    first_response_at: Date | null;
    reopen_count: number;
  }>(
    `select status, sla, sla_breaches, first_response_at, reopen_count from tickets
      where tenant_id = $1 and conversation_id = $2 order by opened_at`,
    [tenantId, conversationId],
  );
  return rows;
}

/**
 * A widget conversation whose object reads `clockAt` as now before anything else happens in it (so clocks
 * start in the test's time), with the visitor's socket ready and a way to write as the customer.
 */
export async function widgetThread(tenant: { id: string; slug: string }, clockAt: string) {
  const session = await widgetSession(tenant.slug);
  const conversationId = session.conversationId;
  const ref = { tenantId: tenant.id, conversationId };
  const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenant.id, conversationId));
  await stub.setClockForTests(clockAt);
  const visitor = await openSocket(conversationId, session.token);
  visitor.send({ type: 'hello', since: 0 });
  await visitor.next('ready');
  let n = 0;
  const customer = async (text: string) => {
    visitor.send({
      type: 'message.send',
      clientId: `sla-customer-${conversationId.slice(0, 8)}-${n++}`,
      text,
    });
    await visitor.next('ack');
  };
  return {
    conversationId,
    ref,
    stub,
    visitor,
    customer,
    history: async () => (await stub.history(ref, null, 200))?.events ?? [],
  };
}
