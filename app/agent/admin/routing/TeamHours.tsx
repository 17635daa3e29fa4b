// A team's opening hours on the routing screen: the tenant's (nothing of its own) or its own, edited with the
// shared business-hours editor (admin/business-hours/, the same the tenant's hours screen uses). Choosing
// "own" starts from what the team had, else the editor's suggestion (Mon–Fri 08:00–18:00).
import { Show } from 'solid-js';
import { useAdmin } from '../admin-context';
import { BusinessHoursEditor } from '../business-hours/BusinessHoursEditor';
import type { HoursStore } from '../business-hours/hours-draft';
import { st } from '../service/service-i18n';
import { rt } from './routing-i18n';

export function TeamHours(props: {
  name: string;
  own: boolean;
  onOwn: (own: boolean) => void;
  hours: HoursStore;
  /** Errors by row (`week.mon.1`, `holidays.0`, `timezone`), from checkHours or the server's envelope. */
  errors: Record<string, string>;
}) {
  const admin = useAdmin();
  const zone = () => props.hours[0].timezone ?? st().hours.tenantZone(admin.tenant().timezone);
  return (
    <>
      <fieldset class="routing-hours">
        <legend>{rt().hours}</legend>
        <label>
          <input
            type="radio"
            name={`${props.name}-hours`}
            checked={!props.own}
            onChange={() => props.onOwn(false)}
          />
          {rt().hoursTenant}
        </label>
        <label>
          <input
            type="radio"
            name={`${props.name}-hours`}
            checked={props.own}
            onChange={() => props.onOwn(true)}
          />
          {rt().hoursOwn}
        </label>
      </fieldset>
      <Show when={props.own}>
        <BusinessHoursEditor hours={props.hours} errors={props.errors} timezone={zone()} />
      </Show>
    </>
  );
}
