// Who a Bearer token may act for, as the Graph API answers it: each number has its own token. A token no
// number has is 190 (401, OAuthException) whatever it asks for; a valid token asking about a number (or WABA)
// it has no access to gets 100 with subcode 33, exactly as if the object did not exist (Graph never tells a
// token about objects it cannot see). Sends, uploads, phone number reads and template lists all use it.
import { type GraphError, INVALID_TOKEN, unknownObject } from './graph-errors';
import type { SimState } from './state';
import type { CloudNumber } from './types';

export type Authorised = { number: Required<CloudNumber> } | { error: GraphError };

export function numberFor(
  state: SimState,
  token: string | undefined,
  phoneNumberId: string,
  method: 'get' | 'post',
): Authorised {
  if (!state.knownToken(token)) return { error: INVALID_TOKEN };
  const number = state.numbers.get(phoneNumberId);
  if (!number || number.accessToken !== token) return { error: unknownObject(phoneNumberId, method) };
  return { number };
}

/** The WABA's numbers this token may see (a WABA with none of them is "does not exist" to it). */
export function wabaFor(state: SimState, token: string | undefined, wabaId: string): Authorised {
  if (!state.knownToken(token)) return { error: INVALID_TOKEN };
  const number = [...state.numbers.values()].find((n) => n.wabaId === wabaId && n.accessToken === token);
  return number ? { number } : { error: unknownObject(wabaId, 'get') };
}
