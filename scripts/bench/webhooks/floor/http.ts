// The webhook bench's durable floor, HTTP side: the least a correct Cloud API webhook route does before its 200
// under Fio's topology — check Meta's signature, parse the body, and store the message durably in the sender's
// object in another script (objects.ts). Nothing else: no validation beyond finding the message, no contact or
// ticket, no inbox, no Postgres. Fio's throughput over this one's is what Fio's own work costs on top.
import { verifyMetaSignature } from '../../../../workers/channels/whatsapp-cloud/signature';
import type { SinkDO } from './objects';

interface Env {
  APP_SECRET: string;
  SINK: DurableObjectNamespace<SinkDO>;
}

interface CloudMessage {
  id: string;
  from: string;
}
interface CloudPayload {
  entry?: { changes?: { value?: { messages?: CloudMessage[] } }[] }[];
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname === '/health') return new Response('ok');
    const body = await request.arrayBuffer();
    // Fio's own check (one place for it), so both pay the same for the signature.
    if (!(await verifyMetaSignature(body, request.headers.get('x-hub-signature-256'), env.APP_SECRET)))
      return new Response(null, { status: 401 });
    const payload = JSON.parse(new TextDecoder().decode(body)) as CloudPayload;
    for (const entry of payload.entry ?? [])
      for (const change of entry.changes ?? [])
        for (const message of change.value?.messages ?? [])
          await env.SINK.getByName(message.from).store(message.id, JSON.stringify(message));
    return new Response(null, { status: 200 });
  },
};
