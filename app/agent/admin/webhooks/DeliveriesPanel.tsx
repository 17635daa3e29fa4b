// One endpoint's deliveries, newest first, filterable by state (pending, delivered, dead letters), with the
// attempts, the receiver's last answer and "Reenviar" (the same delivery id goes again). Refreshed every few
// seconds while open (the endpoint's health too), so a retry becoming a dead letter shows without reloading.
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import type {
  DeliveryState,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '../../../../workers/contract/webhooks';
import { AdminTable, actionsColumn, type Column, DateCell } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { SelectField, StatusLine } from '../fields';
import { fromApiError } from '../form-errors';
import { listDeliveries, redeliver } from './webhooks-api';
import { wt } from './webhooks-i18n';

type Filter = DeliveryState | 'all';
const REFRESH_MS = 5_000;

export function DeliveriesPanel(props: {
  endpoint: WebhookEndpointView;
  onClose: () => void;
  onChanged: () => void;
}) {
  const admin = useAdmin();
  const [filter, setFilter] = createSignal<Filter>('all');
  const [deliveries, { refetch }] = createResource(
    () => [props.endpoint.id, filter()] as const,
    ([id, f]) => listDeliveries(admin.token, id, f === 'all' ? undefined : f),
  );
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  // The endpoint's row (health, counts) is refreshed with the deliveries, so both tell the same story.
  const timer = setInterval(() => {
    void refetch();
    props.onChanged();
  }, REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const titleId = `deliveries-${props.endpoint.id}`;

  async function again(d: WebhookDeliveryView) {
    setStatus(null);
    try {
      await redeliver(admin.token, props.endpoint.id, d.id);
      setStatus({ message: wt().redelivered, error: false });
    } catch (err) {
      setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
    }
    void refetch();
    props.onChanged();
  }

  /** "HTTP 500", then the error when it says more than the status (a timeout, a refused connection). */
  const answer = (d: WebhookDeliveryView) => {
    const status = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.attempts > 0 ? wt().noAnswer : '';
    const error = d.lastError && !(d.lastStatus !== null && d.lastError.includes(String(d.lastStatus)));
    return [status, error ? d.lastError : ''].filter(Boolean).join(' · ') || '—';
  };

  const columns: Column<WebhookDeliveryView>[] = [
    { header: () => wt().dcol.event, cell: (d) => <code>{d.eventType}</code> },
    {
      header: () => wt().dcol.status,
      cell: (d) => <span class={`admin-badge wh-state-${d.status}`}>{wt().stateNames[d.status]}</span>,
    },
    { header: () => wt().dcol.attempts, cell: (d) => String(d.attempts) },
    { header: () => wt().dcol.last, cell: answer },
    { header: () => wt().dcol.created, cell: (d) => <DateCell iso={d.createdAt} /> },
    {
      header: () => wt().dcol.next,
      cell: (d) => (d.status === 'pending' && d.nextAttemptAt ? <DateCell iso={d.nextAttemptAt} /> : '—'),
    },
    actionsColumn((d) => (
      <Show when={d.status !== 'pending'}>
        <button type="button" aria-label={wt().redeliverOf(d.eventType)} onClick={() => void again(d)}>
          {wt().redeliver}
        </button>
      </Show>
    )),
  ];

  return (
    <section class="admin-panel wh-deliveries" aria-labelledby={titleId}>
      <div class="admin-head">
        <h4 id={titleId}>{wt().deliveriesOf(props.endpoint.url)}</h4>
        <div class="admin-actions">
          <button type="button" onClick={() => void refetch()}>
            {wt().refresh}
          </button>
          <button type="button" onClick={() => props.onClose()}>
            {wt().hideDeliveries}
          </button>
        </div>
      </div>
      <SelectField<Filter>
        label={wt().filter}
        name="deliveryState"
        value={filter()}
        options={(['all', 'pending', 'delivered', 'dead'] as const).map((v) => ({
          value: v,
          label: wt().states[v],
        }))}
        onChange={setFilter}
      />
      <StatusLine message={status()?.message ?? null} error={status()?.error} />
      <AdminTable
        resource={deliveries}
        retry={refetch}
        rows={(data) => data.deliveries}
        labelledBy={titleId}
        empty={wt().noDeliveries}
        columns={columns}
      />
    </section>
  );
}
