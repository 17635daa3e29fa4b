// Identifier generators shaped like each provider's: Cloud wamids and numeric media ids, Baileys-style
// message ids for the gateways, Graph fbtrace ids. Random, so tests cannot depend on their values.
import { randomBytes, randomInt } from 'node:crypto';

/** "wamid." + base64 of random bytes, like Meta's (which base64-encodes a protobuf). */
export function wamid(): string {
  return `wamid.HBgM${randomBytes(27).toString('base64').replace(/=+$/, '')}`;
}

/** Meta media ids are long decimal strings. */
export function mediaId(): string {
  return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
}

/** WhatsApp Web (Baileys) ids, as Evolution and Uazapi return them. */
export function gatewayMessageId(): string {
  return `3EB0${randomBytes(9).toString('hex').toUpperCase()}`;
}

export function fbtraceId(): string {
  return randomBytes(17).toString('base64').replace(/[+/=]/g, 'A');
}

export function urlToken(): string {
  return randomBytes(16).toString('hex');
}
