// The opening-hours editor: per weekday any number of intervals (a lunch break is two) with add/remove and
// "copy to Monday–Friday", the holidays (date + name) and the time zone they are read in. It edits a draft
// store (hours-draft.ts) and shows, on each row, the error the contract's check (local or the server's) put
// there. Shared: the tenant's hours screen and each team's hours on the routing screen use it.
import { createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import { Notes } from '../fields';
import { type HoursStore, nextInterval, WEEK_ORDER, WORKDAYS } from './hours-draft';
import { ht } from './hours-i18n';
import './business-hours.css';

export function BusinessHoursEditor(props: {
  hours: HoursStore;
  /** Errors by row (`week.mon.1`, `holidays.0`, `timezone`), from checkHours or serverHoursErrors. */
  errors: Record<string, string>;
  /** The zone the hours are read in, as shown (the tenant's unless the hours name their own). */
  timezone: string;
}) {
  const [draft, setDraft] = props.hours;
  const id = createUniqueId();
  const [said, setSaid] = createSignal('');
  const fieldId = (...parts: (string | number)[]) => `${id}-${parts.join('-')}`;
  const focus = (elementId: string) => queueMicrotask(() => document.getElementById(elementId)?.focus());

  function addInterval(day: (typeof WEEK_ORDER)[number]) {
    const n = draft.week[day].length;
    setDraft('week', day, n, nextInterval(draft.week[day]));
    focus(fieldId(day, n, 'from'));
  }
  function removeInterval(day: (typeof WEEK_ORDER)[number], index: number) {
    setDraft('week', day, (list) => list.filter((_, i) => i !== index));
    focus(fieldId(day, 'add'));
  }
  function copyToWorkdays(day: (typeof WEEK_ORDER)[number]) {
    const intervals = draft.week[day].map((i) => ({ ...i }));
    for (const d of WORKDAYS)
      if (d !== day)
        setDraft(
          'week',
          d,
          intervals.map((i) => ({ ...i })),
        );
    setSaid(ht().copied(ht().days[day]));
  }
  function addHoliday() {
    const n = draft.holidays.length;
    setDraft('holidays', n, { date: '', name: '' });
    focus(fieldId('holiday', n, 'date'));
  }
  function removeHoliday(index: number) {
    setDraft('holidays', (list) => list.filter((_, i) => i !== index));
    focus(fieldId('holiday', 'add'));
  }

  return (
    <div class="bh-editor">
      <p class="admin-hint" id={fieldId('tz')}>
        {ht().timezone(props.timezone)}
      </p>
      <Show when={props.errors.timezone}>
        <p class="admin-field-error" role="alert">
          {props.errors.timezone}
        </p>
      </Show>
      <fieldset class="bh-week" aria-describedby={fieldId('hint')}>
        <legend>{ht().week}</legend>
        <p class="admin-hint" id={fieldId('hint')}>
          {ht().timeHint}
        </p>
        <For each={WEEK_ORDER}>
          {(day) => {
            const name = () => ht().days[day];
            return (
              <fieldset class="bh-day">
                <legend class="bh-day-name">{name()}</legend>
                <div class="bh-day-body">
                  <Show
                    when={draft.week[day].length > 0}
                    fallback={<span class="bh-closed">{ht().closed}</span>}
                  >
                    <ul class="bh-intervals">
                      <Index each={draft.week[day]}>
                        {(interval, i) => {
                          const error = () => props.errors[`week.${day}.${i}`];
                          const errorId = fieldId(day, i, 'error');
                          return (
                            <li>
                              <div class="bh-interval">
                                <label for={fieldId(day, i, 'from')}>{ht().from}</label>
                                <input
                                  id={fieldId(day, i, 'from')}
                                  class="bh-time"
                                  inputmode="numeric"
                                  maxlength={5}
                                  placeholder="08:00"
                                  autocomplete="off"
                                  aria-label={ht().fromOf(name(), i + 1)}
                                  aria-invalid={error() ? 'true' : undefined}
                                  aria-describedby={error() ? errorId : undefined}
                                  value={interval().from}
                                  onInput={(e) => setDraft('week', day, i, 'from', e.currentTarget.value)}
                                />
                                <label for={fieldId(day, i, 'to')}>{ht().to}</label>
                                <input
                                  id={fieldId(day, i, 'to')}
                                  class="bh-time"
                                  inputmode="numeric"
                                  maxlength={5}
                                  placeholder="18:00"
                                  autocomplete="off"
                                  aria-label={ht().toOf(name(), i + 1)}
                                  aria-invalid={error() ? 'true' : undefined}
                                  aria-describedby={error() ? errorId : undefined}
                                  value={interval().to}
                                  onInput={(e) => setDraft('week', day, i, 'to', e.currentTarget.value)}
                                />
                                <button
                                  type="button"
                                  class="admin-danger"
                                  aria-label={ht().removeInterval(name(), i + 1)}
                                  onClick={() => removeInterval(day, i)}
                                >
                                  {ht().remove}
                                </button>
                              </div>
                              <Notes id={fieldId(day, i)} error={error()} />
                            </li>
                          );
                        }}
                      </Index>
                    </ul>
                  </Show>
                  <div class="bh-day-actions">
                    <button
                      type="button"
                      id={fieldId(day, 'add')}
                      aria-label={ht().addIntervalTo(name())}
                      onClick={() => addInterval(day)}
                    >
                      {ht().addInterval}
                    </button>
                    <Show when={draft.week[day].length > 0}>
                      <button
                        type="button"
                        aria-label={ht().copyFrom(name())}
                        onClick={() => copyToWorkdays(day)}
                      >
                        {ht().copyToWeekdays}
                      </button>
                    </Show>
                  </div>
                </div>
              </fieldset>
            );
          }}
        </For>
        <p role="status" class="admin-status">
          {said()}
        </p>
      </fieldset>
      <fieldset class="bh-holidays" aria-describedby={fieldId('holidays-hint')}>
        <legend>{ht().holidays}</legend>
        <p class="admin-hint" id={fieldId('holidays-hint')}>
          {ht().holidaysHint}
        </p>
        <Show when={draft.holidays.length > 0} fallback={<p>{ht().noHolidays}</p>}>
          <ul class="bh-holiday-list">
            <Index each={draft.holidays}>
              {(holiday, i) => {
                const error = () => props.errors[`holidays.${i}`];
                const errorId = fieldId('holiday', i, 'error');
                return (
                  <li>
                    <div class="bh-holiday">
                      <input
                        id={fieldId('holiday', i, 'date')}
                        type="date"
                        aria-label={ht().holidayDate(i + 1)}
                        aria-invalid={error() ? 'true' : undefined}
                        aria-describedby={error() ? errorId : undefined}
                        value={holiday().date}
                        onInput={(e) => setDraft('holidays', i, 'date', e.currentTarget.value)}
                      />
                      <input
                        id={fieldId('holiday', i, 'name')}
                        class="bh-holiday-name"
                        maxlength={80}
                        autocomplete="off"
                        placeholder={ht().name}
                        aria-label={ht().holidayName(i + 1)}
                        aria-invalid={error() ? 'true' : undefined}
                        aria-describedby={error() ? errorId : undefined}
                        value={holiday().name}
                        onInput={(e) => setDraft('holidays', i, 'name', e.currentTarget.value)}
                      />
                      <button
                        type="button"
                        class="admin-danger"
                        aria-label={ht().removeHoliday(i + 1, holiday().name)}
                        onClick={() => removeHoliday(i)}
                      >
                        {ht().remove}
                      </button>
                    </div>
                    <Notes id={fieldId('holiday', i)} error={error()} />
                  </li>
                );
              }}
            </Index>
          </ul>
        </Show>
        <button type="button" id={fieldId('holiday', 'add')} onClick={addHoliday}>
          + {ht().addHoliday}
        </button>
      </fieldset>
    </div>
  );
}
