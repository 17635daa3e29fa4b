// The bar above everything: the inbox connection, my presence, notifications and sound, language, the
// admin link for those with admin screens, the shortcut list, my account's security (2FA), change my password,
// my sessions and sign-out (which ends the session on the server). On a phone everything after the brand and
// the connection sits behind a Menu button (styles/phone.css); on wider screens the menu's box is invisible.
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { acct } from './account/account-i18n';
import { ChangePasswordDialog } from './account/ChangePasswordDialog';
import { hasAdminScreens } from './admin/admin-screens';
import { askNotificationPermission, permission, setSoundOn, soundOn, unlockAudio } from './awareness/notify';
import { useApp } from './context';
import { t } from './i18n';
import { LanguageSelect } from './LanguageSelect';
import { pt6 } from './phone/phone-i18n';
import { SecurityDialog } from './security/SecurityDialog';
import { st } from './security/security-i18n';
import { FioMark } from './signin/Brand';
import { followLink, navigate, place } from './state/router';

export function TopBar(props: { onSignOut: () => void; onHelp: () => void }) {
  const app = useApp();
  const role = () => app.me().user.role;
  const [changingPassword, setChangingPassword] = createSignal(false);
  const [securityOpen, setSecurityOpen] = createSignal(false);
  const [menuOpen, setMenuOpen] = createSignal(false);
  let toggle: HTMLButtonElement | undefined;
  // Going somewhere (a link in the menu, Back) closes the phone's menu.
  createEffect(on(place, () => setMenuOpen(false), { defer: true }));
  // Escape closes the open menu and gives the focus back to its button.
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !menuOpen()) return;
    setMenuOpen(false);
    toggle?.focus();
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));
  return (
    <header class="top" onPointerDown={unlockAudio}>
      <span class="brand">
        <FioMark />
        {t().appName}
      </span>
      <span class={`connection ${app.inbox.connection()}`} role="status">
        {t().inboxConnection(t().connection[app.inbox.connection()])}
      </span>
      <button
        ref={toggle}
        type="button"
        class="menu-toggle phone-only"
        aria-expanded={menuOpen()}
        aria-controls="top-menu"
        onClick={() => setMenuOpen(!menuOpen())}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
        </svg>
        {pt6().menu}
      </button>
      <div id="top-menu" class="top-menu" data-open={menuOpen() ? 'true' : 'false'}>
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
      </div>
    </header>
  );
}
