// WebSocket frame protocol of a conversation socket: one set of discriminated unions for Worker, DO and clients.
import { z } from 'zod';
import { ErrorCode } from './errors';
import { ConversationEvent } from './events';
import { ClientId, MessageText, Seq } from './ids';

export const HelloFrame = z.object({ type: z.literal('hello'), since: Seq });
export const MessageSendFrame = z.object({
  type: z.literal('message.send'),
  clientId: ClientId,
  text: MessageText,
  /**
   * Visitors: the option of reply buttons or a list they picked (a bot menu, the CSAT stars); `text` is the
   * option's title. Stored as the message's `choice`, like a WhatsApp tap.
   */
  choice: z.object({ id: z.string().min(1).max(256) }).optional(),
});
/**
 * Visitors: a file they uploaded first (POST /api/conversations/:id/attachments with their token) sent as a
 * message, with an optional caption. The key must be one of this conversation's uploads.
 */
export const AttachmentSendFrame = z.object({
  type: z.literal('attachment.send'),
  clientId: ClientId,
  key: z.string().min(1).max(512),
  caption: MessageText.optional(),
});
/** Agents only: a private note (visitors get `forbidden`). */
export const NoteSendFrame = z.object({
  type: z.literal('note.send'),
  clientId: ClientId,
  text: MessageText,
});
export const TypingFrame = z.object({ type: z.literal('typing'), on: z.boolean() });
export const ReadFrame = z.object({ type: z.literal('read'), seq: Seq });
export const PingFrame = z.object({ type: z.literal('ping') });

export const ClientFrame = z.discriminatedUnion('type', [
  HelloFrame,
  MessageSendFrame,
  AttachmentSendFrame,
  NoteSendFrame,
  TypingFrame,
  ReadFrame,
  PingFrame,
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** Who a presence-style frame (typing, read) is about. */
export const Participant = z.object({
  kind: z.enum(['visitor', 'agent']),
  id: z.string(),
  name: z.string().nullable().optional(),
});
export type Participant = z.infer<typeof Participant>;

export const EventFrame = z.object({
  type: z.literal('event'),
  seq: Seq,
  createdAt: z.iso.datetime(),
  event: ConversationEvent,
});
/** A seq the receiver may not see (a private note, for a customer): it advances the client's seq, shows nothing. */
export const HiddenFrame = z.object({ type: z.literal('hidden'), seq: Seq });
export const AckFrame = z.object({ type: z.literal('ack'), clientId: ClientId, seq: Seq });
/** Sent after a hello once the replay is complete: everything up to `lastSeq` has been delivered. */
export const ReadyFrame = z.object({ type: z.literal('ready'), lastSeq: Seq });
export const TypingServerFrame = z.object({ type: z.literal('typing'), on: z.boolean(), who: Participant });
export const ReadServerFrame = z.object({ type: z.literal('read'), seq: Seq, who: Participant });
export const PongFrame = z.object({ type: z.literal('pong') });
export const ErrorFrame = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string(),
  clientId: ClientId.optional(),
  details: z.unknown().optional(),
});

export const ServerFrame = z.discriminatedUnion('type', [
  EventFrame,
  HiddenFrame,
  AckFrame,
  ReadyFrame,
  TypingServerFrame,
  ReadServerFrame,
  PongFrame,
  ErrorFrame,
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
export type EventFrame = z.infer<typeof EventFrame>;
export type ErrorFrame = z.infer<typeof ErrorFrame>;

/** Largest frame a client may send; anything bigger is refused before parsing. */
export const CLIENT_FRAME_MAX_BYTES = 64 * 1024;

/**
 * Why the server closes an agent's socket (conversation and inbox alike): its session ended (sign-out,
 * revocation, deactivation: sign in again or refresh) or its role changed (refresh for a token with the new
 * role, then reconnect). Codes 4000-4999 are the application's own range.
 */
export const SOCKET_CLOSE = {
  sessionEnded: { code: 4401, reason: 'session_ended' },
  roleChanged: { code: 4403, reason: 'role_changed' },
  /** The platform operator suspended the tenant: the client shows the sign-in screen with that message. */
  tenantSuspended: { code: 4423, reason: 'tenant_suspended' },
} as const;
export type SocketCloseReason = (typeof SOCKET_CLOSE)[keyof typeof SOCKET_CLOSE];
