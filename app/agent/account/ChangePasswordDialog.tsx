// "Change my password" from the top bar: a native modal dialog (Esc cancels) asking for the current
// password and the new one twice; refusals appear on their field.
import { createEffect, createSignal, Show } from 'solid-js';
import { changePassword, type Refusal, refusalOf } from './account-api';
import { acct } from './account-i18n';
import { NewPasswordFields } from './NewPasswordFields';

export function ChangePasswordDialog(props: { open: boolean; token: string; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  let first: HTMLInputElement | undefined;
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);
  const [refusal, setRefusal] = createSignal<Refusal>({ fields: {}, form: null });

  createEffect(() => {
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(false);
      setRefusal({ fields: {}, form: null });
      dialog.showModal();
      first?.focus();
    } else if (!props.open && dialog.open) dialog.close();
  });

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (next() !== repeat()) return setRefusal({ fields: { repeat: acct().mismatch }, form: null });
    setBusy(true);
    setRefusal({ fields: {}, form: null });
    try {
      await changePassword(props.token, current(), next());
      setDone(true);
    } catch (err) {
      setRefusal(refusalOf(err));
    } finally {
      setBusy(false);
    }
  }

  const err = (field: string) => refusal().fields[field];
  return (
    <dialog
      ref={dialog}
      class="admin-dialog account-dialog"
      aria-labelledby="change-password-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy()) props.onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id="change-password-title">{acct().changeTitle}</h2>
        <Show
          when={!done()}
          fallback={
            <p role="status" class="notice">
              {acct().changed}
            </p>
          }
        >
          <label>
            {acct().currentPassword}
            <input
              ref={first}
              type="password"
              name="currentPassword"
              autocomplete="current-password"
              required
              aria-invalid={err('currentPassword') ? 'true' : undefined}
              value={current()}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          </label>
          <Show when={err('currentPassword')}>
            <p role="alert">{err('currentPassword')}</p>
          </Show>
          <NewPasswordFields
            name="newPassword"
            hintId="change-password-hint"
            password={next()}
            onPassword={setNext}
            repeat={repeat()}
            onRepeat={setRepeat}
            passwordError={err('newPassword')}
            repeatError={err('repeat')}
          />
          <Show when={refusal().form}>
            <p role="alert">{refusal().form}</p>
          </Show>
        </Show>
        <div class="admin-actions">
          <button type="button" disabled={busy()} onClick={() => props.onClose()}>
            {done() ? acct().close : acct().cancel}
          </button>
          <Show when={!done()}>
            <button type="submit" class="admin-primary" disabled={busy()}>
              {busy() ? acct().saving : acct().savePassword}
            </button>
          </Show>
        </div>
      </form>
    </dialog>
  );
}
