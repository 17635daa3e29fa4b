// REST shapes for the bot's per-tenant settings in the admin: the ERP connection (IXC or SGP, credentials
// sealed and never sent back), the LLM endpoint and key pool (keys sealed, shown only as a count and their
// last four characters), the knowledge base the LLM answers from, and a channel's "bot answers first" switch.
import { z } from 'zod';
import { ErpErrorCode } from './bot-tools';
import { TagInput } from './events';
import { Uuid } from './ids';
import { StorableString, VisibleText } from './text';

const BaseUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(500);
const Credential = StorableString.trim().min(1).max(512);

// ---- ERP connection ---------------------------------------------------------------------------------------

export const ErpKind = z.enum(['ixc', 'sgp']);
export type ErpKind = z.infer<typeof ErpKind>;

/** What each ERP authenticates with: IXC Basic auth (webservice user id + token), SGP `token` + `app`. */
export const IxcCredentials = z.object({ user: Credential, token: Credential }).strict();
export const SgpCredentials = z.object({ token: Credential, app: Credential }).strict();
export const ERP_CREDENTIAL_FIELDS = { ixc: ['user', 'token'], sgp: ['token', 'app'] } as const;

/**
 * PUT /api/admin/erp. `credentials` may be left out to keep the stored ones (same kind only: changing the
 * base URL alone). `test: true` ("save and test") calls the ERP first and stores nothing if it refuses.
 */
export const ErpConnectionRequest = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('ixc'), baseUrl: BaseUrl, credentials: IxcCredentials.optional() })
    .extend({ test: z.boolean().default(false) })
    .strict(),
  z
    .object({ kind: z.literal('sgp'), baseUrl: BaseUrl, credentials: SgpCredentials.optional() })
    .extend({ test: z.boolean().default(false) })
    .strict(),
]);
export type ErpConnectionRequest = z.infer<typeof ErpConnectionRequest>;

/** DELETE /api/admin/erp: said out loud, so a stray request with no body disconnects nothing. */
export const ErpDisconnectRequest = z.object({ confirm: z.literal(true) }).strict();

export const ErpConnectionView = z.object({
  kind: ErpKind,
  baseUrl: z.string(),
  /** Which credential fields hold a value (never the values). */
  credentialsSet: z.array(z.string()),
  lastTestAt: z.string().nullable(),
  lastTestOk: z.boolean().nullable(),
  updatedAt: z.string(),
});
export type ErpConnectionView = z.infer<typeof ErpConnectionView>;

/** GET /api/admin/erp: null when the tenant has no ERP connected. */
export const ErpConnectionResponse = z.object({ connection: ErpConnectionView.nullable() });
export type ErpConnectionResponse = z.infer<typeof ErpConnectionResponse>;

/** POST /api/admin/erp/test: what the ERP answered to a cheap authenticated read. */
export const ErpTestResponse = z.object({
  ok: z.boolean(),
  /** The ERP's or our words, for the admin (never a secret). */
  detail: z.string(),
  code: ErpErrorCode.nullable(),
  testedAt: z.string(),
});
export type ErpTestResponse = z.infer<typeof ErpTestResponse>;

// ---- AI settings ------------------------------------------------------------------------------------------

export const AI_KEYS_MAX = 5;
export const AI_DEADLINE_MIN_MS = 1000;
export const AI_DEADLINE_MAX_MS = 30_000;

const ApiKey = StorableString.trim()
  .min(8, 'at least 8 characters')
  .max(512)
  .regex(/^\S+$/, 'no spaces inside a key');

/**
 * PUT /api/admin/ai. `keys` replaces the whole pool when present ([] clears it) and keeps it when left out;
 * an enabled LLM needs at least one key after that.
 */
export const AiSettingsRequest = z
  .object({
    enabled: z.boolean(),
    baseUrl: BaseUrl,
    /** The model's name as the endpoint spells it (gpt-4o-mini, llama3.1:8b, org/model@v2 …). */
    model: StorableString.trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'letters, digits and . _ : / @ + - only'),
    keys: z.array(ApiKey).max(AI_KEYS_MAX, `at most ${AI_KEYS_MAX} keys`).optional(),
    deadlineMs: z.number().int().min(AI_DEADLINE_MIN_MS).max(AI_DEADLINE_MAX_MS).default(8000),
  })
  .strict();
export type AiSettingsRequest = z.infer<typeof AiSettingsRequest>;

export const AiSettingsView = z.object({
  enabled: z.boolean(),
  baseUrl: z.string(),
  model: z.string(),
  deadlineMs: z.number().int(),
  /** The pool as the admin may see it: how many keys, and each one's last four characters. */
  keys: z.object({ count: z.number().int(), endings: z.array(z.string()) }),
  updatedAt: z.string(),
});
export type AiSettingsView = z.infer<typeof AiSettingsView>;

/** GET /api/admin/ai: null when the tenant never configured an LLM. */
export const AiSettingsResponse = z.object({ settings: AiSettingsView.nullable() });
export type AiSettingsResponse = z.infer<typeof AiSettingsResponse>;

// ---- knowledge base ---------------------------------------------------------------------------------------

export const KNOWLEDGE_TITLE_MAX = 200;
export const KNOWLEDGE_BODY_MAX = 20_000;

export const KnowledgeArticleRequest = z
  .object({
    title: VisibleText.trim().max(KNOWLEDGE_TITLE_MAX, `at most ${KNOWLEDGE_TITLE_MAX} characters`),
    body: VisibleText.max(KNOWLEDGE_BODY_MAX, `at most ${KNOWLEDGE_BODY_MAX} characters`),
    tags: z
      .array(TagInput.transform((t) => t.toLowerCase()))
      .max(20, 'at most 20 tags')
      .default([])
      .transform((tags) => [...new Set(tags)]),
    published: z.boolean().default(true),
  })
  .strict();
export type KnowledgeArticleRequest = z.infer<typeof KnowledgeArticleRequest>;

export const KnowledgeArticleView = z.object({
  id: Uuid,
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  published: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KnowledgeArticleView = z.infer<typeof KnowledgeArticleView>;

/** GET /api/admin/knowledge?q=: newest first, filtered by words of the title, body or tags when q is given. */
export const KnowledgeListQuery = z.object({ q: StorableString.trim().max(200).optional() }).strict();

/** A list row: the body only as its opening words (the editor loads the whole article). */
export const KnowledgeArticleSummary = KnowledgeArticleView.omit({ body: true }).extend({
  excerpt: z.string(),
  bodyLength: z.number().int(),
});
export type KnowledgeArticleSummary = z.infer<typeof KnowledgeArticleSummary>;

export const KnowledgeListResponse = z.object({ articles: z.array(KnowledgeArticleSummary) });
export type KnowledgeListResponse = z.infer<typeof KnowledgeListResponse>;

/** POST /api/admin/knowledge/search: what the bot would retrieve for a customer's message. */
export const KnowledgeSearchRequest = z
  .object({
    query: VisibleText.trim().max(1000),
    limit: z.number().int().min(1).max(10).default(3),
  })
  .strict();

export const KnowledgePassageView = z.object({ articleId: Uuid, title: z.string(), text: z.string() });
export const KnowledgeSearchResponse = z.object({ passages: z.array(KnowledgePassageView) });
export type KnowledgeSearchResponse = z.infer<typeof KnowledgeSearchResponse>;

// ---- a channel's bot switch -------------------------------------------------------------------------------

/** PATCH /api/channels/:id/bot: whether new tickets on this channel start with the bot. */
export const ChannelBotRequest = z.object({ botEnabled: z.boolean() }).strict();
