// Evolution's events about the instance's WhatsApp session, as number events: connection.update (state open /
// connecting / close; close with statusReason 401 is Baileys' "logged out": the phone unlinked the device),
// qrcode.updated (waiting for a scan) and logout.instance. The gateway's date_time is server-local time
// labelled UTC, so the time is when we received the event.
import { z } from 'zod';
import type { NumberEvent } from '../inbound';

const Connection = z.looseObject({
  state: z.string().nullish(),
  statusReason: z.union([z.number(), z.string()]).nullish(),
});
const QrCode = z.looseObject({
  qrcode: z.looseObject({ code: z.string().max(4096).nullish() }).nullish(),
});

/** Baileys' DisconnectReason.loggedOut. */
const LOGGED_OUT = 401;

/** The number events of one Evolution webhook, or null when the event is not about the session. */
export function evolutionNumberEvents(
  event: string,
  address: string,
  data: unknown,
  receivedAt: Date,
): NumberEvent[] | null {
  const at = receivedAt;
  if (event === 'logout.instance') return [{ address, kind: 'logged_out', at }];
  if (event === 'qrcode.updated') {
    const qr = QrCode.safeParse(data);
    return [{ address, kind: 'qr', detail: qr.success ? (qr.data.qrcode?.code ?? null) : null, at }];
  }
  if (event !== 'connection.update') return null;
  const parsed = Connection.safeParse(data);
  const state = parsed.success ? parsed.data.state?.toLowerCase() : undefined;
  if (state === 'open') return [{ address, kind: 'paired', at }];
  if (state === 'connecting') return [{ address, kind: 'connecting', at }];
  if (state === 'close' || state === 'closed') {
    const reason = Number(parsed.success ? parsed.data.statusReason : Number.NaN);
    return [{ address, kind: reason === LOGGED_OUT ? 'logged_out' : 'disconnected', at }];
  }
  return [];
}
