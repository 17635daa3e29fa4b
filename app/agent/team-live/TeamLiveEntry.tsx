// The top bar's "Equipe ao vivo" button (shown to routing.manage holders) and the dialog it opens; focus goes
// back to the button (on a phone: the Menu button) when the dialog closes.
import { createSignal, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { useApp } from '../context';
import { TeamLive } from './TeamLive';
import { tl } from './team-live-i18n';

export function TeamLiveEntry(props: { onOpen: () => void }) {
  const app = useApp();
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  return (
    <>
      <button
        ref={button}
        type="button"
        class="team-live-open"
        aria-haspopup="dialog"
        onClick={() => {
          props.onOpen();
          setOpen(true);
        }}
      >
        {tl().open}
      </button>
      {/* In the body, not the top bar: the phone's closed menu (display: none) must not hide it. */}
      <Show when={open()}>
        <Portal>
          <TeamLive
            routing={app.inbox.routing()}
            connection={app.inbox.connection()}
            onClose={() => {
              setOpen(false);
              // On a phone the entry sits in the closed Menu: the focus goes to the Menu button instead.
              if (button?.checkVisibility()) button.focus();
              else document.querySelector<HTMLElement>('.top .menu-toggle')?.focus();
            }}
          />
        </Portal>
      </Show>
    </>
  );
}
