// The SLA badge of a conversation (inbox row, conversation header): time left, "Em risco" in amber, "SLA
// estourado" in red, with the target and due time in the tooltip and the whole sentence for screen readers.
import './sla.css';
import { Show } from 'solid-js';
import type { SummarySla } from '../../../workers/contract';
import { slaBadgeView } from './sla-badge';
import { slaFormat } from './sla-words';

export function SlaBadge(props: { sla: SummarySla | null | undefined; now: number }) {
  const view = () => slaBadgeView(props.sla, props.now, slaFormat());
  return (
    <Show when={view()}>
      {(v) => (
        <span
          class={`sla-badge sla-${v().standing.replace('_', '-')}`}
          title={v().title}
          data-sla={v().standing}
        >
          <span aria-hidden="true">{v().text}</span>
          <span class="visually-hidden">{v().label}</span>
        </span>
      )}
    </Show>
  );
}
