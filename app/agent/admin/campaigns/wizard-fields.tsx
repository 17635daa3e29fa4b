// Controls the campaign form needs beyond the shared fields: any input type (date, time, datetime-local,
// range) with its label, hint and inline error, and a radio group under a legend.
import { createUniqueId, For, type JSX } from 'solid-js';
import { describedBy, Notes } from '../fields';

export function InputField(props: {
  label: string;
  name: string;
  type: 'date' | 'time' | 'datetime-local' | 'range' | 'text';
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  min?: string;
  max?: string;
  /** Extra attributes (aria-valuetext on a range, say). */
  extra?: JSX.InputHTMLAttributes<HTMLInputElement>;
}) {
  const id = createUniqueId();
  return (
    <div class="admin-field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type}
        value={props.value}
        min={props.min}
        max={props.max}
        autocomplete="off"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        {...props.extra}
      />
      <Notes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function RadioGroup<V extends string>(props: {
  legend: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string; hint?: string }[];
  onChange: (value: V) => void;
  error?: string | undefined;
}) {
  const id = createUniqueId();
  return (
    <fieldset class="admin-field admin-checks cmp-radios" aria-describedby={describedBy(id, props)}>
      <legend>{props.legend}</legend>
      <For each={props.options}>
        {(o) => (
          <label>
            <input
              type="radio"
              name={props.name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>
              {o.label}
              {o.hint ? <small class="admin-hint"> — {o.hint}</small> : null}
            </span>
          </label>
        )}
      </For>
      <Notes id={id} error={props.error} />
    </fieldset>
  );
}
