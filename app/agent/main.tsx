// The agent web client's entry: the session (kept for this tab), sign-in, then the signed-in app; the
// language switch is always at hand. /reset and /invite (links from e-mails) need no session.
import { createSignal, type JSX, Show } from 'solid-js';
import { render } from 'solid-js/web';
import { InvitePage } from './account/InvitePage';
import { ResetPage } from './account/ResetPage';
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

/** A page reached from an e-mailed link, with the app's header; null for every other path. */
function LinkPage(): JSX.Element | null {
  const token = new URLSearchParams(location.search).get('token');
  const page =
    location.pathname === '/reset' ? (
      <ResetPage token={token} />
    ) : location.pathname === '/invite' ? (
      <InvitePage token={token} />
    ) : null;
  if (!page) return null;
  // The token has done its job once read: keep it out of history, screenshots and Referer headers.
  if (token) history.replaceState(null, '', location.pathname);
  return (
    <>
      <header class="top">
        <span class="brand">{t().appName}</span>
        <LanguageSelect />
      </header>
      {page}
    </>
  );
}

render(() => LinkPage() ?? <App />, document.getElementById('root') as HTMLElement);
