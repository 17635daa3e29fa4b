// The signed-in user's own account security, as a modal dialog from the top bar: whether 2FA is on, turn it
// on (the enrolment flow), turn it off (password or a code) and make new recovery codes (a code).
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { TwoFactorStatus } from '../../../workers/contract';
import { ApiError } from '../api';
import { formatTime } from '../i18n';
import { EnrolmentFlow } from './EnrolmentFlow';
import { RecoveryCodes } from './RecoveryCodes';
import { cleanCode, disableTwoFactor, getTwoFactorStatus, regenerateRecoveryCodes } from './security-api';
import { st } from './security-i18n';
import './security.css';

type Mode = { kind: 'status' } | { kind: 'enrol' } | { kind: 'codes'; codes: string[] };

export function SecurityDialog(props: { token: string; onClose: () => void }) {
  const [status, { refetch }] = createResource(() => props.token, getTwoFactorStatus);
  const [mode, setMode] = createSignal<Mode>({ kind: 'status' });
  const [message, setMessage] = createSignal<string | null>(null);
  const back = (text: string | null = null) => {
    setMessage(text);
    setMode({ kind: 'status' });
    void refetch();
  };

  return (
    <dialog
      ref={(d) => queueMicrotask(() => d.isConnected && !d.open && d.showModal())}
      class="security"
      aria-labelledby="security-title"
      onClose={() => props.onClose()}
    >
      <h2 id="security-title">{st().securityTitle}</h2>
      <Switch>
        <Match when={mode().kind === 'enrol'}>
          <EnrolmentFlow token={props.token} onDone={() => back()} />
        </Match>
        <Match
          when={(() => {
            const m = mode();
            return m.kind === 'codes' ? m : null;
          })()}
        >
          {(m) => <RecoveryCodes codes={m().codes} onDone={() => back()} doneLabel={st().done} />}
        </Match>
        <Match when={status.error}>
          <p role="alert">{st().failed}</p>
          <button type="button" onClick={() => void refetch()}>
            {st().retry}
          </button>
        </Match>
        <Match when={status()}>
          {(s) => (
            <StatusView
              status={s()}
              token={props.token}
              message={message()}
              onEnrol={() => setMode({ kind: 'enrol' })}
              onDisabled={() => back(st().disabled)}
              onCodes={(codes) => setMode({ kind: 'codes', codes })}
            />
          )}
        </Match>
        <Match when={status.loading}>
          <p role="status">{st().loading}</p>
        </Match>
      </Switch>
      <button type="button" class="close" onClick={() => props.onClose()}>
        {st().close}
      </button>
    </dialog>
  );
}

function StatusView(props: {
  status: TwoFactorStatus;
  token: string;
  message: string | null;
  onEnrol: () => void;
  onDisabled: () => void;
  onCodes: (codes: string[]) => void;
}) {
  return (
    <>
      <Show when={props.message}>
        <p role="status">{props.message}</p>
      </Show>
      <p>
        {props.status.enabled && props.status.enabledAt
          ? st().statusOn(formatTime(props.status.enabledAt))
          : st().statusOff}
      </p>
      <Show when={props.status.requiredForMe}>
        <p class="notice">{st().requiredByPolicy}</p>
      </Show>
      <Show
        when={props.status.enabled}
        fallback={
          <button type="button" class="primary" onClick={() => props.onEnrol()}>
            {st().enable}
          </button>
        }
      >
        <p>{st().codesLeft(props.status.recoveryCodesLeft)}</p>
        <RegenerateForm token={props.token} onCodes={props.onCodes} />
        <Show when={!props.status.requiredForMe}>
          <DisableForm token={props.token} onDisabled={props.onDisabled} />
        </Show>
      </Show>
    </>
  );
}

function proofError(err: unknown): string {
  if (err instanceof ApiError && err.status === 400) return st().proofWrong;
  if (err instanceof ApiError && err.status === 403) return st().forbiddenByPolicy;
  return st().failed;
}

function RegenerateForm(props: { token: string; onCodes: (codes: string[]) => void }) {
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onCodes((await regenerateRecoveryCodes(props.token, cleanCode(code()))).recoveryCodes);
    } catch (err) {
      setError(proofError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="regen-title">
      <h3 id="regen-title">{st().regenTitle}</h3>
      <p>{st().regenHint}</p>
      <label>
        {st().codeLabel}
        <input
          name="regen-code"
          autocomplete="one-time-code"
          required
          value={code()}
          aria-invalid={error() ? 'true' : undefined}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      <Show when={error()}>
        <p role="alert">{error()}</p>
      </Show>
      <button type="submit" disabled={busy()}>
        {busy() ? st().regenerating : st().regenerate}
      </button>
    </form>
  );
}

function DisableForm(props: { token: string; onDisabled: () => void }) {
  const [password, setPassword] = createSignal('');
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const typed = cleanCode(code());
    if (!password() && !typed) {
      setError(st().proofMissing);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await disableTwoFactor(props.token, password() ? { password: password() } : { code: typed });
      props.onDisabled();
    } catch (err) {
      setError(proofError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="disable-title">
      <h3 id="disable-title">{st().disableTitle}</h3>
      <p>{st().disableHint}</p>
      <label>
        {st().passwordLabel}
        <input
          type="password"
          name="password"
          autocomplete="current-password"
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <label>
        {st().orCodeLabel}
        <input
          name="disable-code"
          autocomplete="one-time-code"
          value={code()}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      <Show when={error()}>
        <p role="alert">{error()}</p>
      </Show>
      <button type="submit" class="danger" disabled={busy()}>
        {busy() ? st().disabling : st().disable}
      </button>
    </form>
  );
}
