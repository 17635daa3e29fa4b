// Channels: the tenant's WhatsApp numbers and website widget with their health. Admins connect, test and
// remove numbers (after a confirmation) and sync a Cloud number's templates; supervisors look at the list,
// each channel's health and its templates.
import { createResource, createSignal, Show } from 'solid-js';
import type { ChannelView } from '../../../workers/contract';
import { roleCan } from '../../../workers/contract/permissions';
import { syncTemplates } from '../conversation/composer/composer-api';
import { ct } from '../conversation/composer/composer-i18n';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, createdColumn, DateCell } from './AdminTable';
import { listChannels, removeChannel, testChannel } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { setChannelBot } from './bot-settings-api';
import { bt } from './bot-settings-i18n';
import { ChannelForm } from './ChannelForm';
import { ChannelHealth } from './ChannelHealth';
import { ChannelTemplates } from './ChannelTemplates';
import { ConfirmDialog } from './ConfirmDialog';
import { ChannelTier } from './campaigns/ChannelTier';
import { healthWords, testDetailWords } from './channel-health-i18n';
import { createListScreen } from './list-screen';

/** What identifies a channel to people: the phone number when known, else the provider's id or instance. */
function addressOf(c: ChannelView): string {
  const display = c.settings.displayPhoneNumber;
  return typeof display === 'string' && display ? display : (c.address ?? at().none);
}

export function ChannelsScreen() {
  const admin = useAdmin();
  const isAdmin = roleCan(admin.role, 'channels.manage');
  const [channels, { refetch }] = createResource(() => admin.token, listChannels);
  const screen = createListScreen<ChannelView>(refetch);
  const [adding, setAdding] = createSignal(false);
  const [webhook, setWebhook] = createSignal<string | null>(null);
  const [inspecting, setInspecting] = createSignal<ChannelView | null>(null);
  const [testing, setTesting] = createSignal<string | null>(null);
  const [switching, setSwitching] = createSignal<string | null>(null);
  const [syncing, setSyncing] = createSignal<string | null>(null);
  const [viewingTemplates, setViewingTemplates] = createSignal<ChannelView | null>(null);
  const [templatesVersion, setTemplatesVersion] = createSignal(0);
  const healthLabel = (c: ChannelView) =>
    inspecting()?.id === c.id ? at().channels.hideHealth : at().channels.showHealth;

  async function test(c: ChannelView) {
    screen.setStatus(null);
    setTesting(c.id);
    try {
      const r = await testChannel(admin.token, c.id);
      screen.setStatus({
        message: r.ok
          ? at().channels.testOk(c.name, testDetailWords(r.detail))
          : at().channels.testFailed(c.name, testDetailWords(r.detail)),
        error: !r.ok,
      });
    } catch (err) {
      screen.fail(err);
    } finally {
      setTesting(null);
      void refetch();
    }
  }

  /** Brings the number's templates from WhatsApp (replacing the stored ones) and shows them. */
  async function sync(c: ChannelView) {
    screen.setStatus(null);
    setSyncing(c.id);
    try {
      const templates = await syncTemplates(admin.token, c.id);
      screen.setStatus({ message: ct().sync.done(c.name, templates.length), error: false });
      setTemplatesVersion(templatesVersion() + 1);
      setViewingTemplates(c);
    } catch (err) {
      screen.setStatus({
        message: ct().sync.failed(c.name, err instanceof Error ? err.message : String(err)),
        error: true,
      });
    } finally {
      setSyncing(null);
    }
  }

  /** Turns "bot answers first" on or off for a channel; its new conversations follow at once. */
  async function switchBot(c: ChannelView) {
    screen.setStatus(null);
    setSwitching(c.id);
    try {
      const on = !c.botEnabled;
      await setChannelBot(admin.token, c.id, on);
      screen.setStatus({
        message: on ? bt().channelBot.turnedOn(c.name) : bt().channelBot.turnedOff(c.name),
        error: false,
      });
    } catch (err) {
      screen.fail(err);
    } finally {
      setSwitching(null);
      void refetch();
    }
  }

  function askRemove(c: ChannelView) {
    screen.confirmThen({
      message: at().channels.confirmRemove(c.name),
      confirmLabel: at().channels.remove,
      act: async () => {
        await removeChannel(admin.token, c.id);
        if (inspecting()?.id === c.id) setInspecting(null);
        if (viewingTemplates()?.id === c.id) setViewingTemplates(null);
      },
      done: () => at().channels.removed(c.name),
    });
  }

  const columns: Column<ChannelView>[] = [
    { header: () => at().channels.name, cell: (c) => c.name },
    { header: () => at().channels.kind, cell: (c) => at().channels.kinds[c.kind] },
    { header: () => at().channels.address, cell: (c) => (c.kind === 'widget' ? at().none : addressOf(c)) },
    {
      header: () => at().channels.health,
      cell: (c) => (
        <>
          <span class={`admin-badge admin-${c.health.status}`}>{at().channels.status[c.health.status]}</span>
          <Show when={healthWords(c.health.code, c.health.params, c.health.reason)}>
            {(words) => <span class="admin-hint"> {words()}</span>}
          </Show>
        </>
      ),
    },
    {
      header: () => at().channels.lastWebhook,
      cell: (c) => (
        <Show when={c.health.lastWebhookAt} fallback={at().none}>
          {(t) => <DateCell iso={t()} />}
        </Show>
      ),
    },
    {
      header: () => bt().channelBot.column,
      cell: (c) => (
        <Show when={isAdmin} fallback={c.botEnabled ? bt().channelBot.on : bt().channelBot.off}>
          <button
            type="button"
            role="switch"
            aria-checked={c.botEnabled}
            aria-label={c.botEnabled ? bt().channelBot.turnOff(c.name) : bt().channelBot.turnOn(c.name)}
            disabled={switching() === c.id}
            onClick={() => switchBot(c)}
          >
            {c.botEnabled ? bt().channelBot.on : bt().channelBot.off}
          </button>
        </Show>
      ),
    },
    createdColumn(),
    actionsColumn(
      (c) => (
        <Show when={c.kind !== 'widget'}>
          <button
            type="button"
            aria-expanded={inspecting()?.id === c.id}
            aria-label={`${healthLabel(c)}: ${c.name}`}
            onClick={() => setInspecting(inspecting()?.id === c.id ? null : c)}
          >
            {healthLabel(c)}
          </button>
          <Show when={c.kind === 'whatsapp_cloud'}>
            <button
              type="button"
              aria-expanded={viewingTemplates()?.id === c.id}
              aria-label={`${viewingTemplates()?.id === c.id ? ct().sync.hide : ct().sync.show}: ${c.name}`}
              onClick={() => setViewingTemplates(viewingTemplates()?.id === c.id ? null : c)}
            >
              {viewingTemplates()?.id === c.id ? ct().sync.hide : ct().sync.show}
            </button>
            <Show when={isAdmin}>
              <button
                type="button"
                disabled={syncing() === c.id}
                aria-label={`${ct().sync.button}: ${c.name}`}
                onClick={() => sync(c)}
              >
                {syncing() === c.id ? ct().sync.syncing : ct().sync.button}
              </button>
            </Show>
          </Show>
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
      ),
      'admin-row-actions',
    ),
  ];

  function startAdding() {
    screen.setStatus(null);
    setWebhook(null);
    setAdding(true);
  }

  return (
    <AdminScreen
      titleId="channels-title"
      title={at().channels.title}
      add={isAdmin ? { label: at().channels.new, onClick: startAdding } : undefined}
      status={screen.status()}
    >
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
            screen.setStatus({ message: at().channels.created(c.name), error: false });
            setWebhook(c.webhookPath ? `${location.origin}${c.webhookPath}` : null);
            void refetch();
          }}
        />
      </Show>
      <AdminTable
        resource={channels}
        retry={refetch}
        rows={(data) => data.channels}
        labelledBy="channels-title"
        empty={at().channels.empty}
        columns={columns}
      />
      <Show when={inspecting()} keyed>
        {(c) => <ChannelHealth channel={c} onChanged={() => void refetch()} />}
      </Show>
      <Show when={isAdmin && inspecting()} keyed>
        {(c) => <ChannelTier channel={c} onChanged={() => void refetch()} />}
      </Show>
      <Show when={viewingTemplates()} keyed>
        {(c) => <ChannelTemplates channel={c} version={templatesVersion()} />}
      </Show>
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
