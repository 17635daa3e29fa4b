// The full page a tab shows once the platform operator suspended its organisation (a socket closed with
// tenant_suspended, or a call or the refresh was refused so): the app and its sockets are gone, so nothing
// reconnects; the one way on is the sign-in form (another organisation's account, or this one once active).
import { onMount } from 'solid-js';
import { t } from '../i18n';
import { SignInFrame } from './SignInFrame';
import { si } from './signin-i18n';

export function SuspendedPage(props: { onBack: () => void }) {
  let heading: HTMLHeadingElement | undefined;
  // Focus moves to the news, so a screen reader (and the keyboard) starts from it.
  onMount(() => heading?.focus());
  return (
    <SignInFrame>
      <section class="login-done suspended" aria-labelledby="suspended-title">
        <h2 id="suspended-title" tabIndex={-1} ref={heading}>
          {si().suspended.title}
        </h2>
        <p role="alert">{t().tenantSuspended}</p>
        <p>{si().suspended.next}</p>
        <button type="button" class="primary" onClick={() => props.onBack()}>
          {si().suspended.back}
        </button>
      </section>
    </SignInFrame>
  );
}
