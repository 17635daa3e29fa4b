// Asks before a destructive shortcut does its work (Alt+E closes the open ticket): a native modal dialog
// whose confirm button has the focus, so Enter confirms and Esc cancels. A refusal (the ticket is another
// agent's, or the server said no) is shown in the same dialog, which then only closes.
import { createEffect, createSignal, Show } from 'solid-js';
import { tr } from '../conversation/ticket-rules-i18n';
import './shortcut-confirm.css';

export interface ShortcutConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  /** Does the work; resolves to a refusal to show, or null when done. Absent: the message is a refusal. */
  onConfirm?: () => Promise<string | null>;
}

export function ShortcutConfirm(props: { request: ShortcutConfirmRequest | null; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  let confirm: HTMLButtonElement | undefined;
  let dismiss: HTMLButtonElement | undefined;
  const [busy, setBusy] = createSignal(false);
  const [refusal, setRefusal] = createSignal<string | null>(null);

  createEffect(() => {
    const req = props.request;
    if (!dialog) return;
    if (req && !dialog.open) {
      setRefusal(null);
      dialog.showModal();
      (req.onConfirm ? confirm : dismiss)?.focus();
    } else if (!req && dialog.open) dialog.close();
  });

  async function run(e: SubmitEvent) {
    e.preventDefault();
    const req = props.request;
    if (!req?.onConfirm || busy() || refusal()) return props.onClose();
    setBusy(true);
    const failure = await req.onConfirm().finally(() => setBusy(false));
    if (failure === null) props.onClose();
    else {
      setRefusal(failure);
      queueMicrotask(() => dismiss?.focus());
    }
  }

  const words = () => tr().confirmClose;
  const offersConfirm = () => !!props.request?.onConfirm && refusal() === null;

  return (
    <dialog
      ref={dialog}
      class="shortcut-confirm"
      aria-labelledby="shortcut-confirm-title"
      aria-describedby="shortcut-confirm-message"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy()) props.onClose();
      }}
    >
      <form method="dialog" onSubmit={run}>
        <h2 id="shortcut-confirm-title">{props.request?.title}</h2>
        <p id="shortcut-confirm-message">{props.request?.message}</p>
        <Show when={refusal()}>
          <p role="alert" class="error-text">
            {refusal()}
          </p>
        </Show>
        <Show when={offersConfirm()}>
          <p class="hint">{words().hint}</p>
        </Show>
        <div class="actions">
          <button
            type="button"
            ref={dismiss}
            disabled={busy()}
            onClick={() => props.onClose()}
            class={offersConfirm() ? undefined : 'primary'}
          >
            {offersConfirm() ? words().cancel : words().dismiss}
          </button>
          <Show when={offersConfirm()}>
            <button type="submit" class="danger" ref={confirm} disabled={busy()}>
              {props.request?.confirmLabel}
            </button>
          </Show>
        </div>
      </form>
    </dialog>
  );
}
