// The agent web client's entry: the session (./auth/session-store: kept in memory, refreshed silently, a
// tab with no token asks the refresh cookie first), sign-in with the reason a session ended, then the
// signed-in app; the language switch is always at hand (in the sign-in frame, then the top bar). /reset and
// /invite (links from e-mails) need no session.
import { type JSX, Match, Switch } from 'solid-js';
import { render } from 'solid-js/web';
import { InvitePage } from './account/InvitePage';
import { ResetPage } from './account/ResetPage';
import { boot, dismissEndReason, endReason, phase, session, signedIn } from './auth/session-store';
import { t } from './i18n';
import { Login } from './Login';
import { followVisualViewport } from './phone/viewport';
import { SignedIn } from './SignedIn';
import { SignInFrame } from './signin/SignInFrame';
import { SuspendedPage } from './signin/SuspendedPage';
import './styles/base.css';
import './styles/workspace.css';
import './styles/conversation.css';
import './styles/phone.css';
import './styles/phone-conversation.css';

function App() {
  // Rebuilt only when who is signed in changes: a refreshed token keeps the app, its sockets and drafts.
  const userId = () => (phase() === 'signed-in' ? session()?.user.id : undefined);
  const notice = () => {
    const reason = endReason();
    if (reason === 'session_ended') return t().sessionEnded;
    if (reason === 'signed_out') return t().signedOutElsewhere;
    return null;
  };
  return (
    <Switch>
      <Match when={phase() === 'checking'}>
        <SignInFrame>
          <p role="status">{t().loading}</p>
        </SignInFrame>
      </Match>
      <Match when={userId()} keyed>
        {(_id) => <SignedIn />}
      </Match>
      <Match when={phase() === 'signed-out' && endReason() === 'tenant_suspended'}>
        <SuspendedPage onBack={dismissEndReason} />
      </Match>
      <Match when={phase() === 'signed-out'}>
        <Login notice={notice()} onSignedIn={signedIn} />
      </Match>
    </Switch>
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
  return page;
}

/** E-mailed links (/reset, /invite) are pages of their own: no session is needed or asked for. */
const onLinkPage = location.pathname === '/reset' || location.pathname === '/invite';
if (!onLinkPage) boot();
followVisualViewport();
render(() => LinkPage() ?? <App />, document.getElementById('root') as HTMLElement);
