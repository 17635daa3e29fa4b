// Contact cards, orders and ad referrals as the contract stores them, built once for every provider: each
// string clipped to the contract's limits (never half a surrogate pair) and lists cut to their maximum, so a
// customer's oversized card or cart is stored shortened rather than refused.
import { clipText, type Referral, type SharedContact, type SharedOrder } from '../contract';

const LIST_MAX = 20;
const ORDER_ITEMS_MAX = 100;

const clipOrNull = (s: string | null | undefined, max: number): string | null => {
  const v = s?.trim();
  return v ? clipText(v, max) : null;
};

/** WhatsApp ids are digits: anything else in a card's `waid` is not one. */
const waIdOf = (s: string | null | undefined): string | null => {
  const digits = s?.replace(/\D/g, '') ?? '';
  return digits.length >= 8 && digits.length <= 32 ? digits : null;
};

export interface ContactInput {
  name: string | null | undefined;
  phones: { phone: string | null | undefined; type?: string | null; waId?: string | null }[];
  emails: (string | null | undefined)[];
  organization?: string | null;
}

/** A card with at least a name or a phone; null when there is nothing to show. */
export function sharedContact(input: ContactInput): SharedContact | null {
  const phones = input.phones
    .flatMap((p) => {
      const phone = clipOrNull(p.phone, 64);
      const waId = waIdOf(p.waId);
      if (!phone && !waId) return [];
      return [{ phone: phone ?? `+${waId}`, type: clipOrNull(p.type, 40), waId }];
    })
    .slice(0, LIST_MAX);
  const emails = input.emails.flatMap((e) => clipOrNull(e, 320) ?? []).slice(0, LIST_MAX);
  const name = clipOrNull(input.name, 500) ?? phones[0]?.phone ?? emails[0] ?? null;
  if (!name) return null;
  return { name, phones, emails, organization: clipOrNull(input.organization, 500) };
}

export function sharedContacts(inputs: ContactInput[]): SharedContact[] {
  return inputs.flatMap((c) => sharedContact(c) ?? []).slice(0, LIST_MAX);
}

export interface OrderInput {
  catalogId?: string | null;
  note?: string | null;
  items: {
    productId: string;
    quantity: number;
    price?: number | null;
    currency?: string | null;
  }[];
}

export function sharedOrder(input: OrderInput): SharedOrder {
  const money = (n: number | null | undefined) => (typeof n === 'number' && n >= 0 ? n : null);
  return {
    catalogId: clipOrNull(input.catalogId, 128),
    note: clipOrNull(input.note, 4096),
    items: input.items.slice(0, ORDER_ITEMS_MAX).map((i) => ({
      productId: clipText(i.productId, 256),
      quantity: Math.max(0, i.quantity),
      price: money(i.price),
      currency: clipOrNull(i.currency, 8),
    })),
  };
}

export interface ReferralInput {
  sourceUrl?: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  headline?: string | null;
  body?: string | null;
  mediaUrl?: string | null;
}

/** An ad referral; null when it names nothing at all. Only http(s) links are kept (the agent may open them). */
export function referralOf(input: ReferralInput): Referral | null {
  const link = (s: string | null | undefined) => {
    const v = clipOrNull(s, 2048);
    return v && /^https?:\/\//i.test(v) ? v : null;
  };
  const r: Referral = {
    sourceUrl: link(input.sourceUrl),
    sourceType: clipOrNull(input.sourceType, 40),
    sourceId: clipOrNull(input.sourceId, 256),
    headline: clipOrNull(input.headline, 1024),
    body: clipOrNull(input.body, 4096),
    mediaUrl: link(input.mediaUrl),
  };
  return Object.values(r).some((v) => v !== null) ? r : null;
}
