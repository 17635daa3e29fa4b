// "Webhooks" (webhooks.manage): the tenant's endpoints with their health (last success and failure, pending and
// dead letters), an on/off switch, edit, "Enviar teste" (the receiver's answer in the status line), the
// deliveries of one endpoint with "Reenviar", "Gerar novo segredo" and delete after a confirmation. A new or
// rotated secret is shown once. The signature recipe is folded at the end.
import { createResource, createSignal, Show } from 'solid-js';
import type { WebhookEndpointView } from '../../../../workers/contract/webhooks';
import { AdminScreen } from '../AdminScreen';
import { AdminTable, actionsColumn, type Column, DateCell } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { ConfirmDialog } from '../ConfirmDialog';
import { createListScreen, EditSlot } from '../list-screen';
import { DeliveriesPanel } from './DeliveriesPanel';
import { SecretShownDialog } from './SecretShownDialog';
import { SignatureHelp } from './SignatureHelp';
import { WebhookForm } from './WebhookForm';
import { deleteWebhook, listWebhooks, rotateSecret, testWebhook, updateWebhook } from './webhooks-api';
import { wt } from './webhooks-i18n';
import './webhooks.css';

const HEALTH_CLASS = {
  healthy: 'admin-healthy',
  failing: 'admin-unhealthy',
  dead: 'admin-unhealthy',
  idle: 'wh-idle',
};

export function WebhooksScreen() {
  const admin = useAdmin();
  const [endpoints, { refetch }] = createResource(() => admin.token, listWebhooks);
  const screen = createListScreen<WebhookEndpointView>(refetch);
  const [secret, setSecret] = createSignal<string | null>(null);
  const [testing, setTesting] = createSignal<string | null>(null);
  const [watching, setWatching] = createSignal<string | null>(null);
  const watched = () => endpoints.latest?.endpoints.find((e) => e.id === watching()) ?? null;

  async function test(e: WebhookEndpointView) {
    screen.setStatus(null);
    setTesting(e.id);
    try {
      const r = await testWebhook(admin.token, e.id);
      screen.setStatus(
        r.ok && r.status !== null
          ? { message: wt().testOk(r.status, r.latencyMs), error: false }
          : { message: wt().testFailed(r.status, r.latencyMs, r.error), error: true },
      );
    } catch (err) {
      screen.fail(err);
    } finally {
      setTesting(null);
      void refetch();
    }
  }

  async function toggle(e: WebhookEndpointView) {
    screen.setStatus(null);
    try {
      await updateWebhook(admin.token, e.id, { enabled: !e.enabled });
      screen.setStatus({ message: wt().toggled(!e.enabled), error: false });
    } catch (err) {
      screen.fail(err);
    }
    void refetch();
  }

  const askRotate = (e: WebhookEndpointView) =>
    screen.confirmThen({
      message: wt().confirmRotate(e.url),
      confirmLabel: wt().rotate,
      act: async () => setSecret((await rotateSecret(admin.token, e.id)).secret),
      done: () => wt().rotated,
    });
  const askDelete = (e: WebhookEndpointView) =>
    screen.askDelete(e, { message: wt().confirmDelete(e.url), done: () => wt().deleted(e.url) }, async () => {
      await deleteWebhook(admin.token, e.id);
      if (watching() === e.id) setWatching(null);
    });

  const last = (e: WebhookEndpointView) => (
    <span class="wh-last">
      <span>
        {wt().lastSuccess}: {e.lastSuccessAt ? <DateCell iso={e.lastSuccessAt} /> : wt().never}
      </span>
      <span>
        {wt().lastFailure}: {e.lastFailureAt ? <DateCell iso={e.lastFailureAt} /> : wt().never}
      </span>
      <Show when={e.lastError}>{(err) => <span class="wh-error">{err()}</span>}</Show>
    </span>
  );

  const columns: Column<WebhookEndpointView>[] = [
    {
      header: () => wt().columns.url,
      cell: (e) => (
        <span class="wh-url">
          <code>{e.url}</code>
          <Show when={e.description}>{(d) => <span class="admin-hint">{d()}</span>}</Show>
        </span>
      ),
    },
    {
      header: () => wt().columns.events,
      cell: (e) => <span title={e.events.join(', ')}>{wt().eventCount(e.events.length)}</span>,
    },
    {
      header: () => wt().columns.health,
      cell: (e) => (
        <span class="wh-health">
          <span class={`admin-badge ${HEALTH_CLASS[e.health]}`}>{wt().health[e.health]}</span>
          <Show when={e.pending > 0}>
            <span>{wt().pendingCount(e.pending)}</span>
          </Show>
          <Show when={e.dead > 0}>
            <span>{wt().deadCount(e.dead)}</span>
          </Show>
        </span>
      ),
    },
    { header: () => wt().columns.last, cell: last },
    {
      header: () => wt().columns.state,
      cell: (e) => (
        <button
          type="button"
          role="switch"
          aria-checked={e.enabled}
          aria-label={wt().toggle(e.url)}
          onClick={() => void toggle(e)}
        >
          {e.enabled ? wt().enabled : wt().disabled}
        </button>
      ),
    },
    actionsColumn(
      (e) => (
        <>
          <button
            type="button"
            aria-label={`${wt().test}: ${e.url}`}
            disabled={testing() === e.id}
            onClick={() => void test(e)}
          >
            {testing() === e.id ? wt().testing : wt().test}
          </button>
          <button
            type="button"
            aria-label={`${wt().deliveries}: ${e.url}`}
            aria-pressed={watching() === e.id}
            onClick={() => setWatching((w) => (w === e.id ? null : e.id))}
          >
            {wt().deliveries}
          </button>
          <button type="button" aria-label={`${wt().edit(e.url)}`} onClick={() => screen.open(e)}>
            {wt().editShort}
          </button>
          <button type="button" aria-label={`${wt().rotate}: ${e.url}`} onClick={() => askRotate(e)}>
            {wt().rotate}
          </button>
          <button
            type="button"
            class="admin-danger"
            aria-label={`${wt().remove}: ${e.url}`}
            onClick={() => askDelete(e)}
          >
            {wt().remove}
          </button>
        </>
      ),
      'admin-row-actions',
    ),
  ];

  return (
    <AdminScreen
      titleId="webhooks-title"
      title={wt().title}
      add={{ label: wt().new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <p class="admin-hint">{wt().intro}</p>
      <EditSlot editing={screen.editing()}>
        {(item) => (
          <WebhookForm endpoint={item} onCancel={screen.close} onSaved={screen.saved} onSecret={setSecret} />
        )}
      </EditSlot>
      <AdminTable
        resource={endpoints}
        retry={refetch}
        rows={(data) => data.endpoints}
        labelledBy="webhooks-title"
        empty={wt().empty}
        columns={columns}
      />
      {/* Not keyed: a list refresh brings a new object for the same endpoint, and the panel (its filter) stays. */}
      <Show when={watched()}>
        {(e) => (
          <DeliveriesPanel
            endpoint={e()}
            onClose={() => setWatching(null)}
            onChanged={() => void refetch()}
          />
        )}
      </Show>
      <SignatureHelp />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
      <SecretShownDialog secret={secret()} onClose={() => setSecret(null)} />
    </AdminScreen>
  );
}
