// "Minhas sessões" (every role): where the signed-in user is signed in (device, IP, started, last seen, this
// session marked), ending any other one, signing out of every device, or out of this one. Ending a session
// closes its sockets on the server; this tab signs out when its own session goes.
import { createResource, Show } from 'solid-js';
import { signOut } from '../auth/session-store';
import { listSessions, logoutAll, revokeSession, type SessionView } from '../auth/sessions-api';
import { t } from '../i18n';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, DateCell } from './AdminTable';
import { useAdmin } from './admin-context';
import { ConfirmDialog } from './ConfirmDialog';
import { createListScreen } from './list-screen';

export function SessionsScreen() {
  const admin = useAdmin();
  const [sessions, { refetch }] = createResource(() => admin.token, listSessions);
  const screen = createListScreen<SessionView>(refetch);
  const st = () => t().sessions;
  const device = (s: SessionView) => s.device || st().unknownDevice;

  const askRevoke = (s: SessionView) =>
    screen.confirmThen({
      message: st().confirmRevoke(device(s)),
      confirmLabel: st().revoke,
      act: () => revokeSession(admin.token, s.id),
      done: () => st().revoked(device(s)),
    });

  const askSignOutAll = () =>
    screen.confirmThen({
      message: st().confirmSignOutAll,
      confirmLabel: st().signOutAll,
      act: () => signOut(() => logoutAll(admin.token)),
      done: () => '',
    });

  const columns: Column<SessionView>[] = [
    {
      header: () => st().device,
      cell: (s) => (
        <>
          <span class="session-device">{device(s)}</span>
          <Show when={s.current}>
            {' '}
            <span class="admin-badge admin-healthy">{st().current}</span>
          </Show>
        </>
      ),
    },
    { header: () => st().ip, cell: (s) => s.ip ?? '—' },
    { header: () => st().createdAt, cell: (s) => <DateCell iso={s.createdAt} /> },
    { header: () => st().lastSeenAt, cell: (s) => <DateCell iso={s.lastSeenAt} /> },
    actionsColumn((s) => (
      <Show
        when={!s.current}
        fallback={
          <button type="button" onClick={() => void signOut()}>
            {st().signOut}
          </button>
        }
      >
        <button
          type="button"
          class="admin-danger"
          aria-label={st().revokeNamed(device(s))}
          onClick={() => askRevoke(s)}
        >
          {st().revoke}
        </button>
      </Show>
    )),
  ];

  return (
    <AdminScreen
      titleId="sessions-title"
      title={st().title}
      add={{ label: st().signOutAll, onClick: askSignOutAll }}
      status={screen.status()}
    >
      <p class="muted">{st().intro}</p>
      <AdminTable
        resource={sessions}
        retry={refetch}
        rows={(data) => data.sessions}
        labelledBy="sessions-title"
        empty={st().empty}
        columns={columns}
      />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
