// The sign-in screen: email and password, errors announced to screen readers, pt-BR first.
import { createSignal, Show } from 'solid-js';
import { acct } from './account/account-i18n';
import { ApiError, login, type Session } from './api';
import { t } from './i18n';

export function Login(props: { onSignedIn: (session: Session) => void; notice?: string | null }) {
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await login(email(), password()));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t().loginFailed : t().unavailable);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login">
      <h1>{t().appName}</h1>
      <form onSubmit={submit} aria-labelledby="login-title">
        <h2 id="login-title">{t().loginTitle}</h2>
        <Show when={props.notice}>
          <p role="status" class="notice">
            {props.notice}
          </p>
        </Show>
        <label>
          {t().email}
          <input
            type="email"
            autocomplete="username"
            required
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          {t().password}
          <input
            type="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p role="alert">{error()}</p>
        </Show>
        <button type="submit" disabled={busy()}>
          {busy() ? t().signingIn : t().signIn}
        </button>
        <a href="/reset">{acct().forgot}</a>
      </form>
    </main>
  );
}
