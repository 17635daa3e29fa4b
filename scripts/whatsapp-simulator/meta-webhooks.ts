// Builds Cloud API webhook payloads as Meta sends them: customer messages (text, media, location, contact
// cards, an order, or a raw message object; a referral or forwarded mark on any of them) grouped into entries/changes per phone number, and delivery status updates.
import { randomBytes } from 'node:crypto';
import type { SimContext } from './context';
import { wamid } from './ids';
import { cloudContacts, cloudOrder, cloudReferral } from './shared-content';
import { sha256 } from './state';
import type { CloudNumber, InboundInput, StatusUpdate } from './types';

type Json = Record<string, unknown>;

export interface BuiltMessage {
  message: Json;
  contact: Json;
  externalId: string;
  type: string;
  text: string | null;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Thrown for a phoneNumberId that was never registered (the control API answers 400). */
export class UnknownNumberError extends Error {}

export function numberOf(ctx: SimContext, phoneNumberId: string): Required<CloudNumber> {
  const number = ctx.state.numbers.get(phoneNumberId);
  if (!number) throw new UnknownNumberError(`unknown phoneNumberId ${phoneNumberId}: registerNumber first`);
  return number;
}

function mediaPart(ctx: SimContext, input: InboundInput, media: NonNullable<InboundInput['media']>): Json {
  const stored = ctx.state.storeMedia({
    provider: 'cloud',
    address: input.phoneNumberId,
    bytes: media.bytes,
    mimeType: media.mimeType,
    filename: media.filename ?? null,
  });
  const part: Json = { id: stored.id, mime_type: media.mimeType, sha256: sha256(media.bytes, 'base64') };
  if (media.caption !== undefined && media.kind !== 'audio' && media.kind !== 'sticker') {
    part.caption = media.caption;
  }
  if (media.kind === 'document') part.filename = media.filename ?? 'documento';
  if (media.kind === 'audio') part.voice = media.voice ?? false;
  if (media.kind === 'sticker') part.animated = false;
  return part;
}

/** The message object of one customer message; registers media bytes so the Graph endpoints serve them. */
export function buildMessage(ctx: SimContext, input: InboundInput): BuiltMessage {
  const number = numberOf(ctx, input.phoneNumberId);
  const contact = { profile: { name: input.name ?? input.from }, wa_id: input.from };
  if (input.raw) {
    const id = typeof input.raw.id === 'string' ? input.raw.id : (input.externalId ?? wamid());
    const type = typeof input.raw.type === 'string' ? input.raw.type : 'unknown';
    return { message: { ...input.raw, id }, contact, externalId: id, type, text: null };
  }
  const id = input.externalId ?? wamid();
  const message: Json = { from: input.from, id, timestamp: String(input.timestamp ?? nowSeconds()) };
  if (input.replyTo) message.context = { from: number.displayPhoneNumber, id: input.replyTo };
  if (input.forwarded) message.context = { ...(message.context as Json | undefined), forwarded: true };
  if (input.referral) message.referral = cloudReferral(input.referral);
  let text: string | null = null;
  if (input.contacts) {
    message.type = 'contacts';
    message.contacts = cloudContacts(input.contacts);
    text = input.contacts.map((c) => c.name).join(', ');
  } else if (input.order) {
    message.type = 'order';
    message.order = cloudOrder(input.order);
    text = input.order.text ?? null;
  } else if (input.media) {
    message.type = input.media.kind;
    message[input.media.kind] = mediaPart(ctx, input, input.media);
    text = input.media.caption ?? null;
  } else if (input.choice) {
    const c = input.choice;
    message.type = 'interactive';
    message.interactive =
      c.kind === 'button'
        ? { type: 'button_reply', button_reply: { id: c.id, title: c.title } }
        : {
            type: 'list_reply',
            list_reply: {
              id: c.id,
              title: c.title,
              ...(c.description ? { description: c.description } : {}),
            },
          };
    text = c.title;
  } else if (input.location) {
    message.type = 'location';
    message.location = input.location;
  } else if (input.text !== undefined) {
    message.type = 'text';
    message.text = { body: input.text };
    text = input.text;
  } else {
    throw new Error('inbound needs text, media, location, contacts, order or raw');
  }
  return { message, contact, externalId: id, type: String(message.type), text };
}

/** One change per phone number; several messages of the same number share it. */
export function envelope(
  ctx: SimContext,
  groups: { phoneNumberId: string; messages?: BuiltMessage[]; statuses?: Json[] }[],
): Json {
  const entry = groups.map((g) => {
    const number = numberOf(ctx, g.phoneNumberId);
    const value: Json = {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
    };
    if (g.messages) {
      const contacts = new Map(g.messages.map((m) => [String(m.contact.wa_id), m.contact]));
      value.contacts = [...contacts.values()];
      value.messages = g.messages.map((m) => m.message);
    }
    if (g.statuses) value.statuses = g.statuses;
    return { id: number.wabaId, changes: [{ value, field: 'messages' }] };
  });
  return { object: 'whatsapp_business_account', entry };
}

export function statusObject(update: StatusUpdate): Json {
  const timestamp = nowSeconds();
  const status: Json = {
    id: update.externalId,
    status: update.status,
    timestamp: String(timestamp),
    recipient_id: update.recipient,
  };
  if (update.reference !== undefined && update.reference !== null) {
    status.biz_opaque_callback_data = update.reference;
  }
  if (update.status === 'sent') {
    status.conversation = {
      id: randomBytes(16).toString('hex'),
      expiration_timestamp: String(timestamp + 24 * 3600),
      origin: { type: 'service' },
    };
    status.pricing = {
      billable: false,
      pricing_model: 'PMP',
      category: 'service',
      type: 'free_customer_service',
    };
  }
  if (update.errors) {
    status.errors = update.errors.map((e) => ({
      code: e.code,
      title: e.title,
      message: e.message ?? e.title,
      error_data: { details: e.details ?? e.message ?? e.title },
    }));
  }
  return status;
}
