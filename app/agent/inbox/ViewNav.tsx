// The inbox views with their live counts; the current one is marked for assistive technology too.
import { For } from 'solid-js';
import { type InboxView, VIEWS } from '../../lib/inbox-views';
import { t } from '../i18n';

export function ViewNav(props: {
  view: InboxView;
  counts: Record<InboxView, number>;
  onChange: (view: InboxView) => void;
}) {
  return (
    <ul class="view-nav">
      <For each={VIEWS}>
        {(v) => (
          <li>
            <button
              type="button"
              aria-current={props.view === v ? 'page' : undefined}
              onClick={() => props.onChange(v)}
            >
              <span>{t().views[v]}</span>
              <span class="count" aria-hidden="true">
                {props.counts[v]}
              </span>
              <span class="visually-hidden">{t().countOf(props.counts[v])}</span>
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
