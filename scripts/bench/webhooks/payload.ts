// One signed Cloud API webhook per request: a text message from one of the bench's customers with a unique
// wamid, rendered the way Meta renders it (escaped unicode) and signed over exactly those bytes.
import { metaJson, signBody } from '../../whatsapp-simulator/meta-signing';
import type { WebhookSpec } from './types';

export interface SignedWebhook {
  body: Buffer;
  signature: string;
}

/**
 * Customer i's number: 55 + area 31 + a 9-digit mobile starting 99, so Fio sees a real Brazilian mobile
 * (both its 9-digit and legacy 8-digit forms) rather than something that only looks like one.
 */
export function customerPhone(i: number): string {
  return `5531991${String(i).padStart(6, '0')}`;
}

/** Every wamid of a run starts with this; request n's is the prefix followed by n. */
export function wamidPrefix(runTag: string): string {
  return `wamid.bench.${runTag}.`;
}

/** The WhatsApp number a webhook is addressed to (its Cloud API metadata). */
export interface WebhookNumber {
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
}

/** One customer's text message to `number` as Meta delivers it, signed with the app secret. */
export function signedTextWebhook(
  appSecret: string,
  number: WebhookNumber,
  message: { phone: string; name: string; wamid: string; text: string },
): SignedWebhook {
  const payload = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: number.displayPhoneNumber,
                phone_number_id: number.phoneNumberId,
              },
              contacts: [{ profile: { name: message.name }, wa_id: message.phone }],
              messages: [
                {
                  from: message.phone,
                  id: message.wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: message.text },
                },
              ],
            },
          },
        ],
      },
    ],
  };
  const raw = metaJson(payload);
  return { body: Buffer.from(raw), signature: signBody(appSecret, raw) };
}

/** Request n goes to customer n mod customers: every conversation gets the same share of the load. */
export function buildWebhook(spec: WebhookSpec, n: number): SignedWebhook {
  const customer = n % spec.customers;
  return signedTextWebhook(spec.appSecret, spec.number, {
    phone: customerPhone(customer),
    name: `Cliente ${customer}`,
    wamid: `${wamidPrefix(spec.runTag)}${n}`,
    text: `Olá, minha internet caiu 😢 #${n}`,
  });
}
