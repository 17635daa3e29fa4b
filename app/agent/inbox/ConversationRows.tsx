// The clickable list the inbox and search results share: one button a conversation that opens it, the open one
// marked current, an empty message otherwise. What a row says is the caller's (a summary and a hit differ).
// Rows are keyed by conversation id (KeyedFor): an update changes its row in place.
import { type JSX, Show } from 'solid-js';
import { useApp } from '../context';
import { KeyedFor } from '../KeyedFor';

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
  return (
    <Show when={props.items.length > 0} fallback={<p class="empty">{props.empty}</p>}>
      <ul class="conversation-list">
        <KeyedFor each={props.items} by={(i) => i.conversationId}>
          {(item, id) => (
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
          )}
        </KeyedFor>
      </ul>
    </Show>
  );
}
