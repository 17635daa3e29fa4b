// One channel's live health: sends and failures in the limiter's window, whether the token works, and the
// latest health alerts, with their times in the tenant's zone.
import { createResource, For, Show } from 'solid-js';
import type { ChannelView } from '../../../workers/contract';
import { locale } from '../i18n';
import { channelHealth } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { Loaded } from './Loaded';

export function ChannelHealth(props: { channel: ChannelView }) {
  const admin = useAdmin();
  const [health, { refetch }] = createResource(
    () => props.channel.id,
    (id) => channelHealth(admin.token, id),
  );
  const percent = (rate: number) =>
    new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const titleId = `health-${props.channel.id}`;

  return (
    <section class="admin-panel" aria-labelledby={titleId}>
      <h4 id={titleId}>{at().channels.healthOf(props.channel.name)}</h4>
      <Loaded resource={health} retry={refetch}>
        {(h) => (
          <>
            <dl class="admin-facts">
              <dt>{at().channels.health}</dt>
              <dd>{at().channels.status[h().live.status]}</dd>
              <dt>{at().channels.sent}</dt>
              <dd>{h().live.sent}</dd>
              <dt>{at().channels.failed}</dt>
              <dd>{h().live.failed}</dd>
              <dt>{at().channels.errorRate}</dt>
              <dd>{percent(h().live.errorRate)}</dd>
              <dt>{at().channels.tokenValid}</dt>
              <dd>{h().live.tokenValid ? at().yes : at().no}</dd>
            </dl>
            <h5>{at().channels.alerts}</h5>
            <Show when={h().alerts.length > 0} fallback={<p>{at().channels.noAlerts}</p>}>
              <ul>
                <For each={h().alerts}>
                  {(a) => (
                    <li>
                      <time datetime={a.at}>{formatDate(a.at, admin.tenant().timezone)}</time> — {a.reason}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Loaded>
    </section>
  );
}
