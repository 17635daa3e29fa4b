// What a simulated customer can share besides text and files, in each provider's shape: contact cards (Cloud
// `contacts`, a gateway's vCard ContactMessage / ContactsArrayMessage), catalogue orders and click-to-WhatsApp
// ad referrals (Cloud only), so tests and `npm run dev` can play a customer sending them.
import type { SimContact, SimOrder, SimReferral } from './types';

type Json = Record<string, unknown>;

/** Cloud API `contacts` message items. */
export function cloudContacts(contacts: SimContact[]): Json[] {
  return contacts.map((c) => {
    const card: Json = {
      name: { formatted_name: c.name, first_name: c.name.split(' ')[0] ?? c.name },
      phones: (c.phones ?? []).map((p) => ({
        phone: p.phone,
        ...(p.type ? { type: p.type } : {}),
        ...(p.waId ? { wa_id: p.waId } : {}),
      })),
    };
    if (c.emails?.length) card.emails = c.emails.map((email) => ({ email, type: 'WORK' }));
    if (c.organization) card.org = { company: c.organization };
    return card;
  });
}

export function cloudOrder(order: SimOrder): Json {
  return {
    catalog_id: order.catalogId ?? 'catalogo-sim',
    ...(order.text ? { text: order.text } : {}),
    product_items: order.items.map((i) => ({
      product_retailer_id: i.productId,
      quantity: i.quantity,
      item_price: i.price,
      currency: i.currency ?? 'BRL',
    })),
  };
}

export function cloudReferral(r: SimReferral): Json {
  return {
    source_url: r.sourceUrl ?? 'https://fb.me/anuncio-sim',
    source_id: r.sourceId ?? '120210000000000',
    source_type: r.sourceType ?? 'ad',
    ...(r.headline ? { headline: r.headline } : {}),
    ...(r.body ? { body: r.body } : {}),
    media_type: 'image',
    image_url: r.imageUrl ?? 'https://scontent.example/anuncio.jpg',
    ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ',
  };
}

const esc = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/([,;])/g, '\\$1')
    .replace(/\n/g, '\\n');

/** The vCard WhatsApp phones write for a shared contact (what both gateways pass on). */
export function vcardOf(c: SimContact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `N:;${esc(c.name)};;;`, `FN:${esc(c.name)}`];
  if (c.organization) lines.push(`ORG:${esc(c.organization)};`);
  (c.phones ?? []).forEach((p, i) => {
    const waid = p.waId ? `;waid=${p.waId}` : '';
    lines.push(`item${i + 1}.TEL${waid}:${p.phone}`, `item${i + 1}.X-ABLabel:${p.type ?? 'Celular'}`);
  });
  for (const e of c.emails ?? []) lines.push(`EMAIL;type=INTERNET:${esc(e)}`);
  lines.push('END:VCARD');
  return lines.join('\n');
}

/** A gateway's contact message: one card, or a contacts array. */
export function gatewayContacts(contacts: SimContact[]): { field: string; value: Json } {
  const [first] = contacts;
  if (contacts.length === 1 && first) {
    return { field: 'contactMessage', value: { displayName: first.name, vcard: vcardOf(first) } };
  }
  return {
    field: 'contactsArrayMessage',
    value: {
      displayName: `${contacts.length} contatos`,
      contacts: contacts.map((c) => ({ displayName: c.name, vcard: vcardOf(c) })),
    },
  };
}
