// Creates or renames a team and picks its members.
import { createSignal } from 'solid-js';
import { CreateTeamRequest, type Team, UpdateTeamRequest } from '../../../workers/contract';
import { AdminForm } from './AdminForm';
import { createTeam, updateTeam } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { CheckboxGroup, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';

export function TeamForm(props: {
  team: Team | null;
  people: readonly { id: string; name: string }[];
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const editing = props.team;
  const [name, setName] = createSignal(editing?.name ?? '');
  const [memberIds, setMemberIds] = createSignal<string[]>(editing?.memberIds ?? []);

  const save = createSave({
    onSaved: (message) => props.onSaved(message),
    conflict: () => ({ field: 'name', message: at().teams.nameTaken }),
    run: async () => {
      if (editing) {
        const body = valid(UpdateTeamRequest, { name: name(), memberIds: memberIds() });
        await updateTeam(admin.token, editing.id, body);
        return at().teams.updated(body.name ?? editing.name);
      }
      const body = valid(CreateTeamRequest, { name: name(), memberIds: memberIds() });
      await createTeam(admin.token, body);
      return at().teams.created(body.name);
    },
  });

  return (
    <AdminForm
      save={save}
      labelledBy="team-form-title"
      title={editing ? at().teams.editing(editing.name) : at().teams.new}
      onCancel={() => props.onCancel()}
    >
      <TextField
        label={at().teams.name}
        name="name"
        value={name()}
        onInput={setName}
        error={save.errors().fields.name}
      />
      <CheckboxGroup
        label={at().teams.members}
        name="memberIds"
        selected={memberIds()}
        options={props.people.map((p) => ({ value: p.id, label: p.name }))}
        onChange={setMemberIds}
        empty={at().teams.noPeople}
        error={save.errors().fields.memberIds}
      />
    </AdminForm>
  );
}
