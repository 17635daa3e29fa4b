// One conversation: the timeline by seq over the resuming socket (replay, then live), delivery status per
// message, a visible connection state, and a composer (Enter sends, Shift+Enter is a new line) whose draft
// survives reloads.
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { EventFrame } from '../../workers/contract';
import { type ConnectionState, ConversationClient } from '../lib/conversation-client';
import type { Session } from './api';
import { loadDraft, saveDraft } from './drafts';
import { formatTime, t } from './i18n';
import { foldTimeline } from './timeline';

function socketUrl(conversationId: string, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws/conversations/${conversationId}?token=${encodeURIComponent(token)}`;
}

export function Conversation(props: { session: Session; conversationId: string; onBack: () => void }) {
  const [frames, setFrames] = createSignal<EventFrame[]>([]);
  const [state, setState] = createSignal<ConnectionState>('connecting');
  const [draft, setDraft] = createSignal(loadDraft(props.conversationId));
  const [error, setError] = createSignal<string | null>(null);
  const client = new ConversationClient({
    url: socketUrl(props.conversationId, props.session.token),
    onEvent: (f) => setFrames((all) => [...all, f]),
    onState: setState,
    onError: (f) => setError(f.code === 'window_closed' ? t().windowClosed : f.message),
  });
  onCleanup(() => client.close());

  function updateDraft(text: string) {
    setDraft(text);
    saveDraft(props.conversationId, text);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    const text = draft().trim();
    if (!text) return;
    setError(null);
    client.send(text);
    updateDraft('');
  }

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header>
        <button type="button" onClick={() => props.onBack()}>
          {t().back}
        </button>
        <h2 id="conversation-title">{t().conversation}</h2>
        <span class={`connection ${state()}`} role="status">
          {t().connection[state()]}
        </span>
      </header>
      <ol class="timeline" aria-label={t().messages}>
        <For each={foldTimeline(frames())}>
          {(m) => (
            <li class={m.message.author.kind === 'agent' ? 'mine' : 'theirs'}>
              <span class="who">{m.message.author.name ?? t().authors[m.message.author.kind]}</span>
              <p>
                {m.message.text ||
                  (m.message.attachment
                    ? `📎 ${m.message.attachment.filename ?? m.message.attachment.kind}`
                    : '')}
              </p>
              <time datetime={m.createdAt}>{formatTime(m.createdAt)}</time>
              <Show when={m.status}>
                {(s) => (
                  <span class="delivery" title={m.error ?? ''}>
                    {t().delivery[s()]}
                  </span>
                )}
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={error()}>
        <p role="alert">{error()}</p>
      </Show>
      <label class="composer">
        <span class="visually-hidden">{t().composer}</span>
        <textarea
          rows={3}
          placeholder={t().composerHint}
          value={draft()}
          onInput={(e) => updateDraft(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </label>
    </section>
  );
}
