// The public REST API (/api/v1) for ISPs' own systems: the request and answer shapes that both validate the
// requests and generate the OpenAPI document (workers/routes/v1). Bodies and queries are strict (an unknown
// field is a 400, not silently ignored); phones are E.164, documents are CPF/CNPJ with check digits.
import { z } from 'zod';
import { ConversationStatus, EventHistoryResponse } from './api';
import { CampaignView } from './campaigns';
import { ContactAttributes, ContactTag } from './contact-attributes';
import { CpfCnpj } from './documents';
import { Priority, TAGS_MAX, TagInput, TicketStatus } from './events';
import { ClientId, Uuid } from './ids';
import { StorableString, VisibleText } from './text';

/** E.164 with or without '+': 8 to 15 digits, no leading zero; stored and answered as digits. */
export const V1Phone = z
  .string()
  .max(20)
  .regex(/^\+?[1-9]\d{7,14}$/, 'must be an E.164 phone number, e.g. +5511987654321')
  .transform((s) => s.replace(/^\+/, ''));

export const V1IdParam = z.object({ id: z.string().max(64) });

// ---- contacts -----------------------------------------------------------------------------------------------

/** Upsert: found by phone, else by CPF/CNPJ; created when neither finds one. Given fields replace stored ones. */
export const V1ContactUpsert = z
  .strictObject({
    phone: V1Phone.optional(),
    cpfCnpj: CpfCnpj.optional(),
    name: VisibleText.trim().max(120).nullable().optional(),
    email: z.email().max(254).nullable().optional(),
    /** Replaces the contact's tags. */
    tags: z.array(ContactTag).max(50).optional(),
    /** Merged into the contact's attributes key by key (city, neighbourhood, pop, contracts, custom). */
    attributes: ContactAttributes.optional(),
  })
  .refine((b) => b.phone !== undefined || b.cpfCnpj !== undefined, {
    message: 'phone or cpfCnpj is required to find the contact',
    path: ['phone'],
  });
export type V1ContactUpsert = z.infer<typeof V1ContactUpsert>;

export const V1Contact = z.object({
  id: Uuid,
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  cpfCnpj: z.string().nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type V1Contact = z.infer<typeof V1Contact>;

export const V1ContactUpsertResponse = z.object({ contact: V1Contact, created: z.boolean() });
export const V1ContactResponse = z.object({ contact: V1Contact });

export const V1ContactQuery = z
  .strictObject({ phone: V1Phone.optional(), cpfCnpj: CpfCnpj.optional() })
  .refine((q) => (q.phone === undefined) !== (q.cpfCnpj === undefined), {
    message: 'exactly one of phone or cpfCnpj',
    path: ['phone'],
  });
export const V1ContactListResponse = z.object({ contacts: z.array(V1Contact) });

// ---- conversations and messages -----------------------------------------------------------------------------

export const V1ConversationQuery = z.strictObject({
  status: ConversationStatus.optional(),
  contactId: Uuid.optional(),
  cursor: StorableString.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const V1Conversation = z.object({
  id: Uuid,
  channelId: Uuid,
  contact: z.object({ id: Uuid, name: z.string().nullable(), phone: z.string().nullable() }),
  status: ConversationStatus,
  lastSeq: z.number().int(),
  lastMessagePreview: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  createdAt: z.string(),
});
export type V1Conversation = z.infer<typeof V1Conversation>;
export const V1ConversationList = z.object({
  conversations: z.array(V1Conversation),
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
});
export const V1ConversationResponse = z.object({ conversation: V1Conversation });

export const V1HistoryQuery = z.strictObject({
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
/** The customer-visible events, oldest first (private notes never leave Fio through the API). */
export const V1History = EventHistoryResponse;

export const V1TemplateSend = z.strictObject({
  name: StorableString.min(1).max(512),
  language: StorableString.min(2).max(16),
  /** One value per {{n}} of the approved template's body, in order. */
  parameters: z.array(VisibleText.max(1024)).max(20).default([]),
});

/** Text (inside the customer's 24 h window) or an approved template; `clientId` makes a retry harmless. */
export const V1SendMessage = z
  .strictObject({
    clientId: ClientId,
    text: VisibleText.max(4096).optional(),
    template: V1TemplateSend.optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.template === undefined), {
    message: 'exactly one of text or template',
    path: ['text'],
  });
export type V1SendMessage = z.infer<typeof V1SendMessage>;
export const V1SendMessageResponse = z.object({ seq: z.number().int(), duplicate: z.boolean() });

// ---- tickets ------------------------------------------------------------------------------------------------

export const V1Ticket = z.object({
  id: Uuid.nullable(),
  conversationId: Uuid,
  protocol: z.string().nullable(),
  status: TicketStatus,
  priority: Priority,
  tags: z.array(z.string()),
  assigneeName: z.string().nullable(),
  teamName: z.string().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type V1Ticket = z.infer<typeof V1Ticket>;
export const V1TicketResponse = z.object({ ticket: V1Ticket });
export const V1TicketTags = z.strictObject({
  /** Replaces the ticket's tags (as the agents' tag editor does). */
  tags: z.array(TagInput).max(TAGS_MAX),
});

// ---- campaigns ----------------------------------------------------------------------------------------------

export const V1CampaignResponse = z.object({ campaign: CampaignView });
export const V1CampaignQuery = z.strictObject({
  status: z.enum(['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled']).optional(),
  cursor: StorableString.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const V1CampaignList = z.object({
  campaigns: z.array(CampaignView),
  nextCursor: z.string().nullable(),
});
