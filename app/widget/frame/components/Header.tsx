// The widget's header in the channel's colour: logo (or the title's initial), title, whether someone is
// there now, and "Minimizar chat" (posts close to the loader).
import { createSignal, Show } from 'solid-js';
import type { WidgetBranding } from '../../../../workers/contract/widget';
import { t } from '../i18n';

export function Header(props: {
  branding: WidgetBranding | null;
  open: boolean | null;
  reconnecting: boolean;
  onMinimize: () => void;
}) {
  const title = () => props.branding?.title ?? 'Atendimento';
  // A logo that does not load (moved, blocked, a typo in the admin) falls back to the title's initial.
  const [brokenLogo, setBrokenLogo] = createSignal<string | null>(null);
  const logo = () => {
    const url = props.branding?.logoUrl;
    return url && url !== brokenLogo() ? url : null;
  };
  return (
    <header class="fw-header">
      <div class="fw-avatar" aria-hidden="true">
        <Show when={logo()} fallback={<span>{title().trim().charAt(0).toUpperCase()}</span>}>
          {(url) => <img src={url()} alt="" onError={() => setBrokenLogo(url())} />}
        </Show>
      </div>
      <div class="fw-heading">
        <h1>{title()}</h1>
        <Show when={props.open !== null}>
          <p class="fw-presence" role="status">
            <Show
              when={!props.reconnecting}
              fallback={<span class="fw-dot fw-dot-wait" aria-hidden="true" />}
            >
              <span class={props.open ? 'fw-dot' : 'fw-dot fw-dot-off'} aria-hidden="true" />
            </Show>
            {props.reconnecting ? t().reconnecting : props.open ? t().online : t().offlineStatus}
          </p>
        </Show>
      </div>
      <button
        type="button"
        class="fw-minimize"
        aria-label={t().minimize}
        title={t().minimize}
        onClick={() => props.onMinimize()}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M6 9l6 6 6-6"
            fill="none"
            stroke="currentColor"
            stroke-width="2.2"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
      </button>
    </header>
  );
}
