// The one time an API key is shown: a modal with the key (selectable, with a copy button) and the warning
// that it will not be shown again. Closing it forgets the key.
import { createEffect, createSignal, createUniqueId, Show } from 'solid-js';
import { at } from './admin-i18n';

export function KeyShownDialog(props: { apiKey: string | null; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  let input: HTMLInputElement | undefined;
  const [copied, setCopied] = createSignal(false);
  const id = createUniqueId();

  createEffect(() => {
    if (!dialog) return;
    if (props.apiKey && !dialog.open) {
      setCopied(false);
      dialog.showModal();
      input?.focus();
      input?.select();
    } else if (!props.apiKey && dialog.open) dialog.close();
  });

  async function copy() {
    if (!props.apiKey) return;
    try {
      await navigator.clipboard.writeText(props.apiKey);
      setCopied(true);
    } catch {
      input?.select();
    }
  }

  return (
    <dialog
      ref={dialog}
      class="admin-dialog admin-key-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-help`}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={`${id}-title`}>{at().apiKeys.shownOnce}</h2>
      <p id={`${id}-help`}>{at().apiKeys.shownOnceHelp}</p>
      <label for={`${id}-key`}>{at().apiKeys.keyLabel}</label>
      <input
        id={`${id}-key`}
        ref={input}
        class="admin-key-value"
        type="text"
        readonly
        spellcheck={false}
        value={props.apiKey ?? ''}
      />
      <p class="admin-status" role="status">
        <Show when={copied()}>{at().apiKeys.copied}</Show>
      </p>
      <div class="admin-actions">
        <button type="button" onClick={copy}>
          {at().apiKeys.copy}
        </button>
        <button type="button" class="admin-primary" onClick={() => props.onClose()}>
          {at().apiKeys.done}
        </button>
      </div>
    </dialog>
  );
}
