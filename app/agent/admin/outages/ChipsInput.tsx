// A list of places typed one at a time (cities, neighbourhoods, POPs): Enter, a comma or leaving the field adds
// what was typed as a chip; each chip has its own remove button; Backspace in the empty field removes the last.
import { createSignal, createUniqueId, For } from 'solid-js';
import { ot } from './outages-i18n';

export function ChipsInput(props: {
  label: string;
  name: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const id = createUniqueId();
  const [text, setText] = createSignal('');

  /** Adds each comma-separated piece once (compared without case), then clears the field. */
  function commit() {
    const pieces = text()
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    setText('');
    if (!pieces.length) return;
    const next = [...props.values];
    for (const p of pieces) {
      if (!next.some((v) => v.toLocaleLowerCase() === p.toLocaleLowerCase())) next.push(p);
    }
    props.onChange(next);
  }

  return (
    <div class="admin-field otg-chips">
      <label for={id}>{props.label}</label>
      <ul class="otg-chip-list" aria-label={props.label}>
        <For each={props.values}>
          {(v) => (
            <li class="otg-chip">
              <span>{v}</span>
              <button
                type="button"
                aria-label={ot().area.remove(v)}
                onClick={() => props.onChange(props.values.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
      <input
        id={id}
        name={props.name}
        type="text"
        autocomplete="off"
        value={text()}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={[`${id}-hint`, props.describedBy].filter(Boolean).join(' ')}
        onInput={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          if (v.includes(',')) commit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Backspace' && text() === '' && props.values.length) {
            props.onChange(props.values.slice(0, -1));
          }
        }}
        onBlur={commit}
      />
      <p id={`${id}-hint`} class="admin-hint">
        {ot().area.chipHint}
      </p>
    </div>
  );
}
