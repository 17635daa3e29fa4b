// /invite?token=…: the invited person chooses their password, which activates the account.
import { Show } from 'solid-js';
import { SignInFrame } from '../signin/SignInFrame';
import { acceptInvitation } from './account-api';
import { acct } from './account-i18n';
import { SetPasswordForm } from './SetPasswordForm';

export function InvitePage(props: { token: string | null }) {
  return (
    <SignInFrame>
      <Show
        when={props.token}
        fallback={
          <p role="alert" class="notice">
            {acct().missingToken}
          </p>
        }
      >
        {(token) => (
          <SetPasswordForm
            title={acct().inviteTitle}
            intro={acct().inviteIntro}
            token={token()}
            submit={acceptInvitation}
          />
        )}
      </Show>
    </SignInFrame>
  );
}
