// The one time a webhook's signing secret is shown (at creation and after "Gerar novo segredo"): a modal with
// the secret, a copy button and the warning that it will not be shown again. Closing it forgets the secret.
import { createEffect, createUniqueId } from 'solid-js';
import { CopyButton } from '../widget/CopyButton';
import { wt } from './webhooks-i18n';

export function SecretShownDialog(props: { secret: string | null; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  let input: HTMLInputElement | undefined;
  const id = createUniqueId();

  createEffect(() => {
    if (!dialog) return;
    if (props.secret && !dialog.open) {
      dialog.showModal();
      input?.focus();
      input?.select();
    } else if (!props.secret && dialog.open) dialog.close();
  });

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
      <h2 id={`${id}-title`}>{wt().secretTitle}</h2>
      <p id={`${id}-help`}>{wt().secretHelp}</p>
      <label for={`${id}-secret`}>{wt().secretLabel}</label>
      <input
        id={`${id}-secret`}
        ref={input}
        class="admin-key-value"
        type="text"
        readonly
        spellcheck={false}
        value={props.secret ?? ''}
      />
      <div class="admin-actions">
        <CopyButton
          text={props.secret ?? ''}
          label={wt().copy}
          copied={wt().copied}
          failed={wt().copyFailed}
          select={() => input}
        />
        <button type="button" class="admin-primary" onClick={() => props.onClose()}>
          {wt().done}
        </button>
      </div>
    </dialog>
  );
}
