// A list screen's table behind a row of tabs (pressed buttons: "Abertos / Todos", "Ativas / Agendadas /
// Resolvidas"): the tab picks what the screen's resource loads, and the table is rebuilt per tab so its empty
// sentence and loading state belong to that tab. The screen keeps its own signal and resource.
import { For, type Resource, Show } from 'solid-js';
import { AdminTable, type Column } from './AdminTable';

export function TabbedTable<S extends string, V, T>(props: {
  tabs: readonly S[];
  current: S;
  onTab: (tab: S) => void;
  /** The tab group's name for screen readers, and each tab's words. */
  label: string;
  words: Record<S, string>;
  /** What the table says when a tab has nothing. */
  empty: Record<S, string>;
  resource: Resource<V>;
  retry: () => void;
  rows: (value: V) => readonly T[];
  labelledBy: string;
  columns: readonly Column<T>[];
}) {
  return (
    <>
      <fieldset class="admin-tabs">
        <legend class="visually-hidden">{props.label}</legend>
        <For each={props.tabs}>
          {(tab) => (
            <button type="button" aria-pressed={props.current === tab} onClick={() => props.onTab(tab)}>
              {props.words[tab]}
            </button>
          )}
        </For>
      </fieldset>
      <Show when={props.current} keyed>
        {(tab) => (
          <AdminTable
            resource={props.resource}
            retry={props.retry}
            rows={props.rows}
            labelledBy={props.labelledBy}
            empty={props.empty[tab]}
            columns={props.columns}
          />
        )}
      </Show>
    </>
  );
}
