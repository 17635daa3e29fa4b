// Turning 2FA on: a new secret as a QR code (and the key to type by hand), the first code to confirm, then
// the recovery codes. Used from the sign-in (with the enrolment token) and from the account's security.
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { RecoveryCodesResponse } from '../../../workers/contract';
import { ApiError } from '../api';
import { RecoveryCodes } from './RecoveryCodes';
import { cleanCode, confirmEnrolment, startEnrolment } from './security-api';
import { st } from './security-i18n';
import './security.css';

export function EnrolmentFlow(props: {
  token: string;
  /** Called once the recovery codes were acknowledged, with what confirm answered. */
  onDone: (result: RecoveryCodesResponse) => void;
  intro?: string;
}) {
  const [enrolment, { refetch }] = createResource(() => props.token, startEnrolment);
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<RecoveryCodesResponse | null>(null);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const typed = cleanCode(code());
    if (!/^\d{6}$/.test(typed)) {
      setError(st().codeFormat);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setResult(await confirmEnrolment(props.token, typed));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setError(st().codeInvalid);
      else if (err instanceof ApiError && err.status === 401) setError(st().expired);
      else setError(st().failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="enrolment" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{st().enrolTitle}</h2>
      <Show when={props.intro}>
        <p class="notice" role="status">
          {props.intro}
        </p>
      </Show>
      <Switch>
        <Match when={result()}>
          {(r) => <RecoveryCodes codes={r().recoveryCodes} onDone={() => props.onDone(r())} />}
        </Match>
        <Match when={enrolment.error}>
          <p role="alert">
            {enrolment.error instanceof ApiError && enrolment.error.status === 401
              ? st().expired
              : st().startFailed}
          </p>
          <button type="button" onClick={() => void refetch()}>
            {st().retry}
          </button>
        </Match>
        <Match when={enrolment.loading}>
          <p role="status">{st().starting}</p>
        </Match>
        <Match when={enrolment()}>
          {(en) => (
            <>
              <p>{st().enrolStep1}</p>
              {/* Our own server's SVG (uqr output: rects and one path, no script, no user text). */}
              <div class="qr" role="img" aria-label={st().qrAlt} innerHTML={en().qrSvg} />
              <p>{st().manualSecret}</p>
              <p>
                <code class="secret" data-secret={en().secret}>
                  {en()
                    .secret.replace(/(.{4})/g, '$1 ')
                    .trim()}
                </code>
              </p>
              <form onSubmit={submit}>
                <p>{st().enrolStep2}</p>
                <label>
                  {st().codeLabel}
                  <input
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    pattern="[0-9 ]*"
                    maxlength={7}
                    required
                    value={code()}
                    aria-invalid={error() ? 'true' : undefined}
                    onInput={(e) => setCode(e.currentTarget.value)}
                  />
                </label>
                <Show when={error()}>
                  <p role="alert">{error()}</p>
                </Show>
                <button type="submit" class="primary" disabled={busy()}>
                  {busy() ? st().confirming : st().confirm}
                </button>
              </form>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
