// How large an inbound WhatsApp file may be, by kind: WhatsApp's own limits (Cloud API "supported media
// types": images 5 MB, audio and video 16 MB, documents 100 MB, animated stickers 500 KB). A download stops
// reading at the limit, so a provider (or whatever a media URL points at) cannot make us buffer more.
import type { MediaKind } from './inbound';

const MB = 1024 * 1024;

export const INBOUND_MEDIA_MAX_BYTES: Record<MediaKind, number> = {
  image: 5 * MB,
  audio: 16 * MB,
  video: 16 * MB,
  document: 100 * MB,
  sticker: 500 * 1024,
};

/** The largest file WhatsApp carries at all: the cap when the kind is not known. */
export const ANY_MEDIA_MAX_BYTES = 100 * MB;

/** Base64 in a JSON answer (Evolution's getBase64FromMediaMessage) for a file of at most `maxBytes`. */
export const base64AnswerMaxBytes = (maxBytes: number) => Math.ceil(maxBytes / 3) * 4 + 64 * 1024;
