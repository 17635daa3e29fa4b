// Resolving an outage: a modal with the resolution message (prefilled, editable) and "avisar os clientes";
// Esc or Cancel leaves it active. A refusal is shown inside the dialog, which stays open.
import { createEffect, createSignal, createUniqueId, Show } from 'solid-js';
import type { OutageView } from '../../../../workers/contract/outages';
import { ResolveOutageRequest } from '../../../../workers/contract/outages';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { CheckboxField, FormMessage, TextArea } from '../fields';
import { fromApiError } from '../form-errors';
import { resolveOutage } from './outages-api';
import { ot } from './outages-i18n';

export function ResolveDialog(props: {
  outage: OutageView | null;
  onClose: () => void;
  onResolved: (message: string) => void;
}) {
  const admin = useAdmin();
  let dialog: HTMLDialogElement | undefined;
  const id = createUniqueId();
  const [message, setMessage] = createSignal('');
  const [notify, setNotify] = createSignal(true);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  createEffect(() => {
    if (!dialog) return;
    if (props.outage && !dialog.open) {
      setMessage(ot().resolutionDefault);
      setNotify(true);
      setError(null);
      dialog.showModal();
      queueMicrotask(() => dialog?.querySelector('textarea')?.focus());
    } else if (!props.outage && dialog.open) dialog.close();
  });

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const o = props.outage;
    if (!o || busy()) return;
    const parsed = ResolveOutageRequest.safeParse({ message: message(), notify: notify() });
    if (!parsed.success) {
      setError(ot().fieldErrors.message ?? ot().invalid);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await resolveOutage(admin.token, o.id, parsed.data);
      props.onResolved(ot().resolved(o.title));
      props.onClose();
    } catch (err) {
      setError(fromApiError(err).form ?? at().form.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      class="admin-dialog otg-resolve"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy()) props.onClose();
      }}
    >
      <form onSubmit={submit} novalidate>
        <h2 id={`${id}-title`}>{ot().resolveTitle(props.outage?.title ?? '')}</h2>
        <TextArea
          label={ot().resolution}
          name="resolution"
          rows={3}
          hint={ot().resolutionHint}
          value={message()}
          onInput={setMessage}
        />
        <CheckboxField
          label={ot().notifyResolved}
          name="notifyResolved"
          checked={notify()}
          onChange={setNotify}
        />
        <FormMessage error={error()} />
        <div class="admin-actions">
          <button type="button" disabled={busy()} onClick={() => props.onClose()}>
            {at().cancel}
          </button>
          <button type="submit" class="admin-primary" disabled={busy()}>
            <Show when={busy()} fallback={ot().resolve}>
              {at().saving}
            </Show>
          </button>
        </div>
      </form>
    </dialog>
  );
}
