// REST shapes for the directory agents pick from (teams, agents), the admin screens (users and roles, teams,
// canned responses, tenant settings), the contact panel and search.
import { z } from 'zod';
import { ContactAttributes, ContactTag } from './contact-attributes';
import { CpfCnpj } from './documents';
import { TicketStatus } from './events';
import { DisplayName as Name, Role, Uuid } from './ids';
import { RetentionDays } from './privacy';
import { StorableString, VisibleText } from './text';
import { TwoFactorPolicy } from './two-factor';

// ---- directory and the signed-in agent --------------------------------------------------------------------

export const TeamRef = z.object({ id: Uuid, name: z.string() });
export type TeamRef = z.infer<typeof TeamRef>;

export const DirectoryAgent = z.object({ id: Uuid, name: z.string(), role: Role, teamIds: z.array(Uuid) });
/** GET /api/directory: every agent and team of the tenant (for assignment and transfer menus). */
export const DirectoryResponse = z.object({ agents: z.array(DirectoryAgent), teams: z.array(TeamRef) });
export type DirectoryResponse = z.infer<typeof DirectoryResponse>;

export const Locale = z.enum(['pt-BR', 'en']);
/** An IANA zone name the runtime knows (America/Sao_Paulo, America/Manaus…). */
export const TimeZone = StorableString.min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'not a known time zone');

export const TenantSettings = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  locale: Locale,
  /** Who must sign in with a second factor. */
  twoFactorPolicy: TwoFactorPolicy,
  /** LGPD: days message text and files are kept before the daily job redacts them; null keeps them. */
  messageRetentionDays: RetentionDays,
});
export type TenantSettings = z.infer<typeof TenantSettings>;
export const UpdateTenantSettingsRequest = z
  .object({
    name: Name,
    timezone: TimeZone,
    locale: Locale,
    twoFactorPolicy: TwoFactorPolicy,
    messageRetentionDays: RetentionDays,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

/** GET /api/me: who is signed in, their teams and the tenant's settings (time zone for every date shown). */
export const MeResponse = z.object({
  user: z.object({ id: Uuid, tenantId: Uuid, email: z.string(), name: z.string(), role: Role }),
  teams: z.array(TeamRef),
  tenant: TenantSettings,
});
export type MeResponse = z.infer<typeof MeResponse>;

// ---- admin: users and roles, teams --------------------------------------------------------------------

export const AdminUser = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  teamIds: z.array(Uuid),
  /** False once deactivated: cannot sign in, every session revoked, open sockets closed. */
  active: z.boolean(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof AdminUser>;
export const CreateUserRequest = z.object({
  email: z.email().max(254),
  name: Name,
  role: Role,
  password: z.string().min(10, 'at least 10 characters').max(1024),
  teamIds: z.array(Uuid).max(50).default([]),
});
export const UpdateUserRequest = z
  .object({
    name: Name,
    role: Role,
    password: z.string().min(10, 'at least 10 characters').max(1024),
    teamIds: z.array(Uuid).max(50),
    active: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

export const Team = z.object({ id: Uuid, name: z.string(), memberIds: z.array(Uuid), createdAt: z.string() });
export type Team = z.infer<typeof Team>;
export const CreateTeamRequest = z.object({ name: Name, memberIds: z.array(Uuid).max(500).default([]) });
export const UpdateTeamRequest = z
  .object({ name: Name, memberIds: z.array(Uuid).max(500) })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

// ---- canned responses --------------------------------------------------------------------------------------

/** Typed after `/` in the composer; the body may use {{contact.name}}, {{agent.name}}, {{protocol}}. */
export const CannedShortcut = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, _ and -');
export const CannedResponse = z.object({
  id: Uuid,
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type CannedResponse = z.infer<typeof CannedResponse>;
export const CannedResponseRequest = z.object({
  shortcut: CannedShortcut,
  title: Name,
  body: VisibleText.max(4096),
});
export const CANNED_VARIABLES = ['contact.name', 'contact.phone', 'agent.name', 'protocol'] as const;

// ---- contact panel -----------------------------------------------------------------------------------------

export const ContactDetails = z.object({
  id: Uuid,
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  cpfCnpj: z.string().nullable(),
  /** Labels and places campaigns and outages select by. */
  tags: z.array(z.string()),
  attributes: ContactAttributes,
  createdAt: z.string(),
});
export const ContactTicket = z.object({
  id: Uuid,
  conversationId: Uuid,
  protocol: z.string(),
  status: TicketStatus,
  priority: z.number().int(),
  assigneeName: z.string().nullable(),
  teamName: z.string().nullable(),
  tags: z.array(z.string()),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
/** GET /api/contacts/:id: details and every ticket (newest first) with its protocol number. */
export const ContactPanelResponse = z.object({ contact: ContactDetails, tickets: z.array(ContactTicket) });
export type ContactPanelResponse = z.infer<typeof ContactPanelResponse>;
export const UpdateContactRequest = z
  .object({
    name: Name.nullable(),
    email: z.email().max(254).nullable(),
    cpfCnpj: CpfCnpj.nullable(),
    /** Replaces the contact's tags (deduplicated). */
    tags: z
      .array(ContactTag)
      .max(20, 'at most 20 tags')
      .transform((tags) => [...new Set(tags)]),
    /** Replaces the contact's attributes. */
    attributes: ContactAttributes,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

// ---- search ------------------------------------------------------------------------------------------------

export const SearchQuery = z.object({
  q: VisibleText.trim().min(2, 'at least 2 characters').max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const SearchResult = z.object({
  conversationId: Uuid,
  contact: z.object({ id: Uuid, name: z.string().nullable(), phone: z.string().nullable() }),
  status: TicketStatus,
  /** What matched: the contact (name, phone, CPF/CNPJ) or a message's text (full-text, Portuguese). */
  matchedIn: z.enum(['contact', 'message']),
  /** For message hits, the matching message's text with the terms around it. */
  snippet: z.string().nullable(),
  seq: z.number().int().nullable(),
  at: z.string(),
});
export type SearchResult = z.infer<typeof SearchResult>;
export const SearchResponse = z.object({ results: z.array(SearchResult) });
