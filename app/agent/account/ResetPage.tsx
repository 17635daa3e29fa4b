// /reset: without a token, ask for the link (the answer is the same whether or not the address has an
// account); with ?token= from the e-mail, choose the new password.
import { createSignal, Show } from 'solid-js';
import { t } from '../i18n';
import { SignInFrame } from '../signin/SignInFrame';
import { confirmReset, requestReset } from './account-api';
import { acct } from './account-i18n';
import { SetPasswordForm } from './SetPasswordForm';

export function ResetPage(props: { token: string | null }) {
  return (
    <SignInFrame>
      <Show when={props.token} fallback={<RequestLink />}>
        {(token) => <SetPasswordForm title={acct().newPasswordTitle} token={token()} submit={confirmReset} />}
      </Show>
    </SignInFrame>
  );
}

function RequestLink() {
  const [email, setEmail] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [sent, setSent] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await requestReset(email().trim());
      setSent(true);
    } catch {
      setError(acct().failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="reset-title">
      <h2 id="reset-title">{acct().resetTitle}</h2>
      <Show
        when={!sent()}
        fallback={
          <p role="status" class="notice">
            {acct().linkSent}
          </p>
        }
      >
        <p>{acct().resetIntro}</p>
        <label>
          {t().email}
          <input
            type="email"
            name="email"
            autocomplete="username"
            required
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p role="alert">{error()}</p>
        </Show>
        <button type="submit" disabled={busy()}>
          {busy() ? acct().sending : acct().sendLink}
        </button>
      </Show>
      <a href="/">{acct().backToSignIn}</a>
    </form>
  );
}
