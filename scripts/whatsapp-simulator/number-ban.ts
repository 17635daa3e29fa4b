// Meta banning (and reinstating) a Cloud number, as the simulator plays it: POST /_sim/numbers/:id/ban marks
// the number banned, so every send from it fails with Graph's real error (131031 "Business account has been
// locked"), and delivers the account_update webhook Meta sends (event DISABLED_UPDATE, ban_info DISABLE,
// naming the number by its display phone); /unban lifts it and delivers the REINSTATE update.
import type { ServerResponse } from 'node:http';
import type { SimContext } from './context';
import type { GraphError } from './graph-errors';
import { sendJson } from './http';
import { metaHeaders, metaJson } from './meta-signing';
import { postToWorker, WorkerNotSetError } from './worker-client';

/** Banned phone_number_ids, per simulator state (kept by reset: a ban is configuration, like templates). */
const bannedOf = new WeakMap<object, Set<string>>();
function banned(ctx: SimContext): Set<string> {
  let set = bannedOf.get(ctx.state);
  if (!set) {
    set = new Set();
    bannedOf.set(ctx.state, set);
  }
  return set;
}

/** Graph's answer to a send from a banned number. */
export function banErrorFor(ctx: SimContext, phoneNumberId: string): GraphError | null {
  if (!banned(ctx).has(phoneNumberId)) return null;
  return {
    status: 400,
    code: 131031,
    title: 'Business account has been locked',
    details: 'The WhatsApp Business Account associated with this phone number has been locked',
  };
}

const BAN_ROUTE = /^POST \/_sim\/numbers\/([^/]+)\/(ban|unban)$/;

/** Handles the ban control routes; false when `route` is not one of them. */
export async function routeNumberBan(ctx: SimContext, res: ServerResponse, route: string): Promise<boolean> {
  const match = BAN_ROUTE.exec(route);
  if (!match) return false;
  const [, phoneNumberId = '', action] = match;
  const number = ctx.state.numbers.get(phoneNumberId);
  if (!number) {
    sendJson(res, 404, { error: { code: 'unknown_number', message: `no Cloud number ${phoneNumberId}` } });
    return true;
  }
  const ban = action === 'ban';
  if (ban) banned(ctx).add(phoneNumberId);
  else banned(ctx).delete(phoneNumberId);
  const payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'account_update',
            value: {
              phone_number: number.displayPhoneNumber,
              event: 'DISABLED_UPDATE',
              ban_info: {
                waba_ban_state: ban ? 'DISABLE' : 'REINSTATE',
                waba_ban_date: new Date().toDateString(),
              },
            },
          },
        ],
      },
    ],
  };
  const raw = metaJson(payload);
  try {
    const result = await postToWorker(ctx, '/webhooks/whatsapp', raw, metaHeaders(ctx.appSecret, raw));
    sendJson(res, 200, { banned: ban, webhook: result, payload });
  } catch (err) {
    // The ban holds for sends either way; only the webhook could not be delivered.
    const status = err instanceof WorkerNotSetError ? 409 : 502;
    sendJson(res, status, { error: { code: 'webhook_failed', message: String(err) }, banned: ban });
  }
  return true;
}
