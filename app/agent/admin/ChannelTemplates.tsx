// A Cloud API number's WhatsApp templates as last synced (name, language, category, status): what agents
// can pick in the composer. Admins bring them from WhatsApp with "Sincronizar modelos" on the channel row.
import { createResource, For, Show } from 'solid-js';
import type { ChannelView } from '../../../workers/contract';
import { listTemplates } from '../conversation/composer/composer-api';
import { ct } from '../conversation/composer/composer-i18n';
import { useAdmin } from './admin-context';
import { Loaded } from './Loaded';

/** `version` changes after a sync, so the list is read again. */
export function ChannelTemplates(props: { channel: ChannelView; version: number }) {
  const admin = useAdmin();
  const [templates, { refetch }] = createResource(
    () => [props.channel.id, props.version] as const,
    ([id]) => listTemplates(admin.token, id),
  );
  const titleId = `templates-${props.channel.id}`;
  return (
    <section class="admin-panel" aria-labelledby={titleId}>
      <h4 id={titleId}>{ct().sync.title(props.channel.name)}</h4>
      <Loaded resource={templates} retry={refetch}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p>{ct().sync.none}</p>}>
            <table class="admin-table" aria-labelledby={titleId}>
              <thead>
                <tr>
                  <th scope="col">{ct().sync.columns.name}</th>
                  <th scope="col">{ct().sync.columns.language}</th>
                  <th scope="col">{ct().sync.columns.category}</th>
                  <th scope="col">{ct().sync.columns.status}</th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(t) => (
                    <tr>
                      <td>{t.name}</td>
                      <td>{t.language}</td>
                      <td>{t.category ?? '—'}</td>
                      <td>
                        <span
                          class={`admin-badge ${t.status === 'APPROVED' ? 'admin-healthy' : 'admin-unhealthy'}`}
                        >
                          {t.status}
                        </span>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
