// The report's period and filters: preset buttons (hoje, 7 dias, 30 dias, este mês, mês passado,
// personalizado), a custom from/to checked before anything is sent (reversed or over 366 days: the error
// beside the fields, nothing requested), and filters by agent, team, channel and tag.
import { createResource, createSignal, For, Show } from 'solid-js';
import type { ReportQuery } from '../../../../workers/contract/reports';
import { useApp } from '../../context';
import { listChannels } from '../admin-api';
import { useAdmin } from '../admin-context';
import {
  type DayRange,
  presetRange,
  RANGE_PRESETS,
  type RangePreset,
  rangeProblem,
  todayIn,
} from './report-range';
import { rt } from './reports-i18n';

export type ReportFilters = Omit<ReportQuery, 'from' | 'to'>;

export function ReportControls(props: {
  range: DayRange;
  onRange: (range: DayRange) => void;
  filters: ReportFilters;
  onFilters: (filters: ReportFilters) => void;
  /** The screen's first numbers have arrived (or failed): the channel filter's options are asked only then. */
  settled: boolean;
}) {
  const admin = useAdmin();
  const app = useApp();
  const [preset, setPreset] = createSignal<RangePreset>('last7');
  const [from, setFrom] = createSignal(props.range.from);
  const [to, setTo] = createSignal(props.range.to);
  const [problem, setProblem] = createSignal<ReturnType<typeof rangeProblem>>(null);
  // After the first numbers: on a cold load this request competed with the screen's own data and chunks.
  const [channels] = createResource(
    () => props.settled || undefined,
    () => listChannels(admin.token).then((r) => r.channels),
  );

  function choose(p: RangePreset) {
    setPreset(p);
    setProblem(null);
    if (p === 'custom') return;
    const range = presetRange(p, todayIn(admin.tenant().timezone, Date.now()));
    setFrom(range.from);
    setTo(range.to);
    props.onRange(range);
  }

  function applyCustom(e: Event) {
    e.preventDefault();
    const range = { from: from(), to: to() };
    const p = rangeProblem(range);
    setProblem(p);
    if (!p) props.onRange(range);
  }

  const set = (patch: Partial<ReportFilters>) => {
    const next: ReportFilters = { ...props.filters, ...patch };
    for (const k of Object.keys(next) as (keyof ReportFilters)[]) if (!next[k]) delete next[k];
    props.onFilters(next);
  };
  const anyFilter = () => Object.keys(props.filters).length > 0;

  return (
    <div class="rpt-controls">
      <fieldset class="rpt-presets">
        <legend>{rt().range}</legend>
        <For each={RANGE_PRESETS}>
          {(p) => (
            <button type="button" aria-pressed={preset() === p} onClick={() => choose(p)}>
              {rt().presets[p]}
            </button>
          )}
        </For>
      </fieldset>
      <Show when={preset() === 'custom'}>
        <form class="rpt-custom" aria-label={rt().presets.custom} onSubmit={applyCustom} noValidate>
          <label>
            {rt().from}
            <input
              type="date"
              value={from()}
              aria-invalid={problem() ? 'true' : undefined}
              aria-describedby={problem() ? 'rpt-range-problem' : undefined}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label>
            {rt().to}
            <input
              type="date"
              value={to()}
              aria-invalid={problem() ? 'true' : undefined}
              aria-describedby={problem() ? 'rpt-range-problem' : undefined}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </label>
          <button type="submit">{rt().apply}</button>
          <Show when={problem()}>
            {(p) => (
              <p id="rpt-range-problem" class="admin-error" role="alert">
                {rt().problems[p()]}
              </p>
            )}
          </Show>
        </form>
      </Show>
      <fieldset class="rpt-filters">
        <legend>{rt().filters}</legend>
        <label>
          {rt().agent}
          <select
            value={props.filters.agentId ?? ''}
            onChange={(e) => set({ agentId: e.currentTarget.value })}
          >
            <option value="">{rt().anyAgent}</option>
            <For each={app.directory.latest?.agents ?? []}>
              {(a) => <option value={a.id}>{a.name}</option>}
            </For>
          </select>
        </label>
        <label>
          {rt().team}
          <select value={props.filters.teamId ?? ''} onChange={(e) => set({ teamId: e.currentTarget.value })}>
            <option value="">{rt().anyTeam}</option>
            <For each={app.directory.latest?.teams ?? []}>
              {(t) => <option value={t.id}>{t.name}</option>}
            </For>
          </select>
        </label>
        <label>
          {rt().channel}
          <select
            value={props.filters.channelId ?? ''}
            onChange={(e) => set({ channelId: e.currentTarget.value })}
          >
            <option value="">{rt().anyChannel}</option>
            <For each={channels.latest ?? []}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <label>
          {rt().tag}
          <input
            type="text"
            maxLength={64}
            value={props.filters.tag ?? ''}
            placeholder={rt().anyTag}
            onChange={(e) => set({ tag: e.currentTarget.value.trim() })}
          />
        </label>
        <Show when={anyFilter()}>
          <button type="button" onClick={() => props.onFilters({})}>
            {rt().clearFilters}
          </button>
        </Show>
      </fieldset>
    </div>
  );
}
