// Invites someone by e-mail (name, e-mail, role, teams): they get a link to set their password. Only owners
// may offer the owner role. Says so when the e-mail could not be sent (the invitation exists; resend later).
import { createSignal } from 'solid-js';
import { InviteRequest, type Role, type Team } from '../../../workers/contract';
import { AdminForm } from './AdminForm';
import { inviteUser } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { CheckboxGroup, SelectField, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';

export function InviteForm(props: {
  teams: readonly Team[];
  onSaved: (message: string, failed: boolean) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const roles = (): Role[] =>
    admin.role === 'owner' ? ['agent', 'supervisor', 'admin', 'owner'] : ['agent', 'supervisor', 'admin'];
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<Role>('agent');
  const [teamIds, setTeamIds] = createSignal<string[]>([]);
  let mailFailed = false;

  const save = createSave({
    onSaved: (message) => props.onSaved(message, mailFailed),
    conflict: () => ({ field: 'email', message: at().invitations.emailTaken }),
    run: async () => {
      const body = valid(InviteRequest, {
        name: name(),
        email: email().trim(),
        role: role(),
        teamIds: teamIds(),
      });
      const invitation = await inviteUser(admin.token, body);
      mailFailed = invitation.mail === 'failed';
      return mailFailed
        ? at().invitations.notSent(invitation.email)
        : at().invitations.invited(invitation.email);
    },
  });
  const err = () => save.errors().fields;

  return (
    <AdminForm
      save={save}
      labelledBy="invite-form-title"
      title={at().invitations.inviting}
      onCancel={() => props.onCancel()}
    >
      <TextField label={at().users.name} name="name" value={name()} onInput={setName} error={err().name} />
      <TextField
        label={at().users.email}
        name="email"
        type="email"
        value={email()}
        onInput={setEmail}
        error={err().email}
      />
      <SelectField
        label={at().users.role}
        name="role"
        value={role()}
        options={roles().map((r) => ({ value: r, label: at().roles[r] }))}
        onChange={setRole}
        error={err().role}
      />
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
