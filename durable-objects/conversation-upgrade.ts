// A conversation socket's upgrade inside the object: who connects (passed by the Worker after it checked the
// token), whether this object is that conversation (404 otherwise, 503 when that cannot be known), then a
// hibernatable socket whose session survives in its attachment.
import { Participant as ParticipantSchema } from '../workers/contract';
import { envelope } from '../workers/errors';
import type { ConversationRef } from '../workers/services/conversation-names';
import { errorFields, log } from '../workers/services/log';
import type { ConversationIdentity } from './conversation-identity';
import { headerJson } from './frames-io';
import { participantKey, type SessionCache } from './socket-session';

export async function acceptConversationSocket(
  ctx: DurableObjectState,
  identity: ConversationIdentity,
  sessions: SessionCache,
  request: Request,
): Promise<Response> {
  const ref: ConversationRef = {
    tenantId: request.headers.get('x-fio-tenant') ?? '',
    conversationId: request.headers.get('x-fio-conversation') ?? '',
  };
  const requestId = request.headers.get('x-request-id') ?? crypto.randomUUID();
  const participant = ParticipantSchema.safeParse(headerJson(request.headers.get('x-fio-participant')));
  if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket' || !participant.success) {
    return Response.json(envelope('bad_request', 'Expected a WebSocket upgrade', requestId), { status: 400 });
  }
  let exists: boolean;
  try {
    exists = await identity.ensure(ref);
  } catch (err) {
    log('error', 'conversation lookup failed', { requestId, ...errorFields(err) });
    return Response.json(envelope('unavailable', 'Conversation storage is unavailable', requestId), {
      status: 503,
    });
  }
  if (!exists)
    return Response.json(envelope('not_found', 'Conversation not found', requestId), { status: 404 });

  const pair = new WebSocketPair();
  const [client, server] = [pair[0], pair[1]];
  ctx.acceptWebSocket(server, [participantKey(participant.data)]);
  sessions.set(server, { participant: participant.data, live: false, helloGen: 0 });
  return new Response(null, { status: 101, webSocket: client });
}
