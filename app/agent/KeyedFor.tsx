// A list keyed by each item's id rather than by the item object. Solid's <For> keys by identity, so a list
// rebuilt from fresh objects (a summary replaced by an update, a view recomputed every second) re-created every
// row: its DOM, its focus, and a click that began on the old row and ended on the new one, which then opened
// nothing. Here a row lives as long as its id is in the list, and its content follows the current item.
import { createMemo, For, type JSX } from 'solid-js';

export function KeyedFor<T>(props: {
  each: readonly T[];
  /** The item's identity (a conversation id); unique within the list. */
  by: (item: T) => string;
  /**
   * Whether a fresh item for a key is the same as the one the row shows (default: the same object). A list keyed
   * by its content says always: a refetch's equal object then re-renders nothing inside the row.
   */
  same?: (a: T, b: T) => boolean;
  /** A row, given its current item (an accessor: it changes as updates arrive; the row stays). */
  children: (item: () => T, key: string) => JSX.Element;
}) {
  const keys = createMemo(() => props.each.map((i) => props.by(i)), [], {
    equals: (a, b) => a.length === b.length && a.every((key, n) => key === b[n]),
  });
  const byKey = createMemo(() => new Map(props.each.map((i) => [props.by(i), i])));
  return (
    <For each={keys()}>
      {(key) => {
        // The last item seen for this key: a row on its way out keeps its content until it is removed.
        const item = createMemo<T>((prev) => byKey().get(key) ?? prev, byKey().get(key) as T, {
          equals: (a, b) => a === b || (props.same?.(a, b) ?? false),
        });
        return props.children(item, key);
      }}
    </For>
  );
}
