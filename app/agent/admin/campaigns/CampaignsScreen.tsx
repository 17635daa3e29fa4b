// "Campanhas": the tenant's campaigns with live progress, the new-campaign form and each campaign's page.
// The URL names what is open (/admin/campaigns, /admin/campaigns/new, /admin/campaigns/<id>), so a page can be
// reloaded or shared and the browser's back button works.
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import type { CampaignView } from '../../../../workers/contract/campaigns';
import { roleCan } from '../../../../workers/contract/permissions';
import { AdminScreen } from '../AdminScreen';
import { AdminTable, type Column, DateCell } from '../AdminTable';
import { listChannels } from '../admin-api';
import { useAdmin } from '../admin-context';
import type { Status } from '../list-screen';
import { CampaignDetail } from './CampaignDetail';
import { isLive, ProgressBar, StatusBadge } from './CampaignProgress';
import { CampaignWizard } from './CampaignWizard';
import type { ImportOutcome } from './CsvUpload';
import { listCampaigns } from './campaigns-api';
import { cw } from './campaigns-i18n';
import './campaigns.css';
import { whileLive } from './live';

type View = { kind: 'list' } | { kind: 'new' } | { kind: 'detail'; id: string };

function viewFromPath(): View {
  const part = location.pathname.split('/')[3];
  if (part === 'new') return { kind: 'new' };
  return part ? { kind: 'detail', id: decodeURIComponent(part) } : { kind: 'list' };
}

export function CampaignsScreen() {
  const admin = useAdmin();
  const canManage = roleCan(admin.role, 'campaigns.manage');
  const [view, setView] = createSignal<View>(viewFromPath());
  const [status, setStatus] = createSignal<Status | null>(null);
  const [imported, setImported] = createSignal<ImportOutcome | null>(null);
  const onPop = () => setView(viewFromPath());
  window.addEventListener('popstate', onPop);
  onCleanup(() => window.removeEventListener('popstate', onPop));

  function go(next: View, message: Status | null = null) {
    const path =
      next.kind === 'list'
        ? '/admin/campaigns'
        : next.kind === 'new'
          ? '/admin/campaigns/new'
          : `/admin/campaigns/${encodeURIComponent(next.id)}`;
    if (location.pathname !== path) history.pushState(null, '', path);
    setStatus(message);
    setView(next);
    window.scrollTo({ top: 0 });
  }

  return (
    <Show when={view()} keyed>
      {(v) => (
        <>
          <Show when={v.kind === 'list'}>
            <CampaignList
              status={status()}
              canManage={canManage}
              onNew={() => go({ kind: 'new' })}
              onOpen={(id) => go({ kind: 'detail', id })}
            />
          </Show>
          <Show when={v.kind === 'new'}>
            <AdminScreen titleId="campaigns-title" title={cw().title} status={status()}>
              <CampaignWizard
                onCancel={() => go({ kind: 'list' })}
                onCreated={(c, outcome) => {
                  setImported(outcome);
                  go({ kind: 'detail', id: c.id }, { message: cw().wizard.created(c.name), error: false });
                }}
              />
            </AdminScreen>
          </Show>
          <Show when={v.kind === 'detail' && v.id}>
            {(id) => (
              <CampaignDetail
                id={id()}
                status={status()}
                setStatus={setStatus}
                imported={imported()}
                onBack={() => go({ kind: 'list' })}
                onDeleted={(message) => go({ kind: 'list' }, message)}
              />
            )}
          </Show>
        </>
      )}
    </Show>
  );
}

function CampaignList(props: {
  status: Status | null;
  canManage: boolean;
  onNew: () => void;
  onOpen: (id: string) => void;
}) {
  const admin = useAdmin();
  const [campaigns, { refetch }] = createResource(() => admin.token, listCampaigns);
  const [channels] = createResource(async () => (await listChannels(admin.token)).channels);
  whileLive(() => (campaigns.latest ?? []).some(isLive), refetch);
  const channelName = (id: string) => channels()?.find((c) => c.id === id)?.name ?? '—';

  const columns: Column<CampaignView>[] = [
    {
      header: () => cw().columns.name,
      cell: (c) => (
        <a
          href={`/admin/campaigns/${encodeURIComponent(c.id)}`}
          onClick={(e) => {
            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            props.onOpen(c.id);
          }}
        >
          {c.name}
        </a>
      ),
    },
    { header: () => cw().columns.channel, cell: (c) => channelName(c.channelId) },
    { header: () => cw().columns.kind, cell: (c) => cw().kinds[c.kind] },
    { header: () => cw().columns.status, cell: (c) => <StatusBadge campaign={c} /> },
    {
      header: () => cw().columns.progress,
      cell: (c) => <ProgressBar counts={c.counts} label={`${cw().columns.progress}: ${c.name}`} />,
      class: 'cmp-progress-cell',
    },
    {
      header: () => cw().columns.when,
      cell: (c) => {
        const at = c.startedAt ?? c.scheduledAt;
        return at ? <DateCell iso={at} /> : '—';
      },
    },
  ];

  return (
    <AdminScreen
      titleId="campaigns-title"
      title={cw().title}
      add={props.canManage ? { label: cw().new, onClick: props.onNew } : undefined}
      status={props.status}
    >
      <AdminTable
        resource={campaigns}
        retry={refetch}
        rows={(list) => list}
        labelledBy="campaigns-title"
        empty={cw().empty}
        columns={columns}
      />
    </AdminScreen>
  );
}
