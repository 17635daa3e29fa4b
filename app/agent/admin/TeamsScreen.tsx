// Teams (admins and supervisors): each team with its members, forms to add or change one, delete after a
// confirmation.
import { createResource, createSignal, For, Show } from 'solid-js';
import type { Team } from '../../../workers/contract';
import { ApiError } from '../api';
import { deleteTeam, getDirectory, listTeams, listUsers } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { StatusLine } from './fields';
import { fromApiError } from './form-errors';
import { Loaded } from './Loaded';
import { TeamForm } from './TeamForm';

/** Who can be a member: the users list for admins, the directory for supervisors (it has no users list). */
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
    (token) => loadPeople(token, admin.role === 'admin'),
  );
  const [editing, setEditing] = createSignal<Team | 'new' | null>(null);
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);

  const names = (ids: readonly string[]) =>
    (people.latest ?? [])
      .filter((p) => ids.includes(p.id))
      .map((p) => p.name)
      .join(', ') || at().teams.noMembers;

  function open(target: Team | 'new') {
    setStatus(null);
    setEditing(null);
    setEditing(target);
  }

  function askDelete(team: Team) {
    setStatus(null);
    setConfirming({
      message: at().teams.confirmDelete(team.name),
      confirmLabel: at().delete,
      onConfirm: async () => {
        try {
          await deleteTeam(admin.token, team.id);
          const current = editing();
          if (current && current !== 'new' && current.id === team.id) setEditing(null);
          setStatus({ message: at().teams.deleted(team.name), error: false });
        } catch (err) {
          setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
        }
        void refetch();
      },
    });
  }

  return (
    <section class="admin-screen" aria-labelledby="teams-title">
      <div class="admin-head">
        <h3 id="teams-title">{at().teams.title}</h3>
        <button type="button" class="admin-primary" onClick={() => open('new')}>
          {at().teams.new}
        </button>
      </div>
      <StatusLine message={status()?.message ?? null} error={status()?.error} />
      <Show when={editing()} keyed>
        {(target) => (
          <TeamForm
            team={target === 'new' ? null : target}
            people={people.latest ?? []}
            onCancel={() => setEditing(null)}
            onSaved={(message) => {
              setEditing(null);
              setStatus({ message, error: false });
              void refetch();
            }}
          />
        )}
      </Show>
      <Loaded resource={teams} retry={refetch}>
        {(data) => (
          <Show when={data().teams.length > 0} fallback={<p>{at().teams.empty}</p>}>
            <table class="admin-table" aria-labelledby="teams-title">
              <thead>
                <tr>
                  <th scope="col">{at().teams.name}</th>
                  <th scope="col">{at().teams.members}</th>
                  <th scope="col">{at().createdAt}</th>
                  <th scope="col">{at().actions}</th>
                </tr>
              </thead>
              <tbody>
                <For each={data().teams}>
                  {(team) => (
                    <tr>
                      <th scope="row">{team.name}</th>
                      <td>{names(team.memberIds)}</td>
                      <td>
                        <time datetime={team.createdAt}>
                          {formatDate(team.createdAt, admin.tenant().timezone)}
                        </time>
                      </td>
                      <td class="admin-row-actions">
                        <button
                          type="button"
                          aria-label={`${at().edit} ${team.name}`}
                          onClick={() => open(team)}
                        >
                          {at().edit}
                        </button>
                        <button
                          type="button"
                          class="admin-danger"
                          aria-label={`${at().delete} ${team.name}`}
                          onClick={() => askDelete(team)}
                        >
                          {at().delete}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Loaded>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </section>
  );
}
