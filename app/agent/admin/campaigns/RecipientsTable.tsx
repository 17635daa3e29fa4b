// A campaign's recipients, filterable by state, a page at a time ("Carregar mais"), with Meta's error code
// and title for failures and the reason for skips. Refreshed with the campaign while it sends.
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import {
  type RecipientState,
  type RecipientView,
  RecipientState as States,
} from '../../../../workers/contract/campaigns';
import { DateCell } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { SelectField } from '../fields';
import { Loaded } from '../Loaded';
import { listRecipients } from './campaigns-api';
import { cw } from './campaigns-i18n';

/** The most recent moment the recipient moved. */
const lastMove = (r: RecipientView) => r.repliedAt ?? r.readAt ?? r.deliveredAt ?? r.failedAt ?? r.sentAt;

export function RecipientsTable(props: { campaignId: string; version: number }) {
  const admin = useAdmin();
  const [state, setState] = createSignal<RecipientState | ''>('');
  const [more, setMore] = createSignal<RecipientView[]>([]);
  const [page, { refetch }] = createResource(
    () => [props.campaignId, state(), props.version] as const,
    ([id, s]) => listRecipients(admin.token, id, s || null),
  );
  createEffect(on(state, () => setMore([])));
  const [loadingMore, setLoadingMore] = createSignal(false);
  const cursor = () => (more().length ? moreCursor() : page.latest?.nextCursor) ?? null;
  const [moreCursor, setMoreCursor] = createSignal<string | null>(null);

  async function loadMore() {
    const c = cursor();
    if (!c) return;
    setLoadingMore(true);
    try {
      const next = await listRecipients(admin.token, props.campaignId, state() || null, c);
      setMore([...more(), ...next.recipients]);
      setMoreCursor(next.nextCursor ?? null);
    } finally {
      setLoadingMore(false);
    }
  }

  const stateText = (r: RecipientView) =>
    r.state === 'skipped' && r.skipReason
      ? `${cw().states.skipped} (${cw().skipReasons[r.skipReason]})`
      : cw().states[r.state];

  return (
    <section class="admin-panel" aria-labelledby="cmp-recipients-title">
      <div class="cmp-panel-head">
        <h4 id="cmp-recipients-title">{cw().detail.recipients}</h4>
        <SelectField
          label={cw().detail.filter}
          name="state"
          value={state()}
          options={[
            { value: '' as const, label: cw().detail.all },
            ...States.options.map((s) => ({ value: s, label: cw().states[s] })),
          ]}
          onChange={setState}
        />
      </div>
      <Loaded resource={page} retry={refetch}>
        {(p) => (
          <Show when={p().recipients.length > 0} fallback={<p>{cw().detail.noRecipients}</p>}>
            <table class="admin-table" aria-labelledby="cmp-recipients-title">
              <thead>
                <tr>
                  <th scope="col">{cw().detail.phone}</th>
                  <th scope="col">{cw().detail.name}</th>
                  <th scope="col">{cw().detail.armCol}</th>
                  <th scope="col">{cw().detail.state}</th>
                  <th scope="col">{cw().detail.error}</th>
                  <th scope="col">{cw().detail.updated}</th>
                </tr>
              </thead>
              <tbody>
                <For each={[...p().recipients, ...more()]}>
                  {(r) => (
                    <tr>
                      <th scope="row">
                        <code>+{r.phone}</code>
                      </th>
                      <td data-label={cw().detail.name}>{r.name ?? '—'}</td>
                      <td data-label={cw().detail.armCol}>{r.arm.toUpperCase()}</td>
                      <td data-label={cw().detail.state}>
                        <span class={`cmp-state cmp-${r.state}`}>{stateText(r)}</span>
                      </td>
                      <td data-label={cw().detail.error}>
                        {r.errorCode !== null
                          ? `${r.errorCode}${r.errorTitle ? ` · ${r.errorTitle}` : ''}`
                          : '—'}
                      </td>
                      <td data-label={cw().detail.updated}>
                        {(() => {
                          const at = lastMove(r);
                          return at ? <DateCell iso={at} /> : '—';
                        })()}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={cursor()}>
              <button type="button" disabled={loadingMore()} onClick={loadMore}>
                {cw().detail.more}
              </button>
            </Show>
          </Show>
        )}
      </Loaded>
    </section>
  );
}
