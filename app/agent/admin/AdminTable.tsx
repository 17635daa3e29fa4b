// A list screen's table: loading and failure through Loaded, a sentence when there is nothing, else one row per
// item whose first column is the row's header. Columns are fixed per screen; their headers and cells stay live.
// Each cell carries its column's name (data-label), which a phone shows when the rows become cards (admin.css).
// Rows are keyed by their content: a refetch (some screens refresh every few seconds) brings new objects, and a
// row that did not change keeps its DOM, so a click on its button that spans the refresh is not lost.
import { For, type JSX, type Resource, Show } from 'solid-js';
import { KeyedFor } from '../KeyedFor';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { Loaded } from './Loaded';

export interface Column<T> {
  header: () => string;
  cell: (item: T) => JSX.Element;
  class?: string;
}

export function AdminTable<V, T>(props: {
  resource: Resource<V>;
  retry: () => void;
  rows: (value: V) => readonly T[];
  /** The screen heading's id, which names the table too. */
  labelledBy: string;
  empty: string;
  columns: readonly Column<T>[];
}) {
  return (
    <Loaded resource={props.resource} retry={props.retry}>
      {(data) => (
        <Show when={props.rows(data()).length > 0} fallback={<p>{props.empty}</p>}>
          <table class="admin-table" aria-labelledby={props.labelledBy}>
            <thead>
              <tr>
                <For each={props.columns}>{(c) => <th scope="col">{c.header()}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <KeyedFor each={props.rows(data())} by={(item) => JSON.stringify(item)} same={() => true}>
                {(item) => (
                  <tr>
                    <For each={props.columns}>
                      {(c, i) =>
                        i() === 0 ? (
                          <th scope="row">{c.cell(item())}</th>
                        ) : (
                          <td class={c.class} data-label={c.header()}>
                            {c.cell(item())}
                          </td>
                        )
                      }
                    </For>
                  </tr>
                )}
              </KeyedFor>
            </tbody>
          </table>
        </Show>
      )}
    </Loaded>
  );
}

/** A moment in the tenant's time zone, machine-readable too. */
export function DateCell(props: { iso: string }) {
  const admin = useAdmin();
  return <time datetime={props.iso}>{formatDate(props.iso, admin.tenant().timezone)}</time>;
}

/** The "created at" column most lists end with. */
export function createdColumn<T extends { createdAt: string }>(): Column<T> {
  return { header: () => at().createdAt, cell: (item) => <DateCell iso={item.createdAt} /> };
}

/** The row's actions column; `cls` is left off where the cell holds a single button (a phone's card shows
 * no column name above the buttons either way). */
export function actionsColumn<T>(cell: (item: T) => JSX.Element, cls?: string): Column<T> {
  return {
    header: () => at().actions,
    cell,
    class: cls ? `${cls} admin-actions-cell` : 'admin-actions-cell',
  };
}

/** Edit (and, when given, Delete) for one row, each naming the row for screen readers. */
export function RowButtons(props: { name: string; onEdit: () => void; onDelete?: () => void }) {
  return (
    <>
      <button type="button" aria-label={`${at().edit} ${props.name}`} onClick={() => props.onEdit()}>
        {at().edit}
      </button>
      <Show when={props.onDelete}>
        <button
          type="button"
          class="admin-danger"
          aria-label={`${at().delete} ${props.name}`}
          onClick={() => props.onDelete?.()}
        >
          {at().delete}
        </button>
      </Show>
    </>
  );
}

/** The names of the listed ids (a team's members, a user's teams), in list order, or `none` when empty. */
export function namesOf(list: readonly { id: string; name: string }[], ids: readonly string[], none: string) {
  return (
    list
      .filter((x) => ids.includes(x.id))
      .map((x) => x.name)
      .join(', ') || none
  );
}
