// Admin screens (users and roles, teams, channels, canned responses, tenant settings): mounted at /admin.
import type { Session } from '../api';

export function AdminPage(_props: { session: Session }) {
  return <section aria-label="Administração" />;
}
