// API keys for integrations: scopes from one fixed list, the admin's create/list shapes, and the key format
// (`fio_<prefix>_<secret>`: a visible prefix that names the row, a secret stored only as its SHA-256).
import { z } from 'zod';
import { DisplayName, Uuid } from './ids';

/** What a key may do; each scope opens a few endpoints (README, Identity and access). */
export const ApiKeyScope = z.enum([
  'conversations:read',
  'contacts:read',
  'contacts:write',
  'messages:send',
  'tickets:write',
  'campaigns:read',
  'campaigns:write',
]);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;

/** 8 + 40 characters of RFC 4648 base32 (lowercase): no `_`, so the key splits unambiguously. */
export const API_KEY_PATTERN = /^fio_([a-z2-7]{8})_([a-z2-7]{40})$/;

export const CreateApiKeyRequest = z.strictObject({
  name: DisplayName.min(1),
  scopes: z
    .array(ApiKeyScope)
    .min(1)
    .max(ApiKeyScope.options.length)
    .refine((s) => new Set(s).size === s.length, 'each scope once'),
  /** Optional expiry, in the future and at most 2 years away. */
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((s) => {
      const at = Date.parse(s);
      return at > Date.now() && at < Date.now() + 2 * 366 * 86_400_000;
    }, 'must be in the future (at most 2 years)')
    .nullable()
    .optional(),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const ApiKeyView = z.object({
  id: Uuid,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ApiKeyScope),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const ApiKeyListResponse = z.object({ apiKeys: z.array(ApiKeyView) });
export type ApiKeyListResponse = z.infer<typeof ApiKeyListResponse>;

/** The whole key appears here once and never again. */
export const CreateApiKeyResponse = z.object({ key: z.string(), apiKey: ApiKeyView });
export type CreateApiKeyResponse = z.infer<typeof CreateApiKeyResponse>;
