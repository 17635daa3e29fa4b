// Labelled form controls that show their field's error inline (linked with aria-describedby, marked
// aria-invalid), so a screen reader hears what is wrong where it is wrong.
import { createUniqueId, For, type JSX, Show } from 'solid-js';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/** The ids of a control's hint and error notes, for aria-describedby. */
export function describedBy(id: string, p: Omit<FieldProps, 'label'>): string | undefined {
  const ids = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A control's hint and error, under it, with the ids describedBy names. */
export function Notes(props: Omit<FieldProps, 'label'> & { id: string }) {
  return (
    <>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="admin-hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="admin-field-error">
          {props.error}
        </p>
      </Show>
    </>
  );
}

/** The wrapper every single control shares: its label, the control, then its hint and error notes. */
function Field(props: FieldProps & { id: string; children: JSX.Element }) {
  return (
    <div class="admin-field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Notes id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

interface TextProps extends FieldProps {
  name: string;
  value: string;
  onInput: (value: string) => void;
}

export function TextField(
  props: TextProps & {
    type?: 'text' | 'email' | 'password' | 'url';
    autocomplete?: string;
    required?: boolean;
  },
) {
  const id = createUniqueId();
  return (
    <Field id={id} label={props.label} hint={props.hint} error={props.error}>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete ?? 'off'}
        required={props.required}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

export function TextArea(
  props: TextProps & { ref?: (el: HTMLTextAreaElement) => void; rows?: number; describedBy?: string },
) {
  const id = createUniqueId();
  return (
    <Field id={id} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={id}
        ref={props.ref}
        name={props.name}
        rows={props.rows ?? 5}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={[describedBy(id, props), props.describedBy].filter(Boolean).join(' ') || undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}

export function SelectField<V extends string>(
  props: FieldProps & {
    name: string;
    value: V;
    options: readonly { value: V; label: string }[];
    onChange: (value: V) => void;
  },
) {
  const id = createUniqueId();
  return (
    <Field id={id} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onChange(e.currentTarget.value as V)}
      >
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </Field>
  );
}

/** A group of checkboxes (teams of a user, members of a team) under one legend. */
export function CheckboxGroup(
  props: FieldProps & {
    name: string;
    selected: readonly string[];
    options: readonly { value: string; label: string }[];
    onChange: (selected: string[]) => void;
    empty: string;
  },
) {
  const id = createUniqueId();
  const toggle = (value: string, on: boolean) =>
    props.onChange(on ? [...props.selected, value] : props.selected.filter((v) => v !== value));
  return (
    <fieldset class="admin-field admin-checks" aria-describedby={describedBy(id, props)}>
      <legend>{props.label}</legend>
      <Show when={props.options.length > 0} fallback={<p class="admin-hint">{props.empty}</p>}>
        <For each={props.options}>
          {(o) => (
            <label>
              <input
                type="checkbox"
                name={props.name}
                value={o.value}
                checked={props.selected.includes(o.value)}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
              />
              {o.label}
            </label>
          )}
        </For>
      </Show>
      <Notes id={id} hint={props.hint} error={props.error} />
    </fieldset>
  );
}

/** One on/off choice (a published flag, a feature switch), the label beside its box. */
export function CheckboxField(
  props: Omit<FieldProps, 'error'> & { name: string; checked: boolean; onChange: (checked: boolean) => void },
) {
  const id = createUniqueId();
  return (
    <div class="admin-field admin-check">
      <label>
        <input
          id={id}
          type="checkbox"
          name={props.name}
          checked={props.checked}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        {props.label}
      </label>
      <Notes id={id} hint={props.hint} />
    </div>
  );
}

/** A form-wide refusal, announced as an alert. */
export function FormMessage(props: { error: string | null }): JSX.Element {
  return (
    <Show when={props.error}>
      <p role="alert" class="admin-error">
        {props.error}
      </p>
    </Show>
  );
}

/** A screen's last outcome (saved, deleted, tested), in a status region that is always there to be heard. */
export function StatusLine(props: { message: string | null; error?: boolean }): JSX.Element {
  return (
    <p role="status" class={props.error ? 'admin-status admin-error' : 'admin-status'}>
      {props.message ?? ''}
    </p>
  );
}

/** Moves focus to a form's first invalid control (after a failed save) or its first control (on open). */
export function focusFirst(form: HTMLFormElement | undefined, invalidOnly = false): void {
  const selector = invalidOnly ? '[aria-invalid="true"]' : 'input, select, textarea';
  queueMicrotask(() => form?.querySelector<HTMLElement>(selector)?.focus());
}
