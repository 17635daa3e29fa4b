// The "SLA em risco" quick filter above the list: narrows the current view to conversations at risk or
// breached (the contract's rule, at the shared clock's now), with their count; shown while the view has
// conversations under an SLA, or while it is on.
import { createSignal, Show } from 'solid-js';
import type { InboxSummary } from '../../../workers/contract';
import { useClock } from './clock';
import { needsAttention } from './sla-badge';
import { sw } from './sla-words';

export interface SlaFilterState {
  on: () => boolean;
  toggle: () => void;
  /** The list as the filter leaves it (the same array when off). */
  apply: (list: InboxSummary[]) => InboxSummary[];
  count: (list: readonly InboxSummary[]) => number;
}

/** Call inside a component: the filter reads the shared ticking clock. */
export function createSlaFilter(): SlaFilterState {
  const [on, setOn] = createSignal(false);
  const now = useClock();
  return {
    on,
    toggle: () => setOn((v) => !v),
    apply: (list) => (on() ? list.filter((s) => needsAttention(s, now())) : list),
    count: (list) => list.reduce((n, s) => n + (needsAttention(s, now()) ? 1 : 0), 0),
  };
}

export function SlaFilter(props: { filter: SlaFilterState; list: readonly InboxSummary[] }) {
  const count = () => props.filter.count(props.list);
  const shown = () => props.filter.on() || props.list.some((s) => s.sla);
  return (
    <Show when={shown()}>
      <div class="sla-filter">
        <button type="button" aria-pressed={props.filter.on()} onClick={() => props.filter.toggle()}>
          {sw().filter}
          <span class="count" aria-hidden="true">
            {count()}
          </span>
          <span class="visually-hidden">{sw().filterCount(count())}</span>
        </button>
      </div>
    </Show>
  );
}
