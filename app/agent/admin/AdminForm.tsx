// The frame every admin form shares: labelled by its heading, checked against the contract instead of the
// browser (novalidate), then the form-wide refusal, Save (busy while sending) and, on opened forms, Cancel.
import { type JSX, Show } from 'solid-js';
import { at } from './admin-i18n';
import { FormMessage } from './fields';
import type { Save } from './form-save';

export function AdminForm(props: {
  save: Save;
  /** The heading's id; a form that is the screen's only content points at the screen's own heading. */
  labelledBy: string;
  /** The form's own heading (forms opened by a button), shown above its fields. */
  title?: string;
  onCancel?: () => void;
  /** More buttons after Save (and Cancel): "save and test", say. */
  actions?: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <form
      ref={props.save.ref}
      class="admin-form"
      aria-labelledby={props.labelledBy}
      novalidate
      onSubmit={props.save.submit}
    >
      <Show when={props.title}>
        <h4 id={props.labelledBy}>{props.title}</h4>
      </Show>
      {props.children}
      <FormMessage error={props.save.errors().form} />
      <div class="admin-actions">
        <button type="submit" class="admin-primary" disabled={props.save.busy()}>
          {props.save.busy() ? at().saving : at().save}
        </button>
        <Show when={props.onCancel}>
          <button type="button" onClick={() => props.onCancel?.()}>
            {at().cancel}
          </button>
        </Show>
        {props.actions}
      </div>
    </form>
  );
}
