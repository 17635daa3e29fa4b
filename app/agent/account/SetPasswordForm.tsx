// "Choose a password" with a token from an e-mailed link (reset or invitation): new password twice, the
// server's refusal shown on the field (too short, common, personal) or for the link (used, expired), then
// a way to sign in.
import { createSignal, Show } from 'solid-js';
import { type Refusal, refusalOf } from './account-api';
import { acct } from './account-i18n';
import { NewPasswordFields } from './NewPasswordFields';

export function SetPasswordForm(props: {
  title: string;
  intro?: string;
  token: string;
  submit: (token: string, password: string) => Promise<{ email: string }>;
}) {
  const [password, setPassword] = createSignal('');
  const [repeat, setRepeat] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [refusal, setRefusal] = createSignal<Refusal>({ fields: {}, form: null });
  const [doneFor, setDoneFor] = createSignal<string | null>(null);

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (password() !== repeat()) {
      setRefusal({ fields: { repeat: acct().mismatch }, form: null });
      return;
    }
    setBusy(true);
    setRefusal({ fields: {}, form: null });
    try {
      setDoneFor((await props.submit(props.token, password())).email);
    } catch (err) {
      const r = refusalOf(err);
      // A refused link is about the whole page, not a field the user can fix.
      setRefusal(r.fields.token ? { fields: {}, form: r.fields.token } : r);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = () => refusal().fields.password;
  return (
    <Show
      when={doneFor()}
      fallback={
        <form onSubmit={onSubmit} aria-labelledby="set-password-title">
          <h2 id="set-password-title">{props.title}</h2>
          <Show when={props.intro}>
            <p>{props.intro}</p>
          </Show>
          <NewPasswordFields
            name="password"
            hintId="password-hint"
            password={password()}
            onPassword={setPassword}
            repeat={repeat()}
            onRepeat={setRepeat}
            passwordError={fieldError()}
            repeatError={refusal().fields.repeat}
          />
          <Show when={refusal().form}>
            <p role="alert">{refusal().form}</p>
          </Show>
          <button type="submit" disabled={busy()}>
            {busy() ? acct().saving : acct().savePassword}
          </button>
          <a href="/">{acct().backToSignIn}</a>
        </form>
      }
    >
      {(email) => (
        <div class="login-done">
          <p role="status" class="notice">
            {acct().passwordSet(email())}
          </p>
          <a href="/" class="button-link">
            {acct().signInNow}
          </a>
        </div>
      )}
    </Show>
  );
}
