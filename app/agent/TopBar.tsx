// The bar above everything: the inbox connection, my presence, notifications and sound, language, the
// admin link for those with admin screens, the shortcut list, my account's security (2FA), change my password,
// my sessions and sign-out (which ends the session on the server).
import { createSignal, Show } from 'solid-js';
import { acct } from './account/account-i18n';
import { ChangePasswordDialog } from './account/ChangePasswordDialog';
import { hasAdminScreens } from './admin/admin-screens';
import { askNotificationPermission, permission, setSoundOn, soundOn, unlockAudio } from './awareness/notify';
import { useApp } from './context';
import { t } from './i18n';
import { LanguageSelect } from './LanguageSelect';
import { SecurityDialog } from './security/SecurityDialog';
import { st } from './security/security-i18n';
import { followLink, navigate, place } from './state/router';

export function TopBar(props: { onSignOut: () => void; onHelp: () => void }) {
  const app = useApp();
  const role = () => app.me().user.role;
  const [changingPassword, setChangingPassword] = createSignal(false);
  const [securityOpen, setSecurityOpen] = createSignal(false);
  return (
    <header class="top" onPointerDown={unlockAudio}>
      <span class="brand">{t().appName}</span>
      <span class={`connection ${app.inbox.connection()}`} role="status">
        {t().inboxConnection(t().connection[app.inbox.connection()])}
      </span>
      <Show
        when={!place().admin}
        fallback={
          <a
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate({ admin: false });
            }}
          >
            {t().workspace}
          </a>
        }
      >
        <Show when={hasAdminScreens(role())}>
          <a
            href="/admin"
            onClick={(e) => {
              e.preventDefault();
              navigate({ admin: true });
            }}
          >
            {t().admin}
          </a>
        </Show>
      </Show>
      <label class="inline">
        {t().presenceLabel}
        <select
          value={app.presence.status()}
          onChange={(e) => app.presence.choose(e.currentTarget.value as 'online' | 'away')}
        >
          <option value="online">{t().presence.online}</option>
          <option value="away">{t().presence.away}</option>
        </select>
      </label>
      <Show when={permission() !== 'unsupported'}>
        <Show
          when={permission() === 'default'}
          fallback={
            <span class="muted">
              {permission() === 'granted' ? t().notifications.enabled : t().notifications.denied}
            </span>
          }
        >
          <button type="button" onClick={() => void askNotificationPermission()}>
            {t().notifications.enable}
          </button>
        </Show>
      </Show>
      <label class="inline">
        <input type="checkbox" checked={soundOn()} onChange={(e) => setSoundOn(e.currentTarget.checked)} />
        {t().sound}
      </label>
      <LanguageSelect />
      <button type="button" onClick={() => props.onHelp()}>
        {t().shortcuts.open}
      </button>
      <button type="button" onClick={() => setSecurityOpen(true)}>
        {st().openSecurity}
      </button>
      <Show when={securityOpen()}>
        <SecurityDialog token={app.session().token} onClose={() => setSecurityOpen(false)} />
      </Show>
      <span class="me">{app.me().user.name}</span>
      <button type="button" onClick={() => setChangingPassword(true)}>
        {acct().change}
      </button>
      {/* Mounted only while open, so its fields never add to the page's labels otherwise. */}
      <Show when={changingPassword()}>
        <ChangePasswordDialog open token={app.session().token} onClose={() => setChangingPassword(false)} />
      </Show>
      <a
        href="/admin/sessions"
        onClick={(e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          followLink('/admin/sessions');
        }}
      >
        {t().sessions.link}
      </a>
      <button type="button" onClick={() => props.onSignOut()}>
        {t().signOut}
      </button>
    </header>
  );
}
