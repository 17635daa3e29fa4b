// Uazapi's "connection" event about the instance's WhatsApp session, as number events: status connected
// (paired), connecting (with a QR or pairing code when it waits for a scan) and disconnected (logged out when
// the reason says so, e.g. the phone unlinked the device; otherwise the connection dropped).
import { z } from 'zod';
import type { NumberEvent } from '../inbound';

const Instance = z.looseObject({
  status: z.string().nullish(),
  qrcode: z.string().max(8192).nullish(),
  paircode: z.string().max(64).nullish(),
  lastDisconnectReason: z.string().max(500).nullish(),
});

const LOGGED_OUT = /log(?:ged)?\s*-?\s*out|unlinked|desconectado pelo celular/i;

/** The number events of a Uazapi "connection" webhook (`instance` is the body's instance object). */
export function uazapiNumberEvents(address: string, instance: unknown, receivedAt: Date): NumberEvent[] {
  const parsed = Instance.safeParse(instance);
  if (!parsed.success) return [];
  const { status, qrcode, paircode, lastDisconnectReason } = parsed.data;
  const at = receivedAt;
  switch (status?.toLowerCase()) {
    case 'connected':
      return [{ address, kind: 'paired', at }];
    case 'connecting':
      // A data URL is an image of the QR, not its text: the pairing route asks the gateway for the text.
      return qrcode || paircode
        ? [{ address, kind: 'qr', detail: qrcode && !qrcode.startsWith('data:') ? qrcode : null, at }]
        : [{ address, kind: 'connecting', at }];
    case 'disconnected':
      return [
        {
          address,
          kind: lastDisconnectReason && LOGGED_OUT.test(lastDisconnectReason) ? 'logged_out' : 'disconnected',
          at,
        },
      ];
    default:
      return [];
  }
}
