// The sign-in's second step: the 6-digit code from the app, or (behind a link) a recovery code.
import { createSignal, onMount, Show } from 'solid-js';
import { cleanCode } from './security-api';
import { st } from './security-i18n';
import './security.css';

export function SecondFactorForm(props: {
  busy: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
  onBack: () => void;
}) {
  const [recovery, setRecovery] = createSignal(false);
  const [code, setCode] = createSignal('');
  const [formatError, setFormatError] = createSignal<string | null>(null);
  let input: HTMLInputElement | undefined;
  onMount(() => input?.focus());

  function toggle() {
    setRecovery(!recovery());
    setCode('');
    setFormatError(null);
    input?.focus();
  }

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const typed = cleanCode(code());
    const ok = recovery()
      ? /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/.test(typed)
      : /^\d{6}$/.test(typed);
    if (!ok) {
      setFormatError(recovery() ? st().recoveryFormat : st().codeFormat);
      return;
    }
    setFormatError(null);
    props.onSubmit(typed);
  }

  const error = () => formatError() ?? props.error;
  return (
    <form onSubmit={submit} aria-labelledby="code-title">
      <h2 id="code-title">{st().codeTitle}</h2>
      <p>{recovery() ? st().recoveryIntro : st().codeIntro}</p>
      <label>
        {recovery() ? st().recoveryLabel : st().codeLabel}
        <input
          ref={input}
          name="code"
          inputmode={recovery() ? 'text' : 'numeric'}
          autocomplete="one-time-code"
          autocapitalize="off"
          spellcheck={false}
          required
          maxlength={recovery() ? 16 : 7}
          value={code()}
          aria-invalid={error() ? 'true' : undefined}
          onInput={(e) => setCode(e.currentTarget.value)}
        />
      </label>
      <Show when={error()}>
        <p role="alert">{error()}</p>
      </Show>
      <button type="submit" disabled={props.busy}>
        {props.busy ? st().verifying : st().verify}
      </button>
      <div class="row">
        <button type="button" class="link" onClick={toggle}>
          {recovery() ? st().useApp : st().useRecovery}
        </button>
        <button type="button" class="link" onClick={() => props.onBack()}>
          {st().back}
        </button>
      </div>
    </form>
  );
}
