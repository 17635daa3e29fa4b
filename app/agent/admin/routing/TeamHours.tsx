// A team's opening hours on the routing screen: the tenant's (null) or its own. The hours editor itself is the
// business-hours screen's (admin/business-hours/); until it is plugged in here (`editor` below is the hook),
// a team's own hours are summarised and can be given up for the tenant's, and own hours are set there.
import { type JSX, Show } from 'solid-js';
import { type BusinessHours, WEEKDAYS } from '../../../../workers/contract';
import { rt } from './routing-i18n';

/** Where the business-hours editor plugs in: given the hours being edited and a setter, renders the editor. */
export type HoursEditor = (props: {
  value: BusinessHours;
  onChange: (hours: BusinessHours) => void;
  error?: string | undefined;
}) => JSX.Element;

export function TeamHours(props: {
  name: string;
  value: BusinessHours | null;
  onChange: (hours: BusinessHours | null) => void;
  /** The business-hours editor, once there is one; without it own hours can only be summarised or dropped. */
  editor?: HoursEditor;
  /** The hours the team had when the screen loaded (choosing "own" again restores them). */
  stored: BusinessHours | null;
  error?: string | undefined;
}) {
  const own = () => props.value !== null;
  const days = (h: BusinessHours) => WEEKDAYS.filter((d) => h.week[d].length > 0).length;
  const canOwn = () => props.stored !== null || props.editor !== undefined;
  return (
    <fieldset class="admin-field admin-checks routing-hours">
      <legend>{rt().hours}</legend>
      <label>
        <input
          type="radio"
          name={`${props.name}-hours`}
          checked={!own()}
          onChange={() => props.onChange(null)}
        />
        {rt().hoursTenant}
      </label>
      <label>
        <input
          type="radio"
          name={`${props.name}-hours`}
          checked={own()}
          disabled={!canOwn()}
          onChange={() => props.onChange(props.stored ?? emptyHours())}
        />
        {rt().hoursOwn}
      </label>
      <Show
        when={props.value}
        fallback={<Show when={!canOwn()}>{<p class="admin-hint">{rt().hoursPending}</p>}</Show>}
      >
        {(hours) => (
          <Show
            when={props.editor}
            fallback={
              <p class="admin-hint">{rt().hoursOwnSummary(days(hours()), hours().holidays.length)}</p>
            }
          >
            {(Editor) => Editor()({ value: hours(), onChange: props.onChange, error: props.error })}
          </Show>
        )}
      </Show>
      <Show when={props.error && !props.editor}>
        <p class="admin-field-error">{props.error}</p>
      </Show>
    </fieldset>
  );
}

function emptyHours(): BusinessHours {
  return {
    timezone: null,
    week: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
    holidays: [],
  };
}
