// The flow editor's own controls, built on the admin's labelled fields: a select of the flow's step ids (a
// reference to a missing step shows as such, so it can be seen and fixed), a text with insertable
// placeholders, and a chips field for word lists (synonyms, keywords, tags).
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { SelectField, TextArea } from '../fields';
import { ft } from './flow-i18n';

export function StepSelect(props: {
  label: string;
  name: string;
  value: string;
  ids: readonly string[];
  error?: string | undefined;
  onChange: (id: string) => void;
}) {
  // A reference to a step that is gone: said in the admin's language (the server's issue says it too).
  const missing = () => props.value !== '' && !props.ids.includes(props.value);
  const options = () => {
    const known = props.ids.map((id) => ({ value: id, label: id }));
    if (props.value === '') return [{ value: '', label: ft().fields.chooseStep }, ...known];
    if (!props.ids.includes(props.value)) {
      return [{ value: props.value, label: ft().fields.missingStep(props.value) }, ...known];
    }
    return known;
  };
  return (
    <SelectField
      label={props.label}
      name={props.name}
      value={props.value}
      options={options()}
      error={missing() ? ft().fields.missingTarget(props.value) : props.error}
      onChange={(v) => props.onChange(v)}
    />
  );
}

/** What the engine fills in a text (workers/bot: the protocol, and what the tools found). */
export const PLACEHOLDERS = [
  'protocol',
  'customer.first_name',
  'customer.name',
  'customer.document',
  'contract.plan',
  'invoices.count',
  'unlock.until',
  'unlock.reason',
  'maintenance.description',
  'maintenance.until',
  'erp.protocol',
] as const;

/** A step's text, with buttons that insert a placeholder where the cursor is. */
export function FlowText(props: {
  label: string;
  name: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  placeholders?: boolean;
  onInput: (value: string) => void;
}) {
  let area: HTMLTextAreaElement | undefined;
  function insert(p: string) {
    const token = `{{${p}}}`;
    const start = area?.selectionStart ?? props.value.length;
    const end = area?.selectionEnd ?? start;
    props.onInput(props.value.slice(0, start) + token + props.value.slice(end));
    queueMicrotask(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  }
  return (
    <div class="flow-text">
      <TextArea
        label={props.label}
        name={props.name}
        value={props.value}
        error={props.error}
        hint={props.hint}
        onInput={props.onInput}
        ref={(el) => {
          area = el;
          el.rows = 3;
        }}
      />
      <Show when={props.placeholders !== false}>
        <ul class="flow-placeholders" aria-label={ft().fields.placeholders}>
          <For each={PLACEHOLDERS}>
            {(p) => (
              <li>
                <button
                  type="button"
                  title={ft().placeholders[p]}
                  aria-label={ft().fields.insert(`{{${p}}} (${ft().placeholders[p]})`)}
                  onClick={() => insert(p)}
                >
                  <code>{`{{${p}}}`}</code>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

/** Words as removable chips plus an input: Enter (or Add) adds the typed word. */
export function ChipsField(props: {
  label: string;
  name: string;
  values: readonly string[];
  hint?: string | undefined;
  error?: string | undefined;
  onChange: (values: string[]) => void;
}) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal('');
  function add() {
    const word = draft().trim();
    if (word && !props.values.includes(word)) props.onChange([...props.values, word]);
    setDraft('');
  }
  return (
    <fieldset class="admin-field flow-chips">
      <legend>{props.label}</legend>
      <ul>
        <For each={props.values}>
          {(w) => (
            <li class="flow-chip">
              <span>{w}</span>
              <button
                type="button"
                aria-label={ft().fields.removeChip(w)}
                onClick={() => props.onChange(props.values.filter((v) => v !== w))}
              >
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
      <div class="flow-chip-add">
        <input
          id={id}
          name={props.name}
          value={draft()}
          placeholder={ft().fields.chipPlaceholder}
          aria-label={`${props.label}: ${ft().fields.addChip}`}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add}>
          {ft().fields.addChip}
        </button>
      </div>
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="admin-hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p class="admin-field-error">{props.error}</p>
      </Show>
    </fieldset>
  );
}
