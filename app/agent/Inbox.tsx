// The inbox list (first cut: the tenant's conversations, newest activity first, read over REST).
import { createResource, For, Show } from 'solid-js';
import { listConversations, type Session } from './api';
import { formatTime, t } from './i18n';

export function Inbox(props: { session: Session; onOpen: (conversationId: string) => void }) {
  const [data] = createResource(() => props.session.token, listConversations);
  return (
    <section aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t().inbox}</h2>
      <Show when={data()} fallback={<p aria-busy="true">…</p>}>
        {(page) => (
          <Show when={page().conversations.length > 0} fallback={<p>{t().noConversations}</p>}>
            <ul class="conversations">
              <For each={page().conversations}>
                {(c) => (
                  <li>
                    <button type="button" class="open" onClick={() => props.onOpen(c.id)}>
                      {c.contact.name ?? c.contact.phone ?? t().unknownContact}
                    </button>
                    <span class="status">{t().status[c.status]}</span>
                    <p>{c.lastMessagePreview}</p>
                    <Show when={c.lastEventAt}>
                      {(at) => <time datetime={at()}>{formatTime(at())}</time>}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
