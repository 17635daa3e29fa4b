// What every admin screen shares: the token, the signed-in role, the tenant's settings (kept current after a
// save) and dates formatted in the tenant's time zone and the user's language.
import { type Accessor, createContext, useContext } from 'solid-js';
import type { Role, TenantSettings } from '../../../workers/contract';
import { locale } from '../i18n';

export interface AdminContext {
  token: string;
  role: Role;
  tenant: Accessor<TenantSettings>;
  setTenant: (next: TenantSettings) => void;
}

export const AdminCtx = createContext<AdminContext>();

export function useAdmin(): AdminContext {
  const ctx = useContext(AdminCtx);
  if (!ctx) throw new Error('admin screens render inside AdminPage');
  return ctx;
}

/** A moment as the tenant's staff read it: their zone, the user's language (reactive on both). */
export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(iso),
  );
}
