// "Test the bot's search": a customer's message in, the passages the bot would put in the LLM's prompt out
// (published articles only, best first), so an admin sees whether an article is found and which part of it.
import { createSignal, For, Show } from 'solid-js';
import type { KnowledgeSearchResponse } from '../../../workers/contract';
import { useAdmin } from './admin-context';
import { searchKnowledge } from './bot-settings-api';
import { bt } from './bot-settings-i18n';
import { TextField } from './fields';

type Passage = KnowledgeSearchResponse['passages'][number];

export function KnowledgeTry() {
  const admin = useAdmin();
  const [query, setQuery] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<Passage[] | 'failed' | null>(null);

  async function run(e: SubmitEvent) {
    e.preventDefault();
    const q = query().trim();
    if (!q || busy()) return;
    setBusy(true);
    try {
      setResult((await searchKnowledge(admin.token, q)).passages);
    } catch {
      setResult('failed');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="admin-panel admin-try" aria-labelledby="kb-try-title">
      <h4 id="kb-try-title">{bt().kb.tryTitle}</h4>
      <p class="admin-hint">{bt().kb.tryHint}</p>
      <form class="admin-search" onSubmit={run} aria-labelledby="kb-try-title">
        <TextField label={bt().kb.tryQuery} name="query" value={query()} onInput={setQuery} />
        <button type="submit" class="admin-primary" disabled={busy() || !query().trim()}>
          {bt().kb.tryButton}
        </button>
      </form>
      <div role="status">
        <Show when={result()}>
          {(r) => (
            <Show when={r() !== 'failed'} fallback={<p class="admin-error">{bt().kb.tryFailed}</p>}>
              <Show when={(r() as Passage[]).length > 0} fallback={<p>{bt().kb.tryNone}</p>}>
                <ol class="admin-passages">
                  <For each={r() as Passage[]}>
                    {(p) => (
                      <li>
                        <strong>{p.title}</strong>
                        <blockquote>{p.text}</blockquote>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </Show>
          )}
        </Show>
      </div>
    </section>
  );
}
