// Search by contact name, phone, CPF/CNPJ or message text; results replace the list until cleared, and
// opening one works even when the live inbox no longer holds that conversation.
import { createSignal, onCleanup, Show } from 'solid-js';
import type { SearchResult } from '../../../workers/contract';
import { formatPhone } from '../../../workers/contract/phone-format';
import { useApp } from '../context';
import { search } from '../endpoints';
import { formatWhen, t } from '../i18n';
import { contactLabel } from './ConversationList';
import { ConversationRows } from './ConversationRows';

export interface SearchState {
  query: string;
  results: SearchResult[] | null;
}

export function SearchBox(props: { state: SearchState; onChange: (s: SearchState) => void }) {
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(timer));

  function onInput(q: string) {
    props.onChange({ query: q, results: q.trim() ? props.state.results : null });
    clearTimeout(timer);
    setError(null);
    if (q.trim().length === 0) return;
    if (q.trim().length < 2) {
      setError(t().search.tooShort);
      return;
    }
    timer = setTimeout(() => void run(q.trim()), 250);
  }

  async function run(q: string) {
    const mine = ++asked;
    setBusy(true);
    try {
      const res = await search(app.session().token, q);
      // Answers can come back out of order: only the latest question's answer is shown.
      if (mine === asked) props.onChange({ query: props.state.query, results: res.results });
    } catch {
      if (mine === asked) setError(t().unavailable);
    } finally {
      if (mine === asked) setBusy(false);
    }
  }

  return (
    <div class="search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(props.state.query.trim());
        }}
      >
        <label class="visually-hidden" for="search-input">
          {t().search.label}
        </label>
        <input
          id="search-input"
          type="search"
          placeholder={t().search.placeholder}
          value={props.state.query}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onInput('');
          }}
          aria-busy={busy()}
        />
      </form>
      <Show when={error()}>
        <p class="hint">{error()}</p>
      </Show>
      <Show when={props.state.results}>
        {(results) => (
          <section aria-labelledby="search-title">
            <h3 id="search-title">
              {t().search.results}
              <button type="button" class="link" onClick={() => onInput('')}>
                {t().search.clear}
              </button>
            </h3>
            <ConversationRows items={results()} empty={t().search.none}>
              {(r) => (
                <>
                  <span class="line">
                    <strong class="name">{contactLabel(r().contact)}</strong>
                    <span class="muted">{t().status[r().status]}</span>
                  </span>
                  <span class="preview">
                    {t().search.matched[r().matchedIn]}
                    {r().snippet
                      ? `: ${r().snippet}`
                      : r().contact.phone
                        ? `: ${formatPhone(r().contact.phone ?? '')}`
                        : ''}
                  </span>
                  <span class="meta">
                    <time datetime={r().at}>{formatWhen(r().at)}</time>
                  </span>
                </>
              )}
            </ConversationRows>
          </section>
        )}
      </Show>
    </div>
  );
}
