// Above the conversation list while an outage is active: "Queda ativa: Centro — 12 conversas · previsão 18:00"
// per outage, with a toggle that narrows the list to the conversations it caused (their summaries carry its
// outageId). The count is live from the inbox's summaries, so it grows as the bot answers affected customers.
import { For, Show } from 'solid-js';
import type { InboxSummary } from '../../../../workers/contract';
import type { OutageView } from '../../../../workers/contract/outages';
import { formatWhen } from '../../i18n';
import type { OutageState } from './outage-state';
import { ow } from './outage-words';
import './outage-banner.css';

/** The places first, else the title (an area of contracts only has no place name). */
function placeOf(o: OutageView): string {
  const places = [...o.area.neighbourhoods, ...o.area.cities, ...o.area.pops];
  return places.length ? places.slice(0, 3).join(', ') + (places.length > 3 ? '…' : '') : o.title;
}

export function OutageBanner(props: { state: OutageState; summaries: readonly InboxSummary[] }) {
  const count = (id: string) => props.summaries.reduce((n, s) => n + (s.outageId === id ? 1 : 0), 0);
  return (
    <Show when={props.state.active().length > 0}>
      <section class="outage-banners" aria-label={ow().region}>
        <For each={props.state.active()}>
          {(o) => {
            const on = () => props.state.selected() === o.id;
            return (
              <div class={`outage-banner outage-${o.kind}`}>
                <p>
                  <strong>{ow().banner(o.kind, placeOf(o))}</strong>
                  <span>
                    {' — '}
                    {ow().conversations(count(o.id))}
                    <Show when={o.expectedEndAt}>{(end) => ` · ${ow().until(formatWhen(end()))}`}</Show>
                  </span>
                </p>
                <button
                  type="button"
                  aria-pressed={on()}
                  aria-label={on() ? ow().showAll : ow().filterOf(o.title)}
                  onClick={() => props.state.select(on() ? null : o.id)}
                >
                  {on() ? ow().showAll : ow().show}
                </button>
              </div>
            );
          }}
        </For>
      </section>
    </Show>
  );
}

/** The row's mark for a conversation an outage caused. */
export function OutageTag(props: { outage: OutageView | undefined }) {
  return (
    <span class="outage-tag" title={props.outage ? ow().tagOf(props.outage.title) : undefined}>
      {ow().tag}
    </span>
  );
}
