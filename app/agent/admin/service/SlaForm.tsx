// Creates or replaces an SLA policy: name, priority (any or one of the five named levels), team and channel
// (any or one of the tenant's), and the three targets, each in minutes or hours (empty: not measured; at
// least one). Checked with the contract's SlaPolicyInput before sending; the server's refusal (a team
// deleted meanwhile: 404 on teamId) lands on the same field.
import { createSignal } from 'solid-js';
import { type SlaPolicy, SlaPolicyInput } from '../../../../workers/contract';
import { PRIORITIES, priorityName } from '../../priority/priority';
import { AdminForm } from '../AdminForm';
import { useAdmin } from '../admin-context';
import { SelectField, TextField } from '../fields';
import { Invalid } from '../form-errors';
import { createSave } from '../form-save';
import { type Duration, DurationField, durationOf, minutesOf } from './duration';
import { checkedWith, sentWith } from './path-errors';
import { createSlaPolicy, updateSlaPolicy } from './service-api';
import { st } from './service-i18n';

export interface SlaOptions {
  teams: { id: string; name: string }[];
  channels: { id: string; name: string }[];
}

const ANY = '';
const TARGETS = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;

export function SlaForm(props: {
  policy: SlaPolicy | null;
  options: SlaOptions;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const p = props.policy;
  const [name, setName] = createSignal(p?.name ?? '');
  const [priority, setPriority] = createSignal(p?.priority === null || p === null ? ANY : String(p.priority));
  const [team, setTeam] = createSignal(p?.teamId ?? ANY);
  const [channel, setChannel] = createSignal(p?.channelId ?? ANY);
  const [first, setFirst] = createSignal(durationOf(p ? p.firstResponseMinutes : 15));
  const [next, setNext] = createSignal(durationOf(p ? p.nextResponseMinutes : null));
  const [resolution, setResolution] = createSignal(durationOf(p ? p.resolutionMinutes : null));

  const words = (path: string) => {
    const w = st().sla.fieldErrors;
    if ((TARGETS as readonly string[]).includes(path)) return w.target;
    return path === '' ? w.noTarget : w[path];
  };
  const save = createSave({
    onSaved: (message) => props.onSaved(message),
    run: async () => {
      const targets = {
        first: minutesOf(first()),
        next: minutesOf(next()),
        resolution: minutesOf(resolution()),
      };
      if (targets.first === null && targets.next === null && targets.resolution === null)
        throw new Invalid({
          fields: { firstResponseMinutes: st().sla.fieldErrors.noTarget ?? st().invalid },
          form: st().invalid,
        });
      const value = checkedWith(
        SlaPolicyInput,
        {
          name: name(),
          priority: priority() === ANY ? null : Number(priority()),
          teamId: team() === ANY ? null : team(),
          channelId: channel() === ANY ? null : channel(),
          firstResponseMinutes: targets.first,
          nextResponseMinutes: targets.next,
          resolutionMinutes: targets.resolution,
        },
        words,
        st().invalid,
      );
      if (p) {
        await sentWith(updateSlaPolicy(admin.token, p.id, value), words, st().invalid);
        return st().sla.updated(value.name);
      }
      await sentWith(createSlaPolicy(admin.token, value), words, st().invalid);
      return st().sla.created(value.name);
    },
  });
  const error = (path: string) => save.errors().fields[path];
  const targetField = (
    label: string,
    field: (typeof TARGETS)[number],
    value: () => Duration,
    set: (d: Duration) => void,
  ) => <DurationField label={label} name={field} value={value()} onChange={set} error={error(field)} />;

  return (
    <AdminForm
      save={save}
      labelledBy="sla-form-title"
      title={p ? st().sla.editing(p.name) : st().sla.new}
      onCancel={() => props.onCancel()}
    >
      <TextField label={st().sla.name} name="name" value={name()} onInput={setName} error={error('name')} />
      <SelectField
        label={st().sla.priority}
        name="priority"
        value={priority()}
        options={[
          { value: ANY, label: st().sla.anyPriority },
          ...PRIORITIES.map((level) => ({ value: String(level), label: priorityName(level) })),
        ]}
        onChange={setPriority}
        error={error('priority')}
      />
      <SelectField
        label={st().sla.team}
        name="teamId"
        value={team()}
        options={[
          { value: ANY, label: st().sla.anyTeam },
          ...props.options.teams.map((t) => ({ value: t.id, label: t.name })),
        ]}
        onChange={setTeam}
        error={error('teamId')}
      />
      <SelectField
        label={st().sla.channel}
        name="channelId"
        value={channel()}
        options={[
          { value: ANY, label: st().sla.anyChannel },
          ...props.options.channels.map((c) => ({ value: c.id, label: c.name })),
        ]}
        onChange={setChannel}
        error={error('channelId')}
      />
      <fieldset class="svc-group">
        <legend>{st().sla.targets}</legend>
        <p class="admin-hint">{st().sla.targetsHint}</p>
        {targetField(st().sla.firstResponse, 'firstResponseMinutes', first, setFirst)}
        {targetField(st().sla.nextResponse, 'nextResponseMinutes', next, setNext)}
        {targetField(st().sla.resolution, 'resolutionMinutes', resolution, setResolution)}
      </fieldset>
    </AdminForm>
  );
}
