// REST request and response shapes under /api (zod in, zod out).
import { z } from 'zod';
import { StoredEvent } from './events';
import { DisplayName, Role, TenantSlug, Uuid } from './ids';
import { StorableString } from './text';
import { SecondFactorCode } from './two-factor';

export const LoginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(1024),
  /** The second factor (see SecondFactorCode): asked for when the user has 2FA on. */
  totp: SecondFactorCode.optional(),
});
export const UserView = z.object({
  id: Uuid,
  tenantId: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
});
/** Login and refresh answer alike; the refresh token itself travels only in the httpOnly `fio_refresh` cookie. */
export const LoginResponse = z.object({ accessToken: z.string(), expiresIn: z.number(), user: UserView });

/** One of my sessions (GET /api/auth/sessions): `current` is the one the request's token belongs to. */
export const SessionView = z.object({
  id: Uuid,
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;
export const SessionsResponse = z.object({ sessions: z.array(SessionView) });

export const WidgetSessionRequest = z.object({
  tenant: TenantSlug,
  visitorId: Uuid.optional(),
  name: DisplayName.optional(),
});
export const WidgetSessionResponse = z.object({
  token: z.string(),
  conversationId: Uuid,
  visitorId: Uuid,
  protocol: z.string(),
});

export const ConversationStatus = z.enum(['bot', 'queued', 'assigned', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const ConversationListQuery = z.object({
  status: ConversationStatus.optional(),
  cursor: StorableString.max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const ConversationSummary = z.object({
  id: Uuid,
  channelId: Uuid,
  contact: z.object({ id: Uuid, name: z.string().nullable(), phone: z.string().nullable() }),
  status: ConversationStatus,
  lastSeq: z.number().int(),
  lastMessagePreview: z.string().nullable(),
  lastEventAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;
export const ConversationListResponse = z.object({
  conversations: z.array(ConversationSummary),
  nextCursor: z.string().nullable(),
});

export const EVENTS_PAGE_MAX = 200;
export const EventHistoryQuery = z.object({
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(50),
});
export const EventHistoryResponse = z.object({
  events: z.array(StoredEvent),
  /** Pass as `before` to get the page before this one; null at the start of the conversation. */
  nextBefore: z.number().int().nullable(),
});
export type EventHistoryResponse = z.infer<typeof EventHistoryResponse>;
