// Which admin screens a role opens, from the contract's permission matrix (the API enforces the same matrix;
// this only avoids showing dead ends). Kept out of AdminPage so the top bar can ask without loading the
// admin chunk.
import type { Role } from '../../../workers/contract';
import { type Permission, roleCan } from '../../../workers/contract/permissions';

export type Screen =
  | 'users'
  | 'teams'
  | 'routing'
  | 'channels'
  | 'widget'
  | 'campaigns'
  | 'opt-outs'
  | 'canned'
  | 'knowledge'
  | 'erp'
  | 'ai'
  | 'bot-flow'
  | 'settings'
  | 'hours'
  | 'sla'
  | 'service'
  | 'outages'
  | 'api-keys'
  | 'webhooks'
  | 'alerts'
  | 'audit'
  | 'sessions';

/** The permission that opens each screen. */
const SCREEN_PERMISSION: Record<Screen, Permission> = {
  users: 'users.manage',
  teams: 'teams.manage',
  routing: 'routing.manage',
  channels: 'channels.read',
  widget: 'channels.manage',
  campaigns: 'campaigns.read',
  'opt-outs': 'campaigns.manage',
  canned: 'canned.manage',
  knowledge: 'knowledge.manage',
  erp: 'bot.configure',
  ai: 'bot.configure',
  'bot-flow': 'bot.flows',
  settings: 'settings.read',
  hours: 'settings.manage',
  sla: 'settings.manage',
  service: 'settings.manage',
  outages: 'outages.manage',
  'api-keys': 'api_keys.manage',
  webhooks: 'webhooks.manage',
  alerts: 'alerts.read',
  audit: 'audit.read',
  sessions: 'self.manage',
};
const ORDER: readonly Screen[] = [
  'users',
  'teams',
  'routing',
  'channels',
  'widget',
  'campaigns',
  'opt-outs',
  'canned',
  'knowledge',
  'erp',
  'ai',
  'bot-flow',
  'settings',
  'hours',
  'sla',
  'service',
  'outages',
  'api-keys',
  'webhooks',
  'alerts',
  'audit',
  'sessions',
];

/**
 * The screens a role may open, in menu order. Everyone may read the settings and manage their own sessions,
 * so those only join a menu that has something to manage (settings read-only without `settings.manage`); a
 * role with nothing to manage has no menu (its sessions are still at /admin/sessions, from the top bar).
 */
export function screensOf(role: Role): readonly Screen[] {
  const open = ORDER.filter((s) => roleCan(role, SCREEN_PERMISSION[s]));
  return open.some((s) => s !== 'settings' && s !== 'sessions') ? open : [];
}

/** Whether the top bar offers the admin link. */
export function hasAdminScreens(role: Role): boolean {
  return screensOf(role).length > 0;
}
