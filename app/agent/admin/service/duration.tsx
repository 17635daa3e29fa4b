// A time kept in minutes, typed as an amount in minutes or hours (an SLA target, the auto-close wait), and a
// field for it: the amount and its unit, one label for both. Empty is "not set" (null); anything that is not
// a number stays NaN, so the contract's check refuses it instead of it becoming zero.
import { createUniqueId, For } from 'solid-js';
import { describedBy, Notes } from '../fields';
import { st } from './service-i18n';

export type Unit = 'minutes' | 'hours';

export interface Duration {
  amount: string;
  unit: Unit;
}

/** Whole hours are shown in hours, anything else in minutes. */
export function durationOf(minutes: number | null): Duration {
  if (minutes === null) return { amount: '', unit: 'minutes' };
  return minutes % 60 === 0
    ? { amount: String(minutes / 60), unit: 'hours' }
    : { amount: String(minutes), unit: 'minutes' };
}

/** The duration in minutes: null when empty, NaN when not a number. */
export function minutesOf(d: Duration): number | null {
  const text = d.amount.trim().replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? Math.round(n * (d.unit === 'hours' ? 60 : 1) * 1000) / 1000 : Number.NaN;
}

export function DurationField(props: {
  label: string;
  name: string;
  value: Duration;
  onChange: (d: Duration) => void;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  const id = createUniqueId();
  return (
    <div class="admin-field">
      <label for={id}>{props.label}</label>
      <div class="svc-duration">
        <input
          id={id}
          name={props.name}
          inputmode="numeric"
          autocomplete="off"
          value={props.value.amount}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy(id, props)}
          onInput={(e) => props.onChange({ ...props.value, amount: e.currentTarget.value })}
        />
        <select
          name={`${props.name}Unit`}
          aria-label={st().sla.unit(props.label)}
          onChange={(e) => props.onChange({ ...props.value, unit: e.currentTarget.value as Unit })}
        >
          <For each={['minutes', 'hours'] as const}>
            {(u) => (
              <option value={u} selected={props.value.unit === u}>
                {u === 'minutes' ? st().minutes : st().hoursUnit}
              </option>
            )}
          </For>
        </select>
      </div>
      <Notes id={id} hint={props.hint} error={props.error} />
    </div>
  );
}
