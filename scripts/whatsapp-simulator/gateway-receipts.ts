// Read receipts and "typing" as the gateways take them, recorded beside the Cloud API's (receipts()):
// Evolution POST /chat/markMessageAsRead/{instance} {readMessages: [{remoteJid, fromMe, id}]} and
// /chat/sendPresence/{instance} {number, presence, delay}; Uazapi POST /message/markread {number, id: [...]}
// and /message/presence {number, presence, delay}. A malformed body is a 400 and records nothing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context';
import { digits, readJson, sendJson } from './http';

const EvolutionRead = z.looseObject({
  readMessages: z
    .array(z.looseObject({ remoteJid: z.string().min(1), fromMe: z.boolean(), id: z.string().min(1) }))
    .min(1),
});
const UazapiRead = z.looseObject({
  number: z.string().min(1).optional(),
  id: z.array(z.string().min(1)).min(1),
});
const Presence = z.looseObject({
  number: z.string().min(1),
  presence: z.enum(['composing', 'recording', 'paused', 'available', 'unavailable']),
  delay: z.number().int().min(0).optional(),
});

export async function gatewayReceipt(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  provider: 'evolution' | 'uazapi',
  address: string,
  kind: 'read' | 'presence',
): Promise<void> {
  const json = await readJson(req);
  const at = Date.now();
  if (kind === 'presence') {
    const p = Presence.safeParse(json);
    if (!p.success) return sendJson(res, 400, { error: 'invalid presence body' });
    if (p.data.presence === 'composing') {
      ctx.state.receipts.push({
        at,
        address,
        messageId: '',
        typing: true,
        provider,
        to: digits(p.data.number),
      });
    }
    return sendJson(res, provider === 'evolution' ? 201 : 200, { presence: p.data.presence });
  }
  if (provider === 'evolution') {
    const r = EvolutionRead.safeParse(json);
    if (!r.success)
      return sendJson(res, 400, {
        status: 400,
        error: 'Bad Request',
        response: { message: ['readMessages'] },
      });
    for (const m of r.data.readMessages) {
      const to = digits(m.remoteJid.split('@')[0] ?? '');
      ctx.state.receipts.push({ at, address, messageId: m.id, typing: false, provider, to });
    }
    return sendJson(res, 201, { message: 'Read messages', read: 'success' });
  }
  const r = UazapiRead.safeParse(json);
  if (!r.success) return sendJson(res, 400, { error: 'id must be a list of message ids' });
  const to = digits(r.data.number ?? '');
  for (const id of r.data.id)
    ctx.state.receipts.push({ at, address, messageId: id, typing: false, provider, to });
  return sendJson(res, 200, { success: true });
}
