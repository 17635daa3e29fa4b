// One labelled input of the widget's forms, with its problem below it (tied by aria-describedby).
import { Show } from 'solid-js';
import { t } from '../i18n';

export function Field(props: {
  id: string;
  label: string;
  value: string;
  required: boolean;
  problem: string | null;
  type?: string;
  autocomplete?: string;
  inputmode?: 'text' | 'tel' | 'email' | 'numeric';
  multiline?: boolean;
  onInput: (v: string) => void;
  ref?: (el: HTMLInputElement | HTMLTextAreaElement) => void;
}) {
  const err = () => `${props.id}-err`;
  const common = () => ({
    id: props.id,
    'aria-invalid': props.problem ? ('true' as const) : undefined,
    'aria-describedby': props.problem ? err() : undefined,
    'aria-required': props.required ? ('true' as const) : undefined,
  });
  return (
    <div class="fw-field">
      <label for={props.id}>
        {props.label}
        <Show when={!props.required}>
          <span class="fw-optional"> {t().optional}</span>
        </Show>
      </label>
      <Show
        when={props.multiline}
        fallback={
          <input
            {...common()}
            ref={props.ref}
            type={props.type ?? 'text'}
            autocomplete={props.autocomplete}
            inputmode={props.inputmode}
            value={props.value}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        }
      >
        <textarea
          {...common()}
          ref={props.ref}
          rows={3}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Show>
      <Show when={props.problem}>
        <p class="fw-field-error" id={err()}>
          {props.problem}
        </p>
      </Show>
    </div>
  );
}
