// Teams (admins and supervisors): each team with its members, forms to add or change one, delete after a
// confirmation.
import { createResource } from 'solid-js';
import type { Team } from '../../../workers/contract';
import { roleCan } from '../../../workers/contract/permissions';
import { ApiError } from '../api';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, createdColumn, namesOf, RowButtons } from './AdminTable';
import { deleteTeam, getDirectory, listTeams, listUsers } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { createListScreen, EditSlot } from './list-screen';
import { TeamForm } from './TeamForm';

/** Who can be a member: the users list for those who manage users, else the directory (supervisors). */
async function loadPeople(token: string, isAdmin: boolean): Promise<{ id: string; name: string }[]> {
  try {
    return isAdmin ? (await listUsers(token)).users : (await getDirectory(token)).agents;
  } catch (err) {
    if (err instanceof ApiError) return [];
    throw err;
  }
}

export function TeamsScreen() {
  const admin = useAdmin();
  const [teams, { refetch }] = createResource(() => admin.token, listTeams);
  const [people] = createResource(
    () => admin.token,
    (token) => loadPeople(token, roleCan(admin.role, 'users.manage')),
  );
  const screen = createListScreen<Team>(refetch);

  const names = (ids: readonly string[]) => namesOf(people.latest ?? [], ids, at().teams.noMembers);

  const askDelete = (team: Team) =>
    screen.askDelete(
      team,
      { message: at().teams.confirmDelete(team.name), done: () => at().teams.deleted(team.name) },
      () => deleteTeam(admin.token, team.id),
    );

  const columns: Column<Team>[] = [
    { header: () => at().teams.name, cell: (team) => team.name },
    { header: () => at().teams.members, cell: (team) => names(team.memberIds) },
    createdColumn(),
    actionsColumn(
      (team) => (
        <RowButtons name={team.name} onEdit={() => screen.open(team)} onDelete={() => askDelete(team)} />
      ),
      'admin-row-actions',
    ),
  ];

  return (
    <AdminScreen
      titleId="teams-title"
      title={at().teams.title}
      add={{ label: at().teams.new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <EditSlot editing={screen.editing()}>
        {(team) => (
          <TeamForm team={team} people={people.latest ?? []} onCancel={screen.close} onSaved={screen.saved} />
        )}
      </EditSlot>
      <AdminTable
        resource={teams}
        retry={refetch}
        rows={(data) => data.teams}
        labelledBy="teams-title"
        empty={at().teams.empty}
        columns={columns}
      />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
