// Sending an interactive message: the agent's REST post with a fresh clientId (the server's idempotency key).
import { type InteractiveContent, PostMessageResponse } from '../../../../workers/contract';
import { requestParsed } from '../../api';

export function postInteractive(token: string, conversationId: string, interactive: InteractiveContent) {
  return requestParsed(
    PostMessageResponse,
    `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
    {
      token,
      method: 'POST',
      body: JSON.stringify({ clientId: crypto.randomUUID(), text: '', interactive }),
    },
  );
}
