// "Widget do site" (admins, channels.manage): the tenant's website widget channels — each with how many sites
// may embed it and whether only identified customers may chat — and "Novo widget"; a channel opens in its
// editor (WidgetEditor) under the list.
import { createResource, createSignal } from 'solid-js';
import type { WidgetChannelView } from '../../../../workers/contract';
import { AdminScreen } from '../AdminScreen';
import { AdminTable, actionsColumn, type Column, RowButtons } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { ConfirmDialog, type ConfirmRequest } from '../ConfirmDialog';
import { createListScreen, EditSlot } from '../list-screen';
import { WidgetEditor } from './WidgetEditor';
import { listWidgetChannels } from './widget-admin-api';
import { wt } from './widget-admin-i18n';

export function WidgetScreen() {
  const admin = useAdmin();
  const [channels, { refetch }] = createResource(() => admin.token, listWidgetChannels);
  const screen = createListScreen<WidgetChannelView>(refetch);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);

  const columns: Column<WidgetChannelView>[] = [
    { header: () => wt().columns.name, cell: (c) => c.name },
    {
      header: () => wt().columns.sites,
      cell: (c) => wt().siteCount(c.settings.allowedOrigins.length),
    },
    {
      header: () => wt().columns.identity,
      cell: (c) =>
        c.settings.verifiedOnly ? (
          <span class="admin-badge wgt-verified">{wt().verifiedBadge}</span>
        ) : (
          wt().anyoneBadge
        ),
    },
    actionsColumn((c) => <RowButtons name={c.name} onEdit={() => screen.open(c)} />),
  ];

  return (
    <AdminScreen
      titleId="widget-title"
      title={wt().title}
      add={{ label: wt().new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <p class="admin-hint">{wt().intro}</p>
      <AdminTable
        resource={channels}
        retry={refetch}
        rows={(data) => data.channels}
        labelledBy="widget-title"
        empty={wt().empty}
        columns={columns}
      />
      <EditSlot editing={screen.editing()}>
        {(item) => (
          <WidgetEditor
            channel={item}
            onSaved={() => void refetch()}
            onClose={screen.close}
            confirm={setConfirming}
          />
        )}
      </EditSlot>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </AdminScreen>
  );
}
