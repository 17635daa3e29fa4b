// REST request and response shapes under /api (zod in, zod out).
import { z } from 'zod';
import { StoredEvent } from './events';
import { DisplayName, Role, TenantSlug, Uuid } from './ids';
import { StorableString } from './text';
import { SecondFactorCode } from './two-factor';
import { PrechatAnswers } from './widget';

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

/** `<visitor uuid>.<HMAC, base64url>`: issued with a session, presented to resume it (a guessed id is not). */
export const VisitorKey = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$/,
    'a visitorKey from an earlier session',
  );

export const WidgetSessionRequest = z
  .strictObject({
    /** The widget channel (what the loader's data-channel names); older clients name the tenant instead. */
    channel: Uuid.optional(),
    /** The tenant's slug: its first widget channel (the API before channels were named). */
    tenant: TenantSlug.optional(),
    /** The page embedding the widget (the iframe learns it from the loader): must be on the channel's list. */
    hostOrigin: z.string().max(200).optional(),
    /** The pre-chat (or offline) form's answers besides the name. */
    contact: PrechatAnswers.optional(),
    /** From an earlier session of this browser: resumes its contact, conversation and ticket. */
    visitorKey: VisitorKey.optional(),
    name: DisplayName.optional(),
    /**
     * A JWT (HS256) the ISP's site signs with the widget channel's identity secret: `sub` = the customer's
     * id there, `exp` required (at most 24 h ahead). Verifies the contact; a verified contact needs it to resume.
     */
    identityToken: z.string().min(1).max(4096).optional(),
  })
  .refine((r) => (r.channel === undefined) !== (r.tenant === undefined), 'give either channel or tenant');
export const WidgetSessionResponse = z.object({
  token: z.string(),
  conversationId: Uuid,
  visitorId: Uuid,
  visitorKey: z.string(),
  protocol: z.string(),
  /** The contact has a verified identity (from an identity token). */
  verified: z.boolean(),
});

/** POST /api/channels/:id/identity-secret (admins, widget channels): a new secret, shown once. */
export const IdentitySecretResponse = z.object({ identitySecret: z.string() });

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
