// One channel's live health: sends and failures in the limiter's window, whether the token works, and the
// latest health alerts (worded by code), with their times in the tenant's zone; for a gateway number, its
// WhatsApp session and the QR to pair it again (admins).
import { createResource, For, Show } from 'solid-js';
import type { ChannelView } from '../../../workers/contract';
import { roleCan } from '../../../workers/contract/permissions';
import { locale } from '../i18n';
import { channelHealth } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { ChannelPairing } from './ChannelPairing';
import { healthWords } from './channel-health-i18n';
import { Loaded } from './Loaded';

export function ChannelHealth(props: { channel: ChannelView; onChanged?: () => void }) {
  const admin = useAdmin();
  const [health, { refetch }] = createResource(
    () => props.channel.id,
    (id) => channelHealth(admin.token, id),
  );
  const percent = (rate: number) =>
    new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
  const titleId = `health-${props.channel.id}`;
  const gateway = () => props.channel.kind === 'evolution' || props.channel.kind === 'uazapi';

  return (
    <section class="admin-panel" aria-labelledby={titleId}>
      <h4 id={titleId}>{at().channels.healthOf(props.channel.name)}</h4>
      <Loaded resource={health} retry={refetch}>
        {(h) => (
          <>
            <dl class="admin-facts">
              <dt>{at().channels.health}</dt>
              <dd>
                {at().channels.status[h().live.status]}
                <Show when={healthWords(h().channel.health.code, h().channel.health.params, null)}>
                  {(words) => <span class="admin-hint"> — {words()}</span>}
                </Show>
              </dd>
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
                      <time datetime={a.at}>{formatDate(a.at, admin.tenant().timezone)}</time> —{' '}
                      {at().channels.status[a.status === 'healthy' ? 'healthy' : 'unhealthy']}:{' '}
                      {healthWords(a.code, a.params, a.reason)}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Loaded>
      <Show when={gateway() && roleCan(admin.role, 'channels.manage')}>
        <ChannelPairing
          channelId={props.channel.id}
          onPaired={() => {
            void refetch();
            props.onChanged?.();
          }}
        />
      </Show>
    </section>
  );
}
