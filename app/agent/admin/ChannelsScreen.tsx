// Channels: the tenant's WhatsApp numbers and website widget with their health. Admins connect, test and
// remove numbers (after a confirmation); supervisors look at the list and each channel's health.
import { createResource, createSignal, For, Show } from 'solid-js';
import type { ChannelView } from '../../../workers/contract';
import { listChannels, removeChannel, testChannel } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { ChannelForm } from './ChannelForm';
import { ChannelHealth } from './ChannelHealth';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { StatusLine } from './fields';
import { fromApiError } from './form-errors';
import { Loaded } from './Loaded';

/** What identifies a channel to people: the phone number when known, else the provider's id or instance. */
function addressOf(c: ChannelView): string {
  const display = c.settings.displayPhoneNumber;
  return typeof display === 'string' && display ? display : (c.address ?? at().none);
}

export function ChannelsScreen() {
  const admin = useAdmin();
  const isAdmin = admin.role === 'admin';
  const [channels, { refetch }] = createResource(() => admin.token, listChannels);
  const [adding, setAdding] = createSignal(false);
  const [webhook, setWebhook] = createSignal<string | null>(null);
  const [inspecting, setInspecting] = createSignal<ChannelView | null>(null);
  const [testing, setTesting] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);
  const tz = () => admin.tenant().timezone;
  const healthLabel = (c: ChannelView) =>
    inspecting()?.id === c.id ? at().channels.hideHealth : at().channels.showHealth;

  async function test(c: ChannelView) {
    setStatus(null);
    setTesting(c.id);
    try {
      const r = await testChannel(admin.token, c.id);
      setStatus({
        message: r.ok ? at().channels.testOk(c.name, r.detail) : at().channels.testFailed(c.name, r.detail),
        error: !r.ok,
      });
    } catch (err) {
      setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
    } finally {
      setTesting(null);
      void refetch();
    }
  }

  function askRemove(c: ChannelView) {
    setStatus(null);
    setConfirming({
      message: at().channels.confirmRemove(c.name),
      confirmLabel: at().channels.remove,
      onConfirm: async () => {
        try {
          await removeChannel(admin.token, c.id);
          if (inspecting()?.id === c.id) setInspecting(null);
          setStatus({ message: at().channels.removed(c.name), error: false });
        } catch (err) {
          setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
        }
        void refetch();
      },
    });
  }

  return (
    <section class="admin-screen" aria-labelledby="channels-title">
      <div class="admin-head">
        <h3 id="channels-title">{at().channels.title}</h3>
        <Show when={isAdmin}>
          <button
            type="button"
            class="admin-primary"
            onClick={() => {
              setStatus(null);
              setWebhook(null);
              setAdding(true);
            }}
          >
            {at().channels.new}
          </button>
        </Show>
      </div>
      <StatusLine message={status()?.message ?? null} error={status()?.error} />
      <Show when={webhook()}>
        {(url) => (
          <p class="admin-panel">
            {at().channels.webhookInfo} <code>{url()}</code>
          </p>
        )}
      </Show>
      <Show when={adding()}>
        <ChannelForm
          onCancel={() => setAdding(false)}
          onSaved={(c) => {
            setAdding(false);
            setStatus({ message: at().channels.created(c.name), error: false });
            setWebhook(c.webhookPath ? `${location.origin}${c.webhookPath}` : null);
            void refetch();
          }}
        />
      </Show>
      <Loaded resource={channels} retry={refetch}>
        {(data) => (
          <Show when={data().channels.length > 0} fallback={<p>{at().channels.empty}</p>}>
            <table class="admin-table" aria-labelledby="channels-title">
              <thead>
                <tr>
                  <th scope="col">{at().channels.name}</th>
                  <th scope="col">{at().channels.kind}</th>
                  <th scope="col">{at().channels.address}</th>
                  <th scope="col">{at().channels.health}</th>
                  <th scope="col">{at().channels.lastWebhook}</th>
                  <th scope="col">{at().createdAt}</th>
                  <th scope="col">{at().actions}</th>
                </tr>
              </thead>
              <tbody>
                <For each={data().channels}>
                  {(c) => (
                    <tr>
                      <th scope="row">{c.name}</th>
                      <td>{at().channels.kinds[c.kind]}</td>
                      <td>{c.kind === 'widget' ? at().none : addressOf(c)}</td>
                      <td>
                        <span class={`admin-badge admin-${c.health.status}`}>
                          {at().channels.status[c.health.status]}
                        </span>
                        <Show when={c.health.reason}>
                          <span class="admin-hint"> {c.health.reason}</span>
                        </Show>
                      </td>
                      <td>
                        <Show when={c.health.lastWebhookAt} fallback={at().none}>
                          {(t) => <time datetime={t()}>{formatDate(t(), tz())}</time>}
                        </Show>
                      </td>
                      <td>
                        <time datetime={c.createdAt}>{formatDate(c.createdAt, tz())}</time>
                      </td>
                      <td class="admin-row-actions">
                        <Show when={c.kind !== 'widget'}>
                          <button
                            type="button"
                            aria-expanded={inspecting()?.id === c.id}
                            aria-label={`${healthLabel(c)}: ${c.name}`}
                            onClick={() => setInspecting(inspecting()?.id === c.id ? null : c)}
                          >
                            {healthLabel(c)}
                          </button>
                          <Show when={isAdmin}>
                            <button
                              type="button"
                              disabled={testing() === c.id}
                              aria-label={`${at().channels.test} ${c.name}`}
                              onClick={() => test(c)}
                            >
                              {testing() === c.id ? at().channels.testing : at().channels.test}
                            </button>
                            <button
                              type="button"
                              class="admin-danger"
                              aria-label={`${at().channels.remove} ${c.name}`}
                              onClick={() => askRemove(c)}
                            >
                              {at().channels.remove}
                            </button>
                          </Show>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Loaded>
      <Show when={inspecting()} keyed>
        {(c) => <ChannelHealth channel={c} />}
      </Show>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </section>
  );
}
