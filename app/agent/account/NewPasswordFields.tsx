// The new password typed twice, with the policy's hint and each field's refusal: one piece for "change my
// password" and for the e-mailed links' "choose a password". `name` is the field as the API names it.
import { Show } from 'solid-js';
import { acct } from './account-i18n';

export function NewPasswordFields(props: {
  name: string;
  hintId: string;
  password: string;
  onPassword: (value: string) => void;
  repeat: string;
  onRepeat: (value: string) => void;
  passwordError: string | null | undefined;
  repeatError: string | null | undefined;
}) {
  return (
    <>
      <label>
        {acct().newPassword}
        <input
          type="password"
          name={props.name}
          autocomplete="new-password"
          required
          aria-invalid={props.passwordError ? 'true' : undefined}
          aria-describedby={props.hintId}
          value={props.password}
          onInput={(e) => props.onPassword(e.currentTarget.value)}
        />
      </label>
      <small id={props.hintId}>{acct().passwordHint}</small>
      <Show when={props.passwordError}>
        <p role="alert">{props.passwordError}</p>
      </Show>
      <label>
        {acct().repeatPassword}
        <input
          type="password"
          name="repeat"
          autocomplete="new-password"
          required
          value={props.repeat}
          onInput={(e) => props.onRepeat(e.currentTarget.value)}
        />
      </label>
      <Show when={props.repeatError}>
        <p role="alert">{props.repeatError}</p>
      </Show>
    </>
  );
}
