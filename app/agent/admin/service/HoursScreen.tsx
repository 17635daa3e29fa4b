// "Horário de atendimento" (admins): the tenant's opening hours — several intervals a day, holidays, read in
// the tenant's time zone — or "open 24 hours" (no hours: null). Checked with the contract's rules before
// sending, each mistake shown on its row; the server's refusal lands on the same rows.
import { createResource, createSignal, Show } from 'solid-js';
import type { ServiceSettingsResponse } from '../../../../workers/contract';
import { ApiError } from '../../api';
import { AdminForm } from '../AdminForm';
import { useAdmin } from '../admin-context';
import { BusinessHoursEditor } from '../business-hours/BusinessHoursEditor';
import { checkHours, createHoursDraft, serverHoursErrors } from '../business-hours/hours-draft';
import { CheckboxField, StatusLine } from '../fields';
import { Invalid } from '../form-errors';
import { createSave } from '../form-save';
import { Loaded } from '../Loaded';
import { getService, saveService } from './service-api';
import { st } from './service-i18n';
import './service.css';

export function HoursScreen() {
  const admin = useAdmin();
  const [service, { refetch, mutate }] = createResource(() => admin.token, getService);
  const [status, setStatus] = createSignal<string | null>(null);
  return (
    <section class="admin-screen svc-screen" aria-labelledby="hours-title">
      <div class="admin-head">
        <h3 id="hours-title">{st().hours.title}</h3>
      </div>
      <p class="admin-hint">{st().hours.intro}</p>
      <StatusLine message={status()} />
      <Loaded resource={service} retry={refetch}>
        {(data) => <HoursForm stored={data()} onStatus={setStatus} onStored={mutate} />}
      </Loaded>
    </section>
  );
}

function HoursForm(props: {
  stored: ServiceSettingsResponse;
  onStatus: (message: string | null) => void;
  onStored: (s: ServiceSettingsResponse) => void;
}) {
  const admin = useAdmin();
  const [alwaysOpen, setAlwaysOpen] = createSignal(props.stored.businessHours === null);
  const hours = createHoursDraft(props.stored.businessHours);
  const [rowErrors, setRowErrors] = createSignal<Record<string, string>>({});
  const zone = () => hours[0].timezone ?? st().hours.tenantZone(admin.tenant().timezone);

  const save = createSave({
    focusOnOpen: false,
    onSaved: (message) => props.onStatus(message),
    run: async () => {
      props.onStatus(null);
      setRowErrors({});
      let businessHours = null;
      if (!alwaysOpen()) {
        const checked = checkHours(hours[0]);
        if (!checked.ok) {
          setRowErrors(checked.errors);
          throw new Invalid({ fields: {}, form: st().hours.invalid });
        }
        businessHours = checked.hours;
      }
      try {
        props.onStored(await saveService(admin.token, { businessHours }));
      } catch (err) {
        const rows = err instanceof ApiError ? serverHoursErrors(err.details, 'businessHours.') : {};
        if (Object.keys(rows).length === 0) throw err;
        setRowErrors(rows);
        throw new Invalid({ fields: {}, form: st().hours.invalid });
      }
      return st().hours.saved;
    },
  });

  return (
    <AdminForm save={save} labelledBy="hours-title">
      <CheckboxField
        label={st().hours.alwaysOpen}
        name="alwaysOpen"
        checked={alwaysOpen()}
        onChange={setAlwaysOpen}
        hint={st().hours.alwaysOpenHint}
      />
      <Show when={!alwaysOpen()}>
        <BusinessHoursEditor hours={hours} errors={rowErrors()} timezone={zone()} />
      </Show>
    </AdminForm>
  );
}
