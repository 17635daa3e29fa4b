// The top bar's "Equipe ao vivo" button (shown to routing.manage holders) and the dialog it opens; focus goes
// back to the button when the dialog closes.
import { createSignal, Show } from 'solid-js';
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
      <Show when={open()}>
        <TeamLive
          routing={app.inbox.routing()}
          connection={app.inbox.connection()}
          onClose={() => {
            setOpen(false);
            button?.focus();
          }}
        />
      </Show>
    </>
  );
}
