// Conversation events: what is stored under a seq in the DO log and in Postgres, and replayed to clients.
import { z } from 'zod';
import { ClientId, MessageText, Seq, Uuid } from './ids';

/** Who produced an event. Visitors are widget customers; contacts are channel (WhatsApp) customers. */
export const Author = z.object({
  kind: z.enum(['visitor', 'contact', 'agent', 'bot', 'system']),
  id: z.string().max(64).nullable(),
  name: z.string().max(200).nullable().optional(),
});
export type Author = z.infer<typeof Author>;

export const Message = z.object({
  text: MessageText,
  author: Author,
  clientId: ClientId.nullable(),
});
export type Message = z.infer<typeof Message>;

export const MessageCreated = z.object({ type: z.literal('message.created'), message: Message });

/** The union of event bodies; new kinds are added here and nowhere else. */
export const ConversationEvent = z.discriminatedUnion('type', [MessageCreated]);
export type ConversationEvent = z.infer<typeof ConversationEvent>;
export type ConversationEventType = ConversationEvent['type'];

/** One stored event as clients and the history API see it. */
export const StoredEvent = z.object({
  seq: Seq,
  conversationId: Uuid,
  createdAt: z.iso.datetime(),
  event: ConversationEvent,
});
export type StoredEvent = z.infer<typeof StoredEvent>;
