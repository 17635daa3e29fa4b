// The tenant's time zone as a searchable combobox (WAI-ARIA 1.2 pattern): Brazil's zones first by their
// familiar names, then the rest; typing filters by city, region or offset with accents ignored; ↑/↓ move,
// Enter picks, Esc closes and puts the chosen zone back. The server still validates the zone on save.
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { searchZones, type ZoneOption, zoneOptions } from '../../lib/time-zones';
import { describedBy, Notes } from './fields';
import { tzt } from './tz-i18n';
import './tz-picker.css';

/** Rendering every zone at once is slow on a phone: the first matches, and a line saying how many more. */
const SHOWN = 80;

const label = (o: ZoneOption) => `${o.name} — ${o.offset}`;

export function TimeZonePicker(props: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  const id = createUniqueId();
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const options = createMemo(() => zoneOptions(all, props.value));
  const selected = () => options().find((o) => o.id === props.value);
  const [query, setQuery] = createSignal<string | null>(null);
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
  const matches = createMemo(() => searchZones(options(), query() ?? ''));
  const shown = () => matches().slice(0, SHOWN);
  const text = () => query() ?? (selected() ? label(selected() as ZoneOption) : props.value);
  let list: HTMLDivElement | undefined;

  const optionId = (i: number) => `${id}-opt-${i}`;
  function move(to: number) {
    const n = shown().length;
    if (n === 0) return;
    const next = (to + n) % n;
    setActive(next);
    list?.querySelector(`#${CSS.escape(optionId(next))}`)?.scrollIntoView({ block: 'nearest' });
  }
  function pick(o: ZoneOption | undefined) {
    if (!o) return;
    props.onChange(o.id);
    setQuery(null);
    setOpen(false);
  }
  function close() {
    setQuery(null);
    setOpen(false);
  }
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open()) {
        setOpen(true);
        const at = shown().findIndex((o) => o.id === props.value);
        setActive(Math.max(at, 0));
        return;
      }
      move(active() + (e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      if (!open()) return;
      // Enter picks the highlighted zone; it must not also submit the settings form.
      e.preventDefault();
      pick(shown()[active()]);
    } else if (e.key === 'Escape') {
      if (open()) e.preventDefault();
      close();
    }
  }

  // Brazil's zones stay first in every search, so the shown list is two runs: Brazil, then the rest.
  const groups = createMemo(() => {
    const br = shown().filter((o) => o.brazil);
    const rest = shown().filter((o) => !o.brazil);
    return [
      { key: 'br', start: 0, items: br },
      { key: 'rest', start: br.length, items: rest },
    ].filter((g) => g.items.length > 0);
  });

  return (
    <div class="admin-field tz-picker">
      <label for={id}>{props.label}</label>
      <div class="tz-box">
        <input
          id={id}
          name="timezone"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          placeholder={tzt().search}
          aria-autocomplete="list"
          aria-expanded={open()}
          aria-controls={`${id}-list`}
          aria-activedescendant={open() && shown().length ? optionId(active()) : undefined}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(id, props)}
          value={text()}
          onFocus={(e) => e.currentTarget.select()}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => close()}
        />
        <Show when={open()}>
          <div id={`${id}-list`} role="listbox" class="tz-list" aria-label={props.label} ref={list}>
            <Show when={shown().length > 0} fallback={<p class="tz-empty">{tzt().none}</p>}>
              <For each={groups()}>
                {(g) => (
                  // biome-ignore lint/a11y/useSemanticElements: a listbox's option group (fieldset is for form controls)
                  <div role="group" aria-labelledby={`${id}-${g.key}`}>
                    <div id={`${id}-${g.key}`} class="tz-group" role="presentation">
                      {g.key === 'br' ? tzt().brazil : tzt().others}
                    </div>
                    <For each={g.items}>
                      {(o, j) => {
                        const i = () => g.start + j();
                        return (
                          // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives this list from the input
                          <div
                            id={optionId(i())}
                            role="option"
                            tabIndex={-1}
                            aria-selected={i() === active()}
                            class={o.id === props.value ? 'tz-option chosen' : 'tz-option'}
                            // The input's blur would close the list before a click lands.
                            onMouseDown={(e) => e.preventDefault()}
                            onClick={() => pick(o)}
                            onMouseMove={() => setActive(i())}
                          >
                            <span>{label(o)}</span>
                            <small>{o.id}</small>
                          </div>
                        );
                      }}
                    </For>
                  </div>
                )}
              </For>
            </Show>
            <Show when={matches().length > SHOWN}>
              <p class="tz-more">{tzt().more(matches().length - SHOWN)}</p>
            </Show>
          </div>
        </Show>
      </div>
      <Notes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}
