// What we put in a Cloud API send's biz_opaque_callback_data and read back from its status webhooks:
// `conversationId:seq`. Read strictly (canonical conversation id, a seq from 1 with no leading zero), so a
// reference in any other spelling names nothing and the status is routed by the recipient's phone instead.
import { isCanonicalUuid } from '../contract';

export interface CallbackReference {
  conversationId: string;
  seq: number;
}

export function callbackReference(conversationId: string, seq: number): string {
  return `${conversationId}:${seq}`;
}

export function parseCallbackReference(reference: string | null): CallbackReference | null {
  const m = reference ? /^([^:]+):([1-9]\d{0,15})$/.exec(reference) : null;
  const conversationId = m?.[1];
  const seq = Number(m?.[2]);
  if (!conversationId || !isCanonicalUuid(conversationId) || !Number.isSafeInteger(seq)) return null;
  return { conversationId, seq };
}
