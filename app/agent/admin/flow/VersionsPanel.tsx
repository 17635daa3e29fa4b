// The flow's versions, newest first: state, who saved it and when, when it went live; open one in the
// editor, publish a draft, restore (publish again) a retired one.
import { For, Show } from 'solid-js';
import type { FlowVersionSummary } from '../../../../workers/contract';
import { formatDate, useAdmin } from '../admin-context';
import { ft } from './flow-i18n';

export function VersionsPanel(props: {
  versions: readonly FlowVersionSummary[];
  /** The version loaded in the editor, if it is a saved one. */
  current: number | null;
  busy: boolean;
  onOpen: (v: FlowVersionSummary) => void;
  onPublish: (v: FlowVersionSummary) => void;
}) {
  const admin = useAdmin();
  const when = (iso: string) => formatDate(iso, admin.tenant().timezone);
  const t = () => ft().versions;
  return (
    <section class="admin-panel flow-versions" aria-labelledby="flow-versions-title">
      <h4 id="flow-versions-title">{t().title}</h4>
      <Show when={props.versions.length > 0} fallback={<p class="admin-hint">{t().empty}</p>}>
        <ol>
          <For each={props.versions}>
            {(v) => (
              <li class="flow-version" data-version={v.version}>
                <div>
                  <strong>{t().version(v.version)}</strong>{' '}
                  <span class={`admin-badge flow-state-${v.state}`}>{t().states[v.state]}</span>
                  <Show when={props.current === v.version}>
                    {' '}
                    <span class="admin-hint">({t().current})</span>
                  </Show>
                </div>
                <div class="admin-hint">
                  {t().createdBy(v.createdBy?.name ?? t().someone, when(v.createdAt))}
                </div>
                <Show when={v.publishedAt}>
                  {(at) => <div class="admin-hint">{t().publishedAt(when(at()))}</div>}
                </Show>
                <div class="admin-actions">
                  <Show when={props.current !== v.version}>
                    <button type="button" disabled={props.busy} onClick={() => props.onOpen(v)}>
                      {t().open}
                      <span class="visually-hidden"> {t().version(v.version)}</span>
                    </button>
                  </Show>
                  <Show when={v.state !== 'published'}>
                    <button
                      type="button"
                      class={v.state === 'draft' ? 'admin-primary' : undefined}
                      disabled={props.busy}
                      onClick={() => props.onPublish(v)}
                    >
                      {v.state === 'draft' ? t().publish : t().restore}
                      <span class="visually-hidden"> {t().version(v.version)}</span>
                    </button>
                  </Show>
                </div>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
