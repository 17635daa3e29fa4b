// The platform operator's API (/api/operator/tenants, Bearer OPERATOR_TOKEN): creating a tenant with its first
// admin's invitation, listing, suspending, reactivating and deleting tenants. Outside every tenant.
import { z } from 'zod';
import { Locale, TimeZone } from './admin';
import { DisplayName, TenantSlug, Uuid } from './ids';

export const TenantStatus = z.enum(['active', 'suspended']);
export type TenantStatus = z.infer<typeof TenantStatus>;

export const CreateTenantRequest = z.object({
  name: DisplayName,
  /** Derived from the name when absent (accents dropped, spaces become hyphens). */
  slug: TenantSlug.optional(),
  adminEmail: z.email().max(254),
  /** The first admin's name; the part of the e-mail before @ when absent. */
  adminName: DisplayName.optional(),
  timezone: TimeZone.default('America/Sao_Paulo'),
  locale: Locale.default('pt-BR'),
});
export type CreateTenantRequest = z.infer<typeof CreateTenantRequest>;

export const OperatorTenant = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  status: TenantStatus,
  timezone: z.string(),
  locale: z.string(),
  createdAt: z.string(),
  suspendedAt: z.string().nullable(),
  users: z.number().int(),
  conversations: z.number().int(),
  /** The latest activity of any of its conversations; null when it has none. */
  lastActivityAt: z.string().nullable(),
});
export type OperatorTenant = z.infer<typeof OperatorTenant>;

/** POST /api/operator/tenants → 201: the tenant and the link its first admin (an owner) accepts. */
export const CreateTenantResponse = z.object({
  tenant: OperatorTenant,
  admin: z.object({ id: Uuid, email: z.string(), name: z.string() }),
  invitation: z.object({
    url: z.string(),
    expiresAt: z.string(),
    /** Whether the invitation e-mail went out (the link works either way). */
    mail: z.enum(['sent', 'failed']),
  }),
});
export type CreateTenantResponse = z.infer<typeof CreateTenantResponse>;

export const OperatorTenantList = z.object({ tenants: z.array(OperatorTenant) });
export type OperatorTenantList = z.infer<typeof OperatorTenantList>;

export const SuspendTenantRequest = z.object({ reason: z.string().trim().min(1).max(500).optional() });

/** DELETE /api/operator/tenants/:id?confirm=<slug>: the slug repeated, because deleting is forever. */
export const DeleteTenantQuery = z.object({ confirm: z.string().min(1, 'repeat the tenant slug').max(80) });

/** What a deletion removed; `objects.failed` lists object names whose storage could not be wiped. */
export const DeleteTenantResponse = z.object({
  id: Uuid,
  slug: z.string(),
  rows: z.number().int(),
  files: z.number().int(),
  objects: z.object({ wiped: z.number().int(), failed: z.array(z.string()) }),
});
export type DeleteTenantResponse = z.infer<typeof DeleteTenantResponse>;
