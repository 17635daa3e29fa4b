// Asks before something is deleted or removed: a native modal dialog (focus kept inside, Esc cancels) whose
// safe choice, Cancel, has the focus first.
import { createEffect, createSignal, createUniqueId } from 'solid-js';
import { at } from './admin-i18n';

export interface ConfirmRequest {
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
}

export function ConfirmDialog(props: { request: ConfirmRequest | null; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  let cancel: HTMLButtonElement | undefined;
  const [busy, setBusy] = createSignal(false);
  const id = createUniqueId();

  createEffect(() => {
    if (!dialog) return;
    if (props.request && !dialog.open) {
      dialog.showModal();
      cancel?.focus();
    } else if (!props.request && dialog.open) dialog.close();
  });

  async function confirm() {
    const req = props.request;
    if (!req) return;
    setBusy(true);
    try {
      await req.onConfirm();
    } finally {
      setBusy(false);
      props.onClose();
    }
  }

  return (
    <dialog
      ref={dialog}
      class="admin-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy()) props.onClose();
      }}
    >
      <h2 id={`${id}-title`}>{at().confirm.title}</h2>
      <p id={`${id}-message`}>{props.request?.message}</p>
      <div class="admin-actions">
        <button type="button" ref={cancel} disabled={busy()} onClick={() => props.onClose()}>
          {at().cancel}
        </button>
        <button type="button" class="admin-danger" disabled={busy()} onClick={confirm}>
          {props.request?.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
