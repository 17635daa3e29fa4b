// THE permission matrix: which roles (and whether a conversation's own visitor) may do what. Pure data, read
// by the Worker's one `authorize` middleware (every REST route and socket upgrade), by services for finer
// rules (only an owner touches owners), by the agent app to show or hide screens, and by the README's table
// (`npm run docs:permissions`). Mostly owner ⊇ admin ⊇ supervisor ⊇ agent; a change here is a change of
// policy, visible in one diff.
import type { ApiKeyScope } from './api-keys';
import type { Role } from './ids';

export interface PermissionRule {
  /** Agent roles that hold it. */
  roles: readonly Role[];
  /** Also a widget visitor, for their own conversation only (the route checks which one). */
  visitor?: true;
  /** What it allows, for the README table (English; the app's screens have their own words). */
  description: string;
}

const EVERYONE: readonly Role[] = ['owner', 'admin', 'supervisor', 'agent'];
const SUPERVISORS: readonly Role[] = ['owner', 'admin', 'supervisor'];
const ADMINS: readonly Role[] = ['owner', 'admin'];
const OWNERS: readonly Role[] = ['owner'];

export const PERMISSIONS = {
  'self.manage': {
    roles: EVERYONE,
    description: 'see and manage my own account (me, my sessions, password, 2FA)',
  },
  'conversations.read': {
    roles: EVERYONE,
    description: 'list and search conversations, read summaries and channel state, the inbox socket',
  },
  'conversation.join': {
    roles: EVERYONE,
    visitor: true,
    description: "a conversation's history, files and socket (a visitor: only their own)",
  },
  'messages.send': { roles: EVERYONE, description: 'send messages, templates and attachments' },
  'attachments.upload': {
    roles: EVERYONE,
    visitor: true,
    description: 'upload a file to send in a conversation (a visitor: only to their own)',
  },
  'tickets.work': {
    roles: EVERYONE,
    description: 'take, assign, transfer, close, reopen, prioritise, tag (my own and unassigned tickets)',
  },
  'tickets.others': {
    roles: SUPERVISORS,
    description: "close, transfer, assign, unassign, prioritise and tag another agent's ticket",
  },
  'contacts.read': { roles: EVERYONE, description: 'the contact panel: details and past tickets' },
  'contacts.write': { roles: EVERYONE, description: "correct a contact's name, e-mail, CPF/CNPJ" },
  'directory.read': { roles: EVERYONE, description: 'agents and teams (assign and transfer menus)' },
  'canned.read': { roles: EVERYONE, description: 'canned responses (composer `/`)' },
  'templates.read': { roles: EVERYONE, description: "a WhatsApp number's approved templates" },
  'settings.read': {
    roles: EVERYONE,
    description: "the tenant's name, time zone, language, opening hours, service settings, SLA",
  },
  'canned.manage': { roles: SUPERVISORS, description: 'create, change and delete canned responses' },
  'teams.manage': { roles: SUPERVISORS, description: 'create, rename, staff and delete teams' },
  'routing.manage': {
    roles: SUPERVISORS,
    description: "teams' routing and requeue limits, agents' capacity, the live team view",
  },
  'knowledge.manage': {
    roles: SUPERVISORS,
    description: "read, write, publish and test-search the bot's knowledge base articles",
  },
  'reports.read': {
    roles: SUPERVISORS,
    description:
      'reports (first response, resolution, CSAT, bot containment, SLA, volume, backlog), their CSV exports and the live supervisor view',
  },
  'campaigns.read': { roles: SUPERVISORS, description: 'list campaigns, their progress and recipients' },
  'campaigns.manage': {
    roles: SUPERVISORS,
    description: 'create, import, start, pause, cancel and export campaigns; the opt-out list',
  },
  'outages.manage': {
    roles: SUPERVISORS,
    description: 'register, notify and resolve outages and planned maintenance',
  },
  'channels.read': { roles: SUPERVISORS, description: 'channels with their health and alerts' },
  'channels.manage': {
    roles: ADMINS,
    description: 'connect, test and remove numbers (credentials), sync templates',
  },
  'settings.manage': {
    roles: ADMINS,
    description: "change the tenant's settings: 2FA, retention, opening hours, SLA, CSAT, auto-close",
  },
  'users.manage': { roles: ADMINS, description: 'list, invite, create and change users and their roles' },
  'bot.configure': {
    roles: ADMINS,
    description: "the bot's ERP connection (credentials, test) and LLM settings (endpoint, keys)",
  },
  'api_keys.manage': { roles: ADMINS, description: 'create, list and revoke API keys' },
  'webhooks.manage': {
    roles: ADMINS,
    description: 'outgoing webhook endpoints: create, change, test, see deliveries, redeliver',
  },
  'alerts.read': {
    roles: ADMINS,
    description:
      'operational alerts (channel unhealthy, AI or ERP down, archive behind, SLA breaches) and acknowledging them',
  },
  'audit.read': { roles: ADMINS, description: 'list and filter the audit log' },
  'contacts.export': { roles: ADMINS, description: 'export everything held about a contact (LGPD)' },
  'contacts.erase': { roles: ADMINS, description: 'erase a contact (LGPD)' },
  'bot.flows': {
    roles: ADMINS,
    description: "edit the bot's flow: save versions, validate, preview, publish and roll back",
  },
  'owners.manage': {
    roles: OWNERS,
    description: 'grant or revoke the owner role, change an owner (the last owner always stays)',
  },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
export const ROLES: readonly Role[] = EVERYONE;

/** Whether an agent with this role holds the permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/**
 * Whether someone may change a ticket (close, tag, transfer, reassign, prioritise, return to the queue): their
 * own and unassigned ones (queued, the bot's), or anyone's with `tickets.others`. The conversation object
 * enforces it; the agent app disables what it refuses.
 */
export function canWorkTicket(role: Role, userId: string, assigneeId: string | null): boolean {
  return assigneeId === null || assigneeId === userId || roleCan(role, 'tickets.others');
}

/** Whether a widget visitor (for their own conversation) holds it. */
export function visitorCan(permission: Permission): boolean {
  const rule: PermissionRule = PERMISSIONS[permission];
  return rule.visitor === true;
}

/** The roles that hold a permission, in matrix order (the README and the admin screens list them so). */
export function rolesWith(permission: Permission): readonly Role[] {
  return ROLES.filter((r) => roleCan(r, permission));
}

/**
 * What an integration's API key scope grants, on the routes that admit keys at all (`authorize(perm,
 * { apiKeys: true })`); every other route refuses keys whatever their scopes.
 */
export const API_KEY_SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  'conversations:read': ['conversations.read', 'conversation.join'],
  'contacts:read': ['contacts.read'],
  'contacts:write': ['contacts.write'],
  'messages:send': ['messages.send'],
  'tickets:write': ['tickets.work'],
  'campaigns:read': ['campaigns.read'],
  'campaigns:write': ['campaigns.read', 'campaigns.manage'],
};

export function apiKeyCan(scopes: readonly ApiKeyScope[], permission: Permission): boolean {
  return scopes.some((s) => API_KEY_SCOPE_PERMISSIONS[s].includes(permission));
}
