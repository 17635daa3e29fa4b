// WhatsApp Web addresses (jids), as both Baileys-based Evolution and whatsmeow-based Uazapi give them: a user is
// "5531…[:device]@s.whatsapp.net"; groups (@g.us), broadcasts and privacy ids (@lid) carry no phone number.
import { normalizePhone } from '../phone';

const USER_JID = /^(\d+)(?:[.:]\d+)*@(?:s\.whatsapp\.net|c\.us)$/;

/** The digits of a user jid, without its device suffix; null for anything that is not a person's number. */
export function phoneFromJid(jid: string | null | undefined): string | null {
  const match = jid ? USER_JID.exec(jid.trim()) : null;
  return match?.[1] ? normalizePhone(match[1]) : null;
}

export const isGroupJid = (jid: string) => jid.endsWith('@g.us');
