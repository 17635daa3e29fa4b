// Postgres schema (drizzle). Every row carries tenant_id; RLS policies and the monthly partitioning of
// conversation_events live in hand-written migrations next to the generated ones (see drizzle/migrations).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('America/Sao_Paulo'),
    locale: text('locale').notNull().default('pt-BR'),
    /** Last protocol number handed out; bumped atomically when a ticket opens. */
    protocolCounter: bigint('protocol_counter', { mode: 'number' }).notNull().default(0),
    /** Who must sign in with a second factor (tenants_require_2fa_check in migration 0011 holds it to these). */
    require2fa: text('require_2fa', { enum: ['none', 'admins', 'everyone'] })
      .notNull()
      .default('none'),
    /** Days message text and attachments are kept before the daily job redacts them (null: kept). */
    messageRetentionDays: integer('message_retention_days'),
    /** Routing, CSAT, auto-close, after-hours and grace settings (contract ServiceSettings; {} = defaults). */
    serviceSettings: jsonb('service_settings').notNull().default(sql`'{}'::jsonb`),
    /** Opening hours and holidays (contract BusinessHours); null: always open. */
    businessHours: jsonb('business_hours'),
    /**
     * Set by the platform operator (outside every tenant): a suspended tenant's sign-ins, sockets and
     * webhooks are refused until it is reactivated.
     */
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('tenants_status_check', sql`${t.status} in ('active', 'suspended')`),
    check(
      'tenants_message_retention_days_check',
      sql`${t.messageRetentionDays} is null or ${t.messageRetentionDays} between 1 and 3650`,
    ),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'supervisor', 'agent'] }).notNull(),
    /** argon2id PHC string; null while an invited user has not set one (no password can match). */
    passwordHash: text('password_hash'),
    /** Set while an invitation is pending (cleared when it is accepted). */
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    /** Set when an admin deactivates the user: sign-in, refresh and every open token stop working. */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    /** Open conversations automatic assignment gives this agent at most; null: the team's or tenant's default. */
    capacity: integer('capacity'),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_capacity_check', sql`${t.capacity} is null or ${t.capacity} between 0 and 100`),
    // Login takes only an email, so an email names one user across the whole deployment.
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_tenant_idx').on(t.tenantId),
    check('users_role_check', sql`${t.role} in ('owner','admin','supervisor','agent')`),
  ],
);

export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['widget', 'whatsapp_cloud', 'evolution', 'uazapi'] }).notNull(),
    name: text('name').notNull(),
    /** Non-secret settings (base URLs, rate limits, display number). */
    settings: jsonb('settings').notNull().default({}),
    /**
     * The WhatsApp portfolio's messaging tier: unique recipients of business-initiated messages per rolling
     * 24 h (TIER_250 … TIER_UNLIMITED, `MessagingTier` in the contract). Campaigns stay under it.
     */
    messagingTier: text('messaging_tier').notNull().default('TIER_250'),
    /**
     * Where a provider's webhooks say they come from: the Cloud API phone_number_id, or the gateway
     * instance name. Unique among live channels of a kind across all tenants (one Meta webhook URL); for a
     * Cloud number it is, by a check, the very phone_number_id the senders use (settings.phoneNumberId).
     */
    address: text('address'),
    /** Credentials sealed with CHANNEL_SECRETS_KEY (AES-GCM, channel id as associated data). */
    credentials: text('credentials'),
    /** SHA-256 (hex) of the secret a gateway presents on its webhooks. */
    webhookSecretHash: text('webhook_secret_hash'),
    /** Widget channels: the secret the ISP's site signs identity tokens with, sealed like credentials. */
    identitySecret: text('identity_secret'),
    /** New tickets on this channel start with the bot (status 'bot') when the tenant has a published flow. */
    botEnabled: boolean('bot_enabled').notNull().default(false),
    lastWebhookAt: timestamp('last_webhook_at', { withTimezone: true }),
    /** Last known validity of the credentials (a test call, or a 190 / 401 while sending). */
    tokenValid: boolean('token_valid'),
    healthStatus: text('health_status', { enum: ['healthy', 'unhealthy'] })
      .notNull()
      .default('healthy'),
    healthReason: text('health_reason'),
    /** The reason as a code clients word in their language (ChannelHealthCode), with its values. */
    healthCode: text('health_code'),
    healthParams: jsonb('health_params'),
    healthChangedAt: timestamp('health_changed_at', { withTimezone: true }),
    /** Gateways (Evolution, Uazapi): the WhatsApp session as last reported (PairingState); null for Cloud. */
    pairingState: text('pairing_state'),
    /** Removed channels keep their rows (conversations reference them) but stop routing. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('channels_tenant_idx').on(t.tenantId),
    uniqueIndex('channels_live_address_key').on(t.kind, t.address).where(sql`${t.removedAt} is null`),
    check('channels_health_check', sql`${t.healthStatus} in ('healthy','unhealthy')`),
    check('channels_kind_check', sql`${t.kind} in ('widget','whatsapp_cloud','evolution','uazapi')`),
    // Every WhatsApp channel has an address (a null one would escape the unique index), and a Cloud number's
    // is its phone_number_id in its one spelling, the same the senders read: one number, one live row.
    check('channels_address_check', sql`${t.kind} = 'widget' or ${t.address} is not null`),
    check(
      'channels_cloud_number_check',
      sql`${t.kind} <> 'whatsapp_cloud' or (${t.address} ~ '^[1-9][0-9]{4,19}$' and ${t.address} = ${t.settings} ->> 'phoneNumberId')`,
    ),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name'),
    /** E.164 without '+', e.g. 5511987654321. */
    phone: text('phone'),
    /**
     * Meta's business-scoped user id (BSUID, e.g. BR.1234…): with WhatsApp usernames a customer may come
     * with this and no phone number. Either finds the contact; both are kept when both are known.
     */
    whatsappUserId: text('whatsapp_user_id'),
    email: text('email'),
    cpfCnpj: text('cpf_cnpj'),
    /** Widget visitors are identified by a random id kept in their browser. */
    visitorId: uuid('visitor_id'),
    /** LGPD erasure requested: personal fields are gone; the redaction of every copy may still be running. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /** Every copy of the contact's messages and files was redacted (Postgres, conversation objects, R2). */
    erasureCompletedAt: timestamp('erasure_completed_at', { withTimezone: true }),
    /**
     * The customer's id on the ISP's own site, once the widget presented an identity token signed with the
     * channel's identity secret: from then on a visitor id alone no longer resumes this contact.
     */
    widgetIdentity: text('widget_identity'),
    widgetVerifiedAt: timestamp('widget_verified_at', { withTimezone: true }),
    /** Free labels for audiences and reports (lowercase, trimmed; `ContactTag` in the contract). */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /**
     * What campaigns and outages select by (`ContactAttributes`): city, neighbourhood, POP, the ERP's
     * contract ids, plus the ISP's own keys. Filled by the API, CSV imports and the bot's ERP lookup.
     */
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contacts_tenant_visitor_key').on(t.tenantId, t.visitorId),
    uniqueIndex('contacts_tenant_widget_identity_key').on(t.tenantId, t.widgetIdentity),
    uniqueIndex('contacts_tenant_phone_key').on(t.tenantId, t.phone),
    uniqueIndex('contacts_tenant_whatsapp_user_key').on(t.tenantId, t.whatsappUserId),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    /** Status of the current ticket ('closed' when none is open); denormalised for the inbox lists. */
    status: text('status', { enum: ['bot', 'queued', 'assigned', 'closed'] })
      .notNull()
      .default('queued'),
    /** Highest seq flushed to Postgres. */
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastMessagePreview: text('last_message_preview'),
    /** When the last event was written (creation time until then); the inbox is ordered by it. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    /** WhatsApp's 24 h customer service window: free text may be sent until then (null: never opened). */
    serviceWindowExpiresAt: timestamp('service_window_expires_at', { withTimezone: true }),
    /** This thread continues another of the same contact (its number turned unhealthy): the inbox links them. */
    continuedFromConversationId: uuid('continued_from_conversation_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversations_thread_key').on(t.tenantId, t.channelId, t.contactId),
    index('conversations_status_activity_idx').on(t.tenantId, t.status, t.lastActivityAt, t.id),
    index('conversations_activity_idx').on(t.tenantId, t.lastActivityAt, t.id),
    check('conversations_status_check', sql`${t.status} in ('bot','queued','assigned','closed')`),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Protocol number told to the customer (Brazilian telecom rules): YYYYMMDD + per-tenant counter. */
    protocol: text('protocol').notNull(),
    status: text('status', { enum: ['bot', 'queued', 'assigned', 'closed'] })
      .notNull()
      .default('queued'),
    priority: smallint('priority').notNull().default(3),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    aiSummary: text('ai_summary'),
    /** Why the bot handed this ticket to people ('requested', 'low_confidence', 'step_failed', …). */
    handoffReason: text('handoff_reason'),
    /** The protocol of the ticket / work order the ERP opened for this demand, linked to ours. */
    erpProtocol: text('erp_protocol'),
    /** Who closed it: the bot alone (contained) or an agent. */
    resolvedBy: text('resolved_by', { enum: ['bot', 'agent'] }),
    csat: smallint('csat'),
    csatComment: text('csat_comment'),
    csatAt: timestamp('csat_at', { withTimezone: true }),
    /** When the ticket last entered the queue (routing order: priority, then this). */
    queuedAt: timestamp('queued_at', { withTimezone: true }),
    /** How many times this demand was reopened before this ticket (a reopen opens a new ticket). */
    reopenCount: integer('reopen_count').notNull().default(0),
    /** The SLA clocks as of the ticket's last event (contract TicketSla); null: no policy applied. */
    sla: jsonb('sla'),
    /** SLA targets breached during this ticket. */
    slaBreaches: integer('sla_breaches').notNull().default(0),
    /** The ticket this one continues on another number (same protocol), and where this one went on. */
    continuedFromTicketId: uuid('continued_from_ticket_id'),
    continuedInConversationId: uuid('continued_in_conversation_id'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Seq of the conversation event that last changed this row (the archive applies only newer ones). */
    stateSeq: bigint('state_seq', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    // A ticket continued on another number keeps its protocol (one demand, one protocol for the customer).
    uniqueIndex('tickets_protocol_key')
      .on(t.tenantId, t.protocol)
      .where(sql`${t.continuedFromTicketId} is null`),
    // At most one open cycle per conversation.
    uniqueIndex('tickets_one_open_key').on(t.conversationId).where(sql`${t.status} <> 'closed'`),
    // A conversation's current ticket (the open one, else the newest): every card load and inbox rebuild.
    index('tickets_conversation_opened_idx').on(t.conversationId, t.openedAt.desc()),
    check('tickets_priority_check', sql`${t.priority} between 1 and 5`),
    check('tickets_csat_check', sql`${t.csat} is null or ${t.csat} between 1 and 5`),
    check('tickets_status_check', sql`${t.status} in ('bot','queued','assigned','closed')`),
    check('tickets_resolved_by_check', sql`${t.resolvedBy} is null or ${t.resolvedBy} in ('bot','agent')`),
  ],
);

/**
 * The durable copy of every conversation's event log, written only by the conversation DO's outbox.
 * Partitioned by month on created_at (see the custom migration); the key includes created_at because a
 * partitioned table's keys must, and a given (conversation_id, seq) always carries the same created_at,
 * so the upsert stays idempotent on (conversation_id, seq).
 */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    authorKind: text('author_kind').notNull(),
    authorId: text('author_id'),
    clientId: text('client_id'),
    payload: jsonb('payload').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** When the outbox wrote the row; archived_at - created_at is the flush lag (monitoring, benchmarks). */
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'string' })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.seq, t.createdAt] })],
);

/**
 * An event Postgres refused on its own (a data error such as NUL or a lone surrogate in its jsonb), kept
 * here instead of holding the conversation's archive back: the archiver stores a cleaned copy (or a
 * placeholder) under the same seq in conversation_events, so history has no hole, and alerts. `payload`
 * is the refused row as JSON text with every control character and lone surrogate escaped (\u0000, \ud800),
 * so the original survives byte for byte in a form Postgres accepts.
 */
export const archiveQuarantine = pgTable(
  'archive_quarantine',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    payload: text('payload').notNull(),
    /** Postgres's error message and SQLSTATE for the refused row. */
    error: text('error').notNull(),
    sqlstate: text('sqlstate'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    index('archive_quarantine_tenant_idx').on(t.tenantId, t.createdAt),
  ],
);

/** A number's health changed (e.g. its token expired, or sends keep failing): shown to admins. */
export const channelAlerts = pgTable(
  'channel_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['healthy', 'unhealthy'] }).notNull(),
    reason: text('reason').notNull(),
    code: text('code'),
    params: jsonb('params'),
    createdAt: createdAt(),
  },
  (t) => [index('channel_alerts_channel_idx').on(t.tenantId, t.channelId, t.createdAt)],
);

/** WhatsApp message templates as last synced from the Graph API (the only way to write after 24 h). */
export const whatsappTemplates = pgTable(
  'whatsapp_templates',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    language: text('language').notNull(),
    status: text('status').notNull(),
    category: text('category'),
    /** BODY text with {{n}} placeholders. */
    body: text('body'),
    components: jsonb('components').notNull().default([]),
    /** Meta's quality rating (GREEN, YELLOW, RED, UNKNOWN): campaigns pause on RED. */
    quality: text('quality').notNull().default('UNKNOWN'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.name, t.language] })],
);

/** Agents grouped for routing and transfers (Financeiro, Suporte técnico…). */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** manual: agents take from the queue; round_robin / balanced: the tenant inbox assigns (routing). */
    routingMode: text('routing_mode', { enum: ['manual', 'round_robin', 'balanced'] })
      .notNull()
      .default('manual'),
    /** Capacity of this team's agents without their own; null: the tenant's default. */
    defaultCapacity: integer('default_capacity'),
    /** An assigned agent offline this long gives their conversations back to the queue; null: never. */
    requeueOfflineSeconds: integer('requeue_offline_seconds'),
    /** A customer message unanswered this long by the assignee goes back to the queue; null: never. */
    requeueUnansweredMinutes: integer('requeue_unanswered_minutes'),
    /** The team's own opening hours (contract BusinessHours); null: the tenant's. */
    businessHours: jsonb('business_hours'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('teams_tenant_name_key').on(t.tenantId, sql`lower(${t.name})`),
    check('teams_routing_mode_check', sql`${t.routingMode} in ('manual','round_robin','balanced')`),
    check(
      'teams_default_capacity_check',
      sql`${t.defaultCapacity} is null or ${t.defaultCapacity} between 0 and 100`,
    ),
  ],
);

/**
 * SLA targets in business minutes, chosen per ticket by priority and optionally team and channel (the most
 * specific matching policy wins). A null target is not measured.
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** null: any priority. */
    priority: smallint('priority'),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    firstResponseMinutes: integer('first_response_minutes'),
    nextResponseMinutes: integer('next_response_minutes'),
    resolutionMinutes: integer('resolution_minutes'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sla_policies_tenant_idx').on(t.tenantId),
    check('sla_policies_priority_check', sql`${t.priority} is null or ${t.priority} between 1 and 5`),
    check(
      'sla_policies_targets_check',
      sql`coalesce(${t.firstResponseMinutes}, 1) > 0 and coalesce(${t.nextResponseMinutes}, 1) > 0
        and coalesce(${t.resolutionMinutes}, 1) > 0`,
    ),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);

/** Saved replies an agent inserts with `/shortcut` in the composer. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('canned_responses_shortcut_key').on(t.tenantId, t.shortcut)],
);

/**
 * Append-only record of security-relevant actions per tenant (sign-ins, 2FA, roles, sessions, API keys,
 * credentials, exports, erasures, ticket transfers and closes). The app role may only SELECT and INSERT,
 * and a trigger refuses every UPDATE (migration 0009).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type', {
      enum: ['user', 'api_key', 'visitor', 'system', 'anonymous'],
    }).notNull(),
    actorId: uuid('actor_id'),
    /** Who it was at the time (e-mail, key prefix), since users and keys may later be renamed or removed. */
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_log_tenant_at_idx').on(t.tenantId, t.at.desc(), t.id.desc()),
    index('audit_log_tenant_action_idx').on(t.tenantId, t.action, t.at.desc()),
    check(
      'audit_log_actor_type_check',
      sql`${t.actorType} in ('user','api_key','visitor','system','anonymous')`,
    ),
  ],
);

/** One sign-in of one user on one device: what "my sessions" lists and what revocation ends. */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Shortened from the User-Agent at sign-in ("Chrome on Windows"). */
    device: text('device').notNull(),
    ip: text('ip'),
    createdAt: createdAt(),
    /** Moved by every refresh: the idle limit counts from here. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** The absolute cap: no refresh extends a session past it. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason', {
      enum: ['sign_out', 'sign_out_everywhere', 'revoked', 'refresh_reused', 'deactivated'],
    }),
  },
  (t) => [
    index('user_sessions_tenant_user_idx').on(t.tenantId, t.userId),
    check(
      'user_sessions_revoked_reason_check',
      sql`${t.revokedReason} in ('sign_out','sign_out_everywhere','revoked','refresh_reused','deactivated')`,
    ),
  ],
);

/** Refresh tokens by SHA-256 hash only; a rotated one is kept (rotated_at set) so a replay is recognised. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => userSessions.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

/**
 * A user's TOTP secret (RFC 6238), sealed with CHANNEL_SECRETS_KEY and the user id as associated data.
 * `enabledAt` is null while enrolment waits for its first code. `lastUsedStep` is the newest 30 s step a
 * code was accepted for: a code of that step or an earlier one is never accepted again. The sign-in ticket
 * lets the client finish the sign-in that an enrolment token interrupted (single use, minutes).
 */
export const userTotp = pgTable(
  'user_totp',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    secret: text('secret').notNull(),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    lastUsedStep: bigint('last_used_step', { mode: 'number' }),
    signInTicketHash: text('sign_in_ticket_hash'),
    signInTicketExpiresAt: timestamp('sign_in_ticket_expires_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('user_totp_tenant_idx').on(t.tenantId)],
);

/** Recovery codes: SHA-256 digests of high-entropy random codes, each good for one sign-in. */
export const userRecoveryCodes = pgTable(
  'user_recovery_codes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('user_recovery_codes_user_hash_key').on(t.userId, t.codeHash),
    index('user_recovery_codes_tenant_idx').on(t.tenantId),
  ],
);

/** Integration keys: `fio_<prefix>_<secret>`; only the SHA-256 of the secret is stored. Revoked, never deleted. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Visible part of the key (8 base32 characters), unique across tenants: finds the row before a tenant is known. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    index('api_keys_tenant_created_idx').on(t.tenantId, t.createdAt.desc()),
    check('api_keys_prefix_check', sql`${t.prefix} ~ '^[a-z2-7]{8}$'`),
  ],
);

/**
 * Single-use tokens sent by e-mail: password resets (expire in 60 min) and invitations (7 days). Only the
 * token's SHA-256 is stored; `mail_status` says whether the e-mail carrying it went out.
 */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['password_reset', 'invitation'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    mailStatus: text('mail_status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('auth_tokens_hash_key').on(t.tokenHash),
    index('auth_tokens_user_idx').on(t.tenantId, t.userId, t.purpose),
    check('auth_tokens_purpose_check', sql`${t.purpose} in ('password_reset','invitation')`),
    check('auth_tokens_mail_status_check', sql`${t.mailStatus} in ('pending','sent','failed')`),
  ],
);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The tenant's bot flow, versioned: every save of the editor is a new draft version; publishing marks one
 * version live (at most one per tenant); rolling back publishes an earlier version again.
 */
export const botFlowVersions = pgTable(
  'bot_flow_versions',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** The flow as data (workers/contract/bot-flow.ts), validated before it is stored. */
    definition: jsonb('definition').notNull(),
    state: text('state', { enum: ['draft', 'published', 'retired'] })
      .notNull()
      .default('draft'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.version] }),
    uniqueIndex('bot_flow_versions_one_published_key').on(t.tenantId).where(sql`${t.state} = 'published'`),
    check('bot_flow_versions_state_check', sql`${t.state} in ('draft','published','retired')`),
    check('bot_flow_versions_version_check', sql`${t.version} > 0`),
  ],
);

/** The tenant's ERP (IXC or SGP): where the bot's tools call, with credentials sealed like a channel's. */
export const erpConnections = pgTable(
  'erp_connections',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['ixc', 'sgp'] }).notNull(),
    baseUrl: text('base_url').notNull(),
    /** Sealed with CHANNEL_SECRETS_KEY (AES-GCM, `erp:<tenant id>` as associated data). */
    credentials: text('credentials').notNull(),
    lastTestAt: timestamp('last_test_at', { withTimezone: true }),
    lastTestOk: boolean('last_test_ok'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('erp_connections_kind_check', sql`${t.kind} in ('ixc','sgp')`)],
);

/** The tenant's LLM mode: an OpenAI-compatible endpoint, model and key pool (sealed), off by default. */
export const aiSettings = pgTable(
  'ai_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(false),
    baseUrl: text('base_url').notNull(),
    model: text('model').notNull(),
    /** A JSON array of API keys, sealed with CHANNEL_SECRETS_KEY (`ai:<tenant id>` as associated data). */
    keys: text('keys').notNull(),
    /** One overall deadline per reply; past it the customer gets the flow's menu instead. */
    deadlineMs: integer('deadline_ms').notNull().default(8000),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('ai_settings_deadline_check', sql`${t.deadlineMs} between 1000 and 30000`)],
);

/** Articles the LLM answers from, found with Portuguese full-text search over title (weight A) and body (B). */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    published: boolean('published').notNull().default(true),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('portuguese', coalesce(title, '')), 'A') || setweight(to_tsvector('portuguese', coalesce(body, '')), 'B')`,
    ),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('knowledge_articles_search_idx').using('gin', t.searchVector),
    index('knowledge_articles_tenant_idx').on(t.tenantId, t.updatedAt.desc()),
    check('knowledge_articles_title_check', sql`char_length(${t.title}) between 1 and 200`),
    check('knowledge_articles_body_check', sql`char_length(${t.body}) between 1 and 20000`),
  ],
);

// Operational alerts and their operator deliveries (issue 16).
export * from './schema-alerts';
export * from './schema-outage-conversations';
// Campaigns, opt-outs, outages and outgoing webhooks (issue 15) live in their own file.
export * from './schema-outreach';
// Report facts and rollups (issue 16) live in their own file.
export * from './schema-reports';
