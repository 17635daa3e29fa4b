// The clickable list the inbox and search results share: one button a conversation that opens it, the open one
// marked current, an empty message otherwise. What a row says is the caller's (a summary and a hit differ).
import { For, type JSX, Show } from 'solid-js';
import { useApp } from '../context';

export function ConversationRows<T extends { conversationId: string }>(props: {
  items: T[];
  /** Shown instead of the list when there is nothing in it. */
  empty: string;
  /** The conversation open beside the list, if this list marks it (search results do not). */
  openId?: string | null;
  children: (item: T) => JSX.Element;
  /** Shown under the row's button, outside it (a link of its own: buttons may not nest links). */
  aside?: (item: T) => JSX.Element;
}) {
  const app = useApp();
  return (
    <Show when={props.items.length > 0} fallback={<p class="empty">{props.empty}</p>}>
      <ul class="conversation-list">
        <For each={props.items}>
          {(item) => (
            <li>
              <button
                type="button"
                class="row"
                aria-current={props.openId === item.conversationId ? 'true' : undefined}
                data-conversation={item.conversationId}
                onClick={() => app.open(item.conversationId)}
              >
                {props.children(item)}
              </button>
              {props.aside?.(item)}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
