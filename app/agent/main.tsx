// The agent web client's entry: the session (kept for this tab), sign-in, then the signed-in app; the
// language switch is always at hand.
import './zod-config';
import { createSignal, Show } from 'solid-js';
import { render } from 'solid-js/web';
import { type Session, setUnauthorizedHandler } from './api';
import { t } from './i18n';
import { LanguageSelect } from './LanguageSelect';
import { Login } from './Login';
import { SignedIn } from './SignedIn';
import { loadSession, saveSession } from './session';
import './styles/base.css';
import './styles/workspace.css';
import './styles/conversation.css';

function App() {
  const [session, setSessionSignal] = createSignal<Session | null>(loadSession());
  const [notice, setNotice] = createSignal<string | null>(null);
  const setSession = (s: Session | null) => {
    saveSession(s);
    setSessionSignal(s);
  };
  setUnauthorizedHandler(() => {
    if (!session()) return;
    setNotice(t().sessionExpired);
    setSession(null);
  });
  return (
    <Show
      when={session()}
      keyed
      fallback={
        <>
          <header class="top">
            <span class="brand">{t().appName}</span>
            <LanguageSelect />
          </header>
          <Login
            notice={notice()}
            onSignedIn={(s) => {
              setNotice(null);
              setSession(s);
            }}
          />
        </>
      }
    >
      {(s) => <SignedIn session={s} onSignOut={() => setSession(null)} />}
    </Show>
  );
}

render(() => <App />, document.getElementById('root') as HTMLElement);
