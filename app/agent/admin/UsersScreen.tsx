// Users and roles (users.manage): everyone in the tenant with their role, teams and status, a form to add
// someone and the same form to change a role, teams or password, or to deactivate someone (an owner's row
// only for owners: owners.manage); below it, pending invitations (invite, resend, revoke).
import { createResource, Show } from 'solid-js';
import type { AdminUser, Team } from '../../../workers/contract';
import { roleCan } from '../../../workers/contract/permissions';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, createdColumn, namesOf, RowButtons } from './AdminTable';
import { listTeams, listUsers } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { InvitationsSection } from './InvitationsSection';
import { createListScreen, EditSlot } from './list-screen';
import { UserForm } from './UserForm';

export function UsersScreen() {
  const admin = useAdmin();
  const [users, { refetch }] = createResource(() => admin.token, listUsers);
  const [teams] = createResource(() => admin.token, listTeams);
  const screen = createListScreen<AdminUser>(refetch);

  const teamList = (): Team[] => teams.latest?.teams ?? [];
  const teamNames = (ids: readonly string[]) => namesOf(teamList(), ids, at().none);

  const columns: Column<AdminUser>[] = [
    { header: () => at().users.name, cell: (u) => u.name },
    { header: () => at().users.email, cell: (u) => u.email },
    { header: () => at().users.role, cell: (u) => at().roles[u.role] },
    { header: () => at().users.teams, cell: (u) => teamNames(u.teamIds) },
    { header: () => at().users.status, cell: (u) => (u.active ? at().users.active : at().users.inactive) },
    createdColumn(),
    actionsColumn((u) => (
      <Show when={u.role !== 'owner' || roleCan(admin.role, 'owners.manage')}>
        <RowButtons name={u.name} onEdit={() => screen.open(u)} />
      </Show>
    )),
  ];

  return (
    <>
      <AdminScreen
        titleId="users-title"
        title={at().users.title}
        add={{ label: at().users.new, onClick: () => screen.open('new') }}
        status={screen.status()}
      >
        <EditSlot editing={screen.editing()}>
          {(user) => (
            <UserForm user={user} teams={teamList()} onCancel={screen.close} onSaved={screen.saved} />
          )}
        </EditSlot>
        <AdminTable
          resource={users}
          retry={refetch}
          rows={(data) => data.users}
          labelledBy="users-title"
          empty={at().users.empty}
          columns={columns}
        />
      </AdminScreen>
      <InvitationsSection teams={teamList()} />
    </>
  );
}
