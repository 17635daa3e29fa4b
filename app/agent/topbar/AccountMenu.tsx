// The agent's account menu. On a desktop: a button with the agent's initials and name that opens a panel
// (a disclosure: the button says aria-expanded; Escape closes it and gives the focus back, arrow keys move
// between its controls, a click outside closes it) holding security, password, sessions, language, sound,
// notifications, shortcuts and sign-out. On a phone the button is hidden and the panel is shown as a plain
// part of the top bar's Menu (styles/phone.css), so the phone layout is unchanged.
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { acct } from '../account/account-i18n';
import { askNotificationPermission, permission, setSoundOn, soundOn } from '../awareness/notify';
import { useApp } from '../context';
import { t } from '../i18n';
import { LanguageSelect } from '../LanguageSelect';
import { st } from '../security/security-i18n';
import { followLink, place } from '../state/router';
import { initials, menuControls, moveInMenu } from './menu-keys';
import { tb } from './topbar-i18n';

export function AccountMenu(props: {
  onSignOut: () => void;
  onHelp: () => void;
  onSecurity: () => void;
  onChangePassword: () => void;
}) {
  const app = useApp();
  const name = () => app.me().user.name;
  const [open, setOpen] = createSignal(false);
  let root: HTMLDivElement | undefined;
  let toggle: HTMLButtonElement | undefined;
  let panel: HTMLDivElement | undefined;

  const close = (giveFocusBack: boolean) => {
    setOpen(false);
    if (giveFocusBack) toggle?.focus();
  };
  /** An item that leaves the menu (a dialog, a page, sign-out) closes it first. */
  const leave = (action: () => void) => () => {
    close(false);
    action();
  };
  createEffect(on(place, () => setOpen(false), { defer: true }));
  createEffect(
    on(open, (isOpen) => {
      if (isOpen && panel) menuControls(panel)[0]?.focus();
    }),
  );
  const onKey = (e: KeyboardEvent) => {
    if (!open() || !panel) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (panel.contains(e.target as Node) && moveInMenu(panel, e)) {
      e.preventDefault();
    }
  };
  const onPointer = (e: PointerEvent) => {
    if (open() && root && !root.contains(e.target as Node)) close(false);
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointer);
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('pointerdown', onPointer);
  });

  return (
    <div class="account" ref={root}>
      <button
        ref={toggle}
        type="button"
        class="account-toggle"
        aria-expanded={open()}
        aria-controls="account-menu"
        title={tb().accountOf(name())}
        onClick={() => setOpen(!open())}
      >
        <span class="avatar" aria-hidden="true">
          {initials(name())}
        </span>
        <span class="account-name">{name()}</span>
        <svg class="caret" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true">
          <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" stroke-width="1.6" />
        </svg>
      </button>
      <div id="account-menu" ref={panel} class="account-menu" data-open={open() ? 'true' : 'false'}>
        <div class="account-head">
          <span class="avatar" aria-hidden="true">
            {initials(name())}
          </span>
          <span>
            <strong class="me">{name()}</strong>
            <span class="account-email">{app.me().user.email}</span>
          </span>
        </div>
        <div class="account-section">
          <button type="button" onClick={leave(props.onSecurity)}>
            {st().openSecurity}
          </button>
          <button type="button" onClick={leave(props.onChangePassword)}>
            {acct().change}
          </button>
          <a
            href="/admin/sessions"
            onClick={(e) => {
              if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
              e.preventDefault();
              close(false);
              followLink('/admin/sessions');
            }}
          >
            {t().sessions.link}
          </a>
        </div>
        <div class="account-section">
          <span class="account-section-title" aria-hidden="true">
            {tb().preferences}
          </span>
          <LanguageSelect />
          <label class="inline">
            <input
              type="checkbox"
              checked={soundOn()}
              onChange={(e) => setSoundOn(e.currentTarget.checked)}
            />
            {t().sound}
          </label>
          <Show when={permission() !== 'unsupported'}>
            <Show
              when={permission() === 'default'}
              fallback={
                <span class="muted notification-state">
                  {permission() === 'granted' ? t().notifications.enabled : t().notifications.denied}
                </span>
              }
            >
              <button type="button" onClick={() => void askNotificationPermission()}>
                {t().notifications.enable}
              </button>
            </Show>
          </Show>
          <button type="button" onClick={leave(props.onHelp)}>
            {t().shortcuts.open}
          </button>
        </div>
        <div class="account-section">
          <button type="button" class="sign-out" onClick={leave(props.onSignOut)}>
            {t().signOut}
          </button>
        </div>
      </div>
    </div>
  );
}
