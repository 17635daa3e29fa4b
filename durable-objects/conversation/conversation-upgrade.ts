// A conversation socket's upgrade inside the object: who connects (passed by the Worker after it checked the
// token), whether this object is that conversation (404 otherwise, 503 when that cannot be known), then a
// hibernatable socket whose session survives in its attachment. An agent's socket is tagged with its session
// and registered with the tenant access object, which closes it when that session ends or the user changes;
// a visitor's is registered too (under its visitor id), so suspending the tenant closes it as well.
import { Participant as ParticipantSchema, Uuid } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { envelope } from '../../workers/errors';
import type { ConversationRef } from '../../workers/services/conversation-names';
import { errorFields, log } from '../../workers/services/log';
import { headerJson } from '../frames-io';
import { sessionTag, socketOpened, visitorSession } from '../tenant-access/rpc';
import type { ConversationIdentity } from './conversation-identity';
import { participantKey, type SessionCache } from './socket-session';

export async function acceptConversationSocket(
  ctx: DurableObjectState,
  env: Env,
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
  const sid = Uuid.safeParse(request.headers.get('x-fio-session') ?? undefined);
  const agent = participant.success && participant.data.kind === 'agent';
  if (
    request.headers.get('upgrade')?.toLowerCase() !== 'websocket' ||
    !participant.success ||
    (agent && !sid.success)
  ) {
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
  const session = agent && sid.success ? sid.data : undefined;
  ctx.acceptWebSocket(server, [participantKey(participant.data), ...(session ? [sessionTag(session)] : [])]);
  // A visitor's address key, set by the Worker (never the client's own header: the route overwrites it).
  const address = agent ? '' : (request.headers.get('x-fio-address') ?? '').slice(0, 64);
  sessions.set(server, {
    participant: participant.data,
    sid: session,
    ...(address ? { address } : {}),
    live: false,
    helloGen: 0,
  });
  const registered = session ?? visitorSession(participant.data.id);
  ctx.waitUntil(socketOpened(env, ref.tenantId, registered, participant.data.id, ref.conversationId));
  return new Response(null, { status: 101, webSocket: client });
}
