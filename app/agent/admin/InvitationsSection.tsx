// Pending invitations under the users list: who, role, until when, whether the e-mail went out; resend (a
// new link, e.g. after the e-mail failed or expired) and revoke (asks first).
import { createResource, createSignal, Show } from 'solid-js';
import type { Invitation, Team } from '../../../workers/contract';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, DateCell } from './AdminTable';
import { listInvitations, resendInvitation, revokeInvitation } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { InviteForm } from './InviteForm';
import { createListScreen } from './list-screen';

type Row = Invitation & { id: string };

export function InvitationsSection(props: { teams: readonly Team[]; onChanged?: () => void }) {
  const admin = useAdmin();
  const [invitations, { refetch }] = createResource(() => admin.token, listInvitations);
  const screen = createListScreen<Row>(refetch);
  const [inviting, setInviting] = createSignal(false);

  async function resend(inv: Invitation) {
    screen.setStatus(null);
    try {
      const next = await resendInvitation(admin.token, inv.userId);
      screen.setStatus(
        next.mail === 'failed'
          ? { message: at().invitations.notSent(next.email), error: true }
          : { message: at().invitations.resent(next.email), error: false },
      );
    } catch (err) {
      screen.fail(err);
    }
    void refetch();
  }

  const columns: Column<Row>[] = [
    { header: () => at().users.email, cell: (i) => i.email },
    { header: () => at().users.name, cell: (i) => i.name },
    { header: () => at().users.role, cell: (i) => at().roles[i.role] },
    {
      header: () => at().invitations.expires,
      cell: (i) => (
        <>
          <DateCell iso={i.expiresAt} />
          <Show when={i.expired}> ({at().invitations.expired})</Show>
        </>
      ),
    },
    {
      header: () => at().invitations.mail,
      cell: (i) => (
        <span class={i.mail === 'failed' ? 'admin-error' : undefined}>
          {at().invitations.mailStatus[i.mail]}
        </span>
      ),
    },
    actionsColumn(
      (i) => (
        <>
          <button
            type="button"
            aria-label={`${at().invitations.resend} ${i.email}`}
            onClick={() => void resend(i)}
          >
            {at().invitations.resend}
          </button>
          <button
            type="button"
            class="admin-danger"
            aria-label={`${at().invitations.revoke} ${i.email}`}
            onClick={() =>
              screen.confirmThen({
                message: at().invitations.revokeQuestion(i.email),
                confirmLabel: at().invitations.revoke,
                act: () => revokeInvitation(admin.token, i.userId),
                done: () => at().invitations.revoked(i.email),
              })
            }
          >
            {at().invitations.revoke}
          </button>
        </>
      ),
      'admin-row-actions',
    ),
  ];

  return (
    <AdminScreen
      titleId="invitations-title"
      title={at().invitations.title}
      add={{
        label: at().invitations.invite,
        onClick: () => {
          screen.setStatus(null);
          setInviting(true);
        },
      }}
      status={screen.status()}
    >
      <Show when={inviting()}>
        <InviteForm
          teams={props.teams}
          onCancel={() => setInviting(false)}
          onSaved={(message, failed) => {
            setInviting(false);
            screen.setStatus({ message, error: failed });
            void refetch();
            props.onChanged?.();
          }}
        />
      </Show>
      <AdminTable
        resource={invitations}
        retry={refetch}
        rows={(data) => data.invitations.map((i) => ({ ...i, id: i.userId }))}
        labelledBy="invitations-title"
        empty={at().invitations.empty}
        columns={columns}
      />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
