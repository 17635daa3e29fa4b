// Users and roles (admins only): everyone in the tenant with their role and teams, a form to add someone and
// the same form to change a role, teams or password.
import { createResource, createSignal, For, Show } from 'solid-js';
import type { AdminUser, Team } from '../../../workers/contract';
import { listTeams, listUsers } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { StatusLine } from './fields';
import { Loaded } from './Loaded';
import { UserForm } from './UserForm';

export function UsersScreen() {
  const admin = useAdmin();
  const [users, { refetch }] = createResource(() => admin.token, listUsers);
  const [teams] = createResource(() => admin.token, listTeams);
  const [editing, setEditing] = createSignal<AdminUser | 'new' | null>(null);
  const [done, setDone] = createSignal<string | null>(null);

  const teamList = (): Team[] => teams.latest?.teams ?? [];
  const teamNames = (ids: readonly string[]) =>
    teamList()
      .filter((t) => ids.includes(t.id))
      .map((t) => t.name)
      .join(', ') || at().none;

  function open(target: AdminUser | 'new') {
    setDone(null);
    setEditing(null);
    setEditing(target);
  }

  return (
    <section class="admin-screen" aria-labelledby="users-title">
      <div class="admin-head">
        <h3 id="users-title">{at().users.title}</h3>
        <button type="button" class="admin-primary" onClick={() => open('new')}>
          {at().users.new}
        </button>
      </div>
      <StatusLine message={done()} />
      <Show when={editing()} keyed>
        {(target) => (
          <UserForm
            user={target === 'new' ? null : target}
            teams={teamList()}
            onCancel={() => setEditing(null)}
            onSaved={(message) => {
              setEditing(null);
              setDone(message);
              void refetch();
            }}
          />
        )}
      </Show>
      <Loaded resource={users} retry={refetch}>
        {(data) => (
          <Show when={data().users.length > 0} fallback={<p>{at().users.empty}</p>}>
            <table class="admin-table" aria-labelledby="users-title">
              <thead>
                <tr>
                  <th scope="col">{at().users.name}</th>
                  <th scope="col">{at().users.email}</th>
                  <th scope="col">{at().users.role}</th>
                  <th scope="col">{at().users.teams}</th>
                  <th scope="col">{at().createdAt}</th>
                  <th scope="col">{at().actions}</th>
                </tr>
              </thead>
              <tbody>
                <For each={data().users}>
                  {(u) => (
                    <tr>
                      <th scope="row">{u.name}</th>
                      <td>{u.email}</td>
                      <td>{at().roles[u.role]}</td>
                      <td>{teamNames(u.teamIds)}</td>
                      <td>
                        <time datetime={u.createdAt}>{formatDate(u.createdAt, admin.tenant().timezone)}</time>
                      </td>
                      <td>
                        <button type="button" aria-label={`${at().edit} ${u.name}`} onClick={() => open(u)}>
                          {at().edit}
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
    </section>
  );
}
