// One team's routing on the Distribuição screen: the mode as a clear choice (Manual = automatic assignment
// off; Rodízio / Equilibrado = on), the team's default capacity, the two "back to the queue" limits (blank:
// never) and its hours. Checked with the contract's own rules before sending; a refusal is shown inline.
import { createSignal, createUniqueId, For } from 'solid-js';
import {
  type BusinessHours,
  Capacity,
  type RoutingConfig,
  RoutingMode,
  TeamRouting,
} from '../../../../workers/contract';
import { ApiError } from '../../api';
import { AdminForm } from '../AdminForm';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { checkHours, createHoursDraft, serverHoursErrors } from '../business-hours/hours-draft';
import { TextField } from '../fields';
import { Invalid } from '../form-errors';
import { createSave } from '../form-save';
import { checkNumber, numberText } from './number-field';
import { updateTeamRouting } from './routing-api';
import { rt } from './routing-i18n';
import { TeamHours } from './TeamHours';

type Team = RoutingConfig['teams'][number];

export function TeamRoutingForm(props: {
  team: Team;
  tenantDefault: number;
  onSaved: (message: string) => void;
}) {
  const admin = useAdmin();
  const id = createUniqueId();
  const [mode, setMode] = createSignal<RoutingMode>(props.team.mode);
  const [capacity, setCapacity] = createSignal(numberText(props.team.defaultCapacity));
  const [offline, setOffline] = createSignal(numberText(props.team.requeueOfflineSeconds));
  const [unanswered, setUnanswered] = createSignal(numberText(props.team.requeueUnansweredMinutes));
  const [ownHours, setOwnHours] = createSignal(props.team.businessHours !== null);
  const hours = createHoursDraft(props.team.businessHours);
  const [hourErrors, setHourErrors] = createSignal<Record<string, string>>({});

  const save = createSave({
    focusOnOpen: false,
    onSaved: props.onSaved,
    run: async () => {
      const fields: Record<string, string> = {};
      setHourErrors({});
      const number = (
        key: string,
        text: string,
        schema: typeof TeamRouting.shape.defaultCapacity,
        message: string,
      ) => {
        const r = checkNumber(text, schema, message);
        if (!r.ok) fields[key] = r.message;
        return r.ok ? r.value : null;
      };
      const body = {
        mode: mode(),
        defaultCapacity: number('defaultCapacity', capacity(), Capacity.nullable(), rt().errors.capacity),
        requeueOfflineSeconds: number(
          'requeueOfflineSeconds',
          offline(),
          TeamRouting.shape.requeueOfflineSeconds,
          rt().errors.seconds,
        ),
        requeueUnansweredMinutes: number(
          'requeueUnansweredMinutes',
          unanswered(),
          TeamRouting.shape.requeueUnansweredMinutes,
          rt().errors.minutes,
        ),
        businessHours: null as BusinessHours | null,
      };
      if (ownHours()) {
        const checked = checkHours(hours[0]);
        if (checked.ok) body.businessHours = checked.hours;
        else {
          setHourErrors(checked.errors);
          fields.businessHours = rt().errors.hours;
        }
      }
      if (Object.keys(fields).length > 0) throw new Invalid({ fields, form: at().form.invalid });
      try {
        await updateTeamRouting(admin.token, props.team.id, body);
      } catch (err) {
        // The server's refusal of an interval or a holiday lands on that row of the editor.
        const rows = err instanceof ApiError ? serverHoursErrors(err.details, 'businessHours.') : {};
        if (Object.keys(rows).length === 0) throw err;
        setHourErrors(rows);
        throw new Invalid({ fields: { businessHours: rt().errors.hours }, form: at().form.invalid });
      }
      return rt().saved(props.team.name);
    },
  });
  const err = (field: string) => save.errors().fields[field];

  return (
    <AdminForm save={save} labelledBy={`${id}-title`} title={props.team.name}>
      <fieldset class="admin-field admin-checks routing-modes">
        <legend>
          {rt().mode}:{' '}
          <span class={mode() === 'manual' ? 'routing-off' : 'routing-on'}>
            {mode() === 'manual' ? rt().off : rt().on}
          </span>
        </legend>
        <For each={RoutingMode.options}>
          {(m) => (
            <label class="routing-mode">
              <input
                type="radio"
                name={`${id}-mode`}
                value={m}
                checked={mode() === m}
                aria-describedby={`${id}-${m}-hint`}
                onChange={() => setMode(m)}
              />
              <span>
                <strong>{rt().modes[m]}</strong>
                <span id={`${id}-${m}-hint`} class="admin-hint">
                  {rt().modeHints[m]}
                </span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <div class="routing-numbers">
        <TextField
          label={rt().defaultCapacity}
          name="defaultCapacity"
          value={capacity()}
          onInput={setCapacity}
          hint={rt().defaultCapacityHint(props.tenantDefault)}
          error={err('defaultCapacity')}
        />
        <TextField
          label={rt().requeueOffline}
          name="requeueOfflineSeconds"
          value={offline()}
          onInput={setOffline}
          hint={rt().requeueOfflineHint}
          error={err('requeueOfflineSeconds')}
        />
        <TextField
          label={rt().requeueUnanswered}
          name="requeueUnansweredMinutes"
          value={unanswered()}
          onInput={setUnanswered}
          hint={rt().requeueUnansweredHint}
          error={err('requeueUnansweredMinutes')}
        />
      </div>
      <TeamHours name={id} own={ownHours()} onOwn={setOwnHours} hours={hours} errors={hourErrors()} />
    </AdminForm>
  );
}
