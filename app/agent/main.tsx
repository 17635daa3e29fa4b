// The agent web client's entry: signs in, then shows the inbox; the language switch lives in the header.
import { createSignal, Show } from 'solid-js';
import { render } from 'solid-js/web';
import { AdminPage } from './admin/AdminPage';
import type { Session } from './api';
import { Conversation } from './Conversation';
import { Inbox } from './Inbox';
import { LOCALES, type Locale, locale, setLocale, t } from './i18n';
import { Login } from './Login';
import './styles.css';

function App() {
  const [session, setSession] = createSignal<Session | null>(null);
  const [open, setOpen] = createSignal<string | null>(null);
  return (
    <>
      <header class="top">
        <span class="brand">{t().appName}</span>
        <label>
          {t().language}
          <select value={locale()} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
            {Object.keys(LOCALES).map((l) => (
              <option value={l}>{l === 'en' ? 'English' : 'Português (Brasil)'}</option>
            ))}
          </select>
        </label>
        <Show when={session()}>
          <button type="button" onClick={() => setSession(null)}>
            {t().signOut}
          </button>
        </Show>
      </header>
      <Show when={session()} fallback={<Login onSignedIn={setSession} />}>
        {(s) => (
          <main>
            <Show when={location.pathname.startsWith('/admin')}>
              <AdminPage session={s()} />
            </Show>
            <Show when={open()} fallback={<Inbox session={s()} onOpen={setOpen} />}>
              {(id) => <Conversation session={s()} conversationId={id()} onBack={() => setOpen(null)} />}
            </Show>
          </main>
        )}
      </Show>
    </>
  );
}

render(() => <App />, document.getElementById('root') as HTMLElement);
