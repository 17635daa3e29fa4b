// Creates a user (name, email, password, role, teams) or edits one (name, role, teams, active or deactivated,
// optionally a new password). The contract's schemas check it first; the API's refusals (email taken, last
// admin or owner, deactivating oneself) show inline. The owner role is offered only to owners (owners.manage).
import { createSignal, Show } from 'solid-js';
import {
  type AdminUser,
  CreateUserRequest,
  type Role,
  type Team,
  UpdateUserRequest,
} from '../../../workers/contract';
import { roleCan } from '../../../workers/contract/permissions';
import { AdminForm } from './AdminForm';
import { createUser, updateUser } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { CheckboxGroup, SelectField, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';

const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin', 'owner'];

export function UserForm(props: {
  user: AdminUser | null;
  teams: readonly Team[];
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const editing = props.user;
  const [name, setName] = createSignal(editing?.name ?? '');
  const [email, setEmail] = createSignal(editing?.email ?? '');
  const [password, setPassword] = createSignal('');
  const [role, setRole] = createSignal<Role>(editing?.role ?? 'agent');
  const [teamIds, setTeamIds] = createSignal<string[]>(editing?.teamIds ?? []);
  const [status, setStatus] = createSignal<'active' | 'inactive'>(
    editing?.active === false ? 'inactive' : 'active',
  );

  const save = createSave({
    onSaved: (message) => props.onSaved(message),
    conflict: () =>
      editing
        ? status() === 'inactive' && editing.active
          ? { field: 'active', message: at().users.cannotDeactivate }
          : { field: 'role', message: editing.role === 'owner' ? at().users.lastOwner : at().users.lastAdmin }
        : { field: 'email', message: at().users.emailTaken },
    run: async () => {
      if (editing) {
        const body = valid(UpdateUserRequest, {
          name: name(),
          role: role(),
          teamIds: teamIds(),
          ...(password() ? { password: password() } : {}),
          ...((status() === 'active') !== editing.active ? { active: status() === 'active' } : {}),
        });
        await updateUser(admin.token, editing.id, body);
        return at().users.updated(body.name ?? editing.name);
      }
      const body = valid(CreateUserRequest, {
        name: name(),
        email: email().trim(),
        password: password(),
        role: role(),
        teamIds: teamIds(),
      });
      await createUser(admin.token, body);
      return at().users.created(body.name);
    },
  });
  const err = () => save.errors().fields;

  return (
    <AdminForm
      save={save}
      labelledBy="user-form-title"
      title={editing ? at().users.editing(editing.name) : at().users.new}
      onCancel={() => props.onCancel()}
    >
      <TextField label={at().users.name} name="name" value={name()} onInput={setName} error={err().name} />
      <Show when={!editing}>
        <TextField
          label={at().users.email}
          name="email"
          type="email"
          value={email()}
          onInput={setEmail}
          error={err().email}
        />
      </Show>
      <TextField
        label={editing ? at().users.newPassword : at().users.password}
        name="password"
        type="password"
        autocomplete="new-password"
        value={password()}
        onInput={setPassword}
        error={err().password}
      />
      <SelectField
        label={at().users.role}
        name="role"
        value={role()}
        options={ROLES.filter((r) => r !== 'owner' || roleCan(admin.role, 'owners.manage')).map((r) => ({
          value: r,
          label: at().roles[r],
        }))}
        onChange={setRole}
        error={err().role}
      />
      <Show when={editing}>
        <SelectField
          label={at().users.status}
          name="active"
          value={status()}
          hint={at().users.statusHint}
          options={[
            { value: 'active', label: at().users.active },
            { value: 'inactive', label: at().users.inactive },
          ]}
          onChange={setStatus}
          error={err().active}
        />
      </Show>
      <CheckboxGroup
        label={at().users.teams}
        name="teamIds"
        selected={teamIds()}
        options={props.teams.map((t) => ({ value: t.id, label: t.name }))}
        onChange={setTeamIds}
        empty={at().users.noTeams}
        error={err().teamIds}
      />
    </AdminForm>
  );
}
