// The webhook bench's durable floor, HTTP side: the least a correct Cloud API webhook route does before its 200
// under Fio's topology — check Meta's signature, parse the body, and store the message durably in the sender's
// object in another script (objects.ts). Nothing else: no validation beyond finding the message, no contact or
// ticket, no inbox, no Postgres. Fio's throughput over this one's is what Fio's own work costs on top.
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

let key: Promise<CryptoKey> | null = null;

function hmacKey(secret: string): Promise<CryptoKey> {
  key ??= crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  return key;
}

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  const out = new Uint8Array(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname === '/health') return new Response('ok');
    const body = await request.arrayBuffer();
    const signature = hexBytes((request.headers.get('x-hub-signature-256') ?? '').replace(/^sha256=/, ''));
    const valid =
      signature !== null &&
      (await crypto.subtle.verify('HMAC', await hmacKey(env.APP_SECRET), signature, body));
    if (!valid) return new Response(null, { status: 401 });
    const payload = JSON.parse(new TextDecoder().decode(body)) as CloudPayload;
    for (const entry of payload.entry ?? [])
      for (const change of entry.changes ?? [])
        for (const message of change.value?.messages ?? [])
          await env.SINK.getByName(message.from).store(message.id, JSON.stringify(message));
    return new Response(null, { status: 200 });
  },
};
