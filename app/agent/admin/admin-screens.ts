// Which admin screens a role opens, from the contract's permission matrix (the API enforces the same matrix;
// this only avoids showing dead ends). Kept out of AdminPage so the top bar can ask without loading the
// admin chunk.
import type { Role } from '../../../workers/contract';
import { type Permission, roleCan } from '../../../workers/contract/permissions';

export type Screen = 'users' | 'teams' | 'channels' | 'canned' | 'settings';

/** The permission that opens each screen. */
const SCREEN_PERMISSION: Record<Screen, Permission> = {
  users: 'users.manage',
  teams: 'teams.manage',
  channels: 'channels.read',
  canned: 'canned.manage',
  settings: 'settings.read',
};
const ORDER: readonly Screen[] = ['users', 'teams', 'channels', 'canned', 'settings'];

/**
 * The screens a role may open, in menu order. Everyone may read the settings, so they only join a menu that
 * has something to manage (read-only without `settings.manage`); a role with nothing to manage has no menu.
 */
export function screensOf(role: Role): readonly Screen[] {
  const open = ORDER.filter((s) => roleCan(role, SCREEN_PERMISSION[s]));
  return open.some((s) => s !== 'settings') ? open : [];
}

/** Whether the top bar offers the admin link. */
export function hasAdminScreens(role: Role): boolean {
  return screensOf(role).length > 0;
}
