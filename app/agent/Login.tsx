// The sign-in screen: email and password, then (when the server asks) the second factor, or the 2FA
// enrolment the tenant's policy requires; errors announced to screen readers, pt-BR first. The look (brand,
// card, alert, busy button) is the sign-in frame's (./signin).
import { createSignal, Match, Show, Switch } from 'solid-js';
import { acct } from './account/account-i18n';
import { ApiError, login, type Session } from './api';
import { t } from './i18n';
import { EnrolmentFlow } from './security/EnrolmentFlow';
import { SecondFactorForm } from './security/SecondFactorForm';
import { st } from './security/security-i18n';
import { SignInFrame } from './signin/SignInFrame';

/** Where the sign-in stands: the password, the code it asked for, or the enrolment the policy requires. */
type Step = { kind: 'password' } | { kind: 'code' } | { kind: 'enrol'; enrolmentToken: string };

function enrolmentTokenOf(err: ApiError): string | null {
  const token = (err.details as { enrolmentToken?: unknown } | undefined)?.enrolmentToken;
  return typeof token === 'string' ? token : null;
}

export function Login(props: { onSignedIn: (session: Session) => void; notice?: string | null }) {
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [step, setStep] = createSignal<Step>({ kind: 'password' });

  /** One attempt with what is known so far; the server's answer decides the next step. */
  async function attempt(totp?: string) {
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await login(email(), password(), totp));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : null;
      const enrolmentToken = err instanceof ApiError ? enrolmentTokenOf(err) : null;
      if (code === 'totp_required') setStep({ kind: 'code' });
      else if (code === 'totp_invalid') {
        // After an enrolment whose ticket ran out, 2FA is on: the app's code signs in from here.
        if (step().kind === 'enrol') setStep({ kind: 'code' });
        setError(st().codeInvalid);
      } else if (code === 'tenant_suspended') {
        setStep({ kind: 'password' });
        setError(t().tenantSuspended);
      } else if (code === 'totp_enrolment_required' && enrolmentToken)
        setStep({ kind: 'enrol', enrolmentToken });
      else if (err instanceof ApiError && err.status === 401) {
        setStep({ kind: 'password' });
        setError(t().loginFailed);
      } else setError(t().unavailable);
    } finally {
      setBusy(false);
    }
  }

  function back() {
    setError(null);
    setStep({ kind: 'password' });
  }

  return (
    <SignInFrame>
      <Switch>
        <Match when={step().kind === 'code'}>
          <SecondFactorForm busy={busy()} error={error()} onSubmit={(c) => void attempt(c)} onBack={back} />
        </Match>
        <Match
          when={(() => {
            const s = step();
            return s.kind === 'enrol' ? s : null;
          })()}
        >
          {(s) => (
            <>
              <EnrolmentFlow
                token={s().enrolmentToken}
                intro={st().enrolRequired}
                onDone={(r) => void attempt(r.signInTicket)}
              />
              <Show when={error()}>
                <p role="alert">{error()}</p>
              </Show>
            </>
          )}
        </Match>
        <Match when={step().kind === 'password'}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void attempt();
            }}
            aria-labelledby="login-title"
          >
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
            <button type="submit" class="primary" disabled={busy()} aria-busy={busy()}>
              {busy() ? t().signingIn : t().signIn}
            </button>
            <a href="/reset">{acct().forgot}</a>
          </form>
        </Match>
      </Switch>
    </SignInFrame>
  );
}
