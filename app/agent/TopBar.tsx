// The bar above everything: the brand, the inbox connection, the admin link for those with admin screens, my
// presence, and my account menu (topbar/AccountMenu.tsx: security, password, sessions, language, sound,
// notifications, shortcuts, sign-out — which ends the session on the server). On a phone everything after the
// brand and the connection sits behind a Menu button (styles/phone.css); on wider screens the Menu's box is
// invisible and its items sit in one row (topbar/topbar.css).
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { roleCan } from '../../workers/contract/permissions';
import { ChangePasswordDialog } from './account/ChangePasswordDialog';
import { hasAdminScreens } from './admin/admin-screens';
import { AlertsBadge } from './admin/alerts/AlertsBadge';
import { unlockAudio } from './awareness/notify';
import { useApp } from './context';
import { t } from './i18n';
import { pt6 } from './phone/phone-i18n';
import { SecurityDialog } from './security/SecurityDialog';
import { FioMark } from './signin/Brand';
import { navigate, place } from './state/router';
import { TeamLiveEntry } from './team-live/TeamLiveEntry';
import { AccountMenu } from './topbar/AccountMenu';
import './topbar/topbar.css';

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
        <span class="dot" aria-hidden="true" />
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
          <Show when={roleCan(role(), 'routing.manage')}>
            <TeamLiveEntry onOpen={() => setMenuOpen(false)} />
          </Show>
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
        <Show when={roleCan(role(), 'alerts.read')}>
          <AlertsBadge />
        </Show>
        <label class="inline presence">
          <span class="presence-label">{t().presenceLabel}</span>
          <select
            class={`presence-select ${app.presence.status()}`}
            value={app.presence.status()}
            onChange={(e) => app.presence.choose(e.currentTarget.value as 'online' | 'away')}
          >
            <option value="online">{t().presence.online}</option>
            <option value="away">{t().presence.away}</option>
          </select>
        </label>
        <AccountMenu
          onSignOut={props.onSignOut}
          onHelp={props.onHelp}
          onSecurity={() => setSecurityOpen(true)}
          onChangePassword={() => setChangingPassword(true)}
        />
      </div>
      <Show when={securityOpen()}>
        <SecurityDialog token={app.session().token} onClose={() => setSecurityOpen(false)} />
      </Show>
      {/* Mounted only while open, so its fields never add to the page's labels otherwise. */}
      <Show when={changingPassword()}>
        <ChangePasswordDialog open token={app.session().token} onClose={() => setChangingPassword(false)} />
      </Show>
    </header>
  );
}
