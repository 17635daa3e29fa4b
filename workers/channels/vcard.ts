// The one vCard reader, for the contact cards the gateways (Evolution, Uazapi) pass on as WhatsApp's raw
// vCard text: FN (or N), TEL with WhatsApp's `waid=` parameter, EMAIL and ORG, from vCard 2.1/3.0/4.0 as
// phones write them (folded lines, `item1.` groups, backslash escapes, several cards in one text).
import { z } from 'zod';
import type { SharedContact } from '../contract';
import { type ContactInput, sharedContact } from './shared-content';

/** More than a phone's address book would carry in one card: the rest of a hostile text is not read. */
const LINES_MAX = 2000;

interface Line {
  name: string;
  params: Map<string, string[]>;
  value: string;
}

function unescapeValue(v: string): string {
  return v.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits on a separator not escaped with a backslash. */
function splitUnescaped(v: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i] as string;
    if (c === '\\' && i + 1 < v.length) {
      cur += c + v[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function parseLine(raw: string): Line | null {
  const colon = raw.indexOf(':');
  if (colon <= 0) return null;
  const [head = '', ...rawParams] = raw.slice(0, colon).split(';');
  // "item1.TEL" → "TEL": Apple's grouping of a property with its label.
  const name = (head.includes('.') ? head.slice(head.lastIndexOf('.') + 1) : head).trim().toUpperCase();
  const params = new Map<string, string[]>();
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    // vCard 2.1 writes bare types: "TEL;CELL:…".
    const key = (eq < 0 ? 'TYPE' : p.slice(0, eq)).trim().toUpperCase();
    const values = (eq < 0 ? p : p.slice(eq + 1)).split(',').map((s) => s.trim().replace(/^"|"$/g, ''));
    params.set(key, [...(params.get(key) ?? []), ...values.filter(Boolean)]);
  }
  return { name, params, value: raw.slice(colon + 1) };
}

/** Unfolded lines (a line starting with a space or tab continues the one before). */
function lines(text: string): string[] {
  const out: string[] = [];
  for (const l of text.split(/\r\n|\r|\n/).slice(0, LINES_MAX)) {
    if ((l.startsWith(' ') || l.startsWith('\t')) && out.length > 0) out[out.length - 1] += l.slice(1);
    else out.push(l);
  }
  return out;
}

const PHONE_TYPES = new Set(['CELL', 'MOBILE', 'HOME', 'WORK', 'MAIN', 'VOICE', 'FAX', 'IPHONE', 'PAGER']);

function phoneType(params: Map<string, string[]>): string | null {
  const types = (params.get('TYPE') ?? []).map((t) => t.toUpperCase()).filter((t) => PHONE_TYPES.has(t));
  // "VOICE" says little when a more telling type is there.
  return types.find((t) => t !== 'VOICE') ?? types[0] ?? null;
}

/** Every card in the text, with `fallbackName` (the gateway's displayName) when a card has neither FN nor N. */
export function parseVCards(text: string, fallbackName: string | null = null): SharedContact[] {
  const cards: ContactInput[] = [];
  let card: ContactInput | null = null;
  let structuredName: string | null = null;
  const finish = () => {
    if (card) cards.push({ ...card, name: card.name || structuredName || fallbackName });
    card = null;
    structuredName = null;
  };
  for (const raw of lines(text)) {
    const line = parseLine(raw);
    if (!line) continue;
    if (line.name === 'BEGIN' && line.value.trim().toUpperCase() === 'VCARD') {
      finish();
      card = { name: null, phones: [], emails: [], organization: null };
      continue;
    }
    if (line.name === 'END') {
      finish();
      continue;
    }
    const c: ContactInput | null = card;
    if (!c) continue;
    switch (line.name) {
      case 'FN':
        c.name = unescapeValue(line.value).trim() || c.name;
        break;
      case 'N': {
        // family;given;additional;prefix;suffix → "given additional family"
        const [family = '', given = '', additional = ''] = splitUnescaped(line.value, ';').map(unescapeValue);
        structuredName =
          [given, additional, family]
            .map((s) => s.trim())
            .filter(Boolean)
            .join(' ') || null;
        break;
      }
      case 'TEL':
        c.phones.push({
          phone: unescapeValue(line.value.replace(/^tel:/i, '')),
          type: phoneType(line.params),
          waId: line.params.get('WAID')?.[0] ?? null,
        });
        break;
      case 'EMAIL':
        c.emails.push(unescapeValue(line.value));
        break;
      case 'ORG':
        c.organization = splitUnescaped(line.value, ';')
          .map((s) => unescapeValue(s).trim())
          .filter(Boolean)
          .join(' · ');
        break;
    }
  }
  finish();
  return cards.flatMap((c) => sharedContact(c) ?? []);
}

/** WhatsApp's ContactMessage ({displayName, vcard}) as Baileys (Evolution) and whatsmeow (Uazapi) relay it. */
const Card = z.looseObject({ displayName: z.string().nullish(), vcard: z.string() });
/** ContactsArrayMessage: several cards sent at once. */
const CardArray = z.looseObject({ displayName: z.string().nullish(), contacts: z.array(z.unknown()).min(1) });

/** The cards in a gateway's contact message or contacts-array message; none when it is neither. */
export function whatsAppCards(value: unknown): SharedContact[] {
  const one = Card.safeParse(value);
  if (one.success) return parseVCards(one.data.vcard, one.data.displayName ?? null);
  const many = CardArray.safeParse(value);
  if (!many.success) return [];
  return many.data.contacts.flatMap((c) => {
    const card = Card.safeParse(c);
    return card.success ? parseVCards(card.data.vcard, card.data.displayName ?? null) : [];
  });
}
