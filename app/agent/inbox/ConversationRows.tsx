// The clickable list the inbox and search results share: one button a conversation that opens it, the open one
// marked current, an empty message otherwise. What a row says is the caller's (a summary and a hit differ).
// Rows are keyed by conversation id, not by the summary object: a summary replaced by an update (a new message,
// an unread count, an SLA tick) updates its row in place. Re-created, the row lost a click that began on the old
// button and ended on the new one, in a busy queue.
import { createMemo, For, type JSX, Show } from 'solid-js';
import { useApp } from '../context';

export function ConversationRows<T extends { conversationId: string }>(props: {
  items: T[];
  /** Shown instead of the list when there is nothing in it. */
  empty: string;
  /** The conversation open beside the list, if this list marks it (search results do not). */
  openId?: string | null;
  /** The row's content, given the row's current item (it changes as updates arrive; the row stays). */
  children: (item: () => T) => JSX.Element;
  /** Shown under the row's button, outside it (a link of its own: buttons may not nest links). */
  aside?: (item: () => T) => JSX.Element;
}) {
  const app = useApp();
  const ids = createMemo(() => props.items.map((i) => i.conversationId), [], {
    equals: (a, b) => a.length === b.length && a.every((id, n) => id === b[n]),
  });
  const byId = createMemo(() => new Map(props.items.map((i) => [i.conversationId, i])));
  return (
    <Show when={props.items.length > 0} fallback={<p class="empty">{props.empty}</p>}>
      <ul class="conversation-list">
        <For each={ids()}>
          {(id) => {
            // The last item seen for this id: a row leaving the list keeps its content while it is removed.
            const item = createMemo<T>((prev) => byId().get(id) ?? prev, byId().get(id) as T);
            return (
              <li>
                <button
                  type="button"
                  class="row"
                  aria-current={props.openId === id ? 'true' : undefined}
                  data-conversation={id}
                  onClick={() => app.open(id)}
                >
                  {props.children(item)}
                </button>
                {props.aside?.(item)}
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
