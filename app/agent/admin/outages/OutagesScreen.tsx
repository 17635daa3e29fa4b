// "Quedas e manutenções" (outages.manage): the tenant's outages by state (Ativas / Agendadas / Resolvidas) with
// their area, times in the tenant's zone, conversations the bot answered and the notice campaigns; a form to
// register one and a dialog to resolve it.
import { createResource, createSignal, Show } from 'solid-js';
import type { OutageState, OutageView } from '../../../../workers/contract/outages';
import { AdminScreen } from '../AdminScreen';
import { actionsColumn, type Column, DateCell } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { createListScreen, EditSlot } from '../list-screen';
import { TabbedTable } from '../TabbedTable';
import { OutageForm } from './OutageForm';
import { areaSummary } from './outage-area';
import { listOutages } from './outages-api';
import { ot } from './outages-i18n';
import { ResolveDialog } from './ResolveDialog';
import './outages.css';

const STATES: readonly OutageState[] = ['active', 'scheduled', 'resolved'];

/** A campaign of the outage, linked to its page in "Campanhas". */
function CampaignLink(props: { id: string | null; label: string }) {
  return (
    <Show when={props.id}>
      {(id) => (
        <a class="otg-campaign" href={`/admin/campaigns/${id()}`}>
          {props.label}
        </a>
      )}
    </Show>
  );
}

export function OutagesScreen() {
  const admin = useAdmin();
  const [state, setState] = createSignal<OutageState>('active');
  const [outages, { refetch }] = createResource(
    () => [admin.token, state()] as const,
    ([token, s]) => listOutages(token, s),
  );
  const screen = createListScreen<OutageView>(refetch);
  const [resolving, setResolving] = createSignal<OutageView | null>(null);

  const columns = (): Column<OutageView>[] => [
    { header: () => ot().columns.title, cell: (o) => o.title },
    {
      header: () => ot().columns.kind,
      cell: (o) => <span class={`otg-kind otg-kind-${o.kind}`}>{ot().kinds[o.kind]}</span>,
    },
    { header: () => ot().columns.area, cell: (o) => areaSummary(o.area) },
    { header: () => ot().columns.starts, cell: (o) => <DateCell iso={o.startsAt} /> },
    state() === 'resolved'
      ? {
          header: () => ot().columns.resolvedAt,
          cell: (o) => (o.resolvedAt ? <DateCell iso={o.resolvedAt} /> : '—'),
        }
      : {
          header: () => ot().columns.end,
          cell: (o) => (o.expectedEndAt ? <DateCell iso={o.expectedEndAt} /> : ot().noEnd),
        },
    { header: () => ot().columns.conversations, cell: (o) => String(o.conversationCount) },
    {
      header: () => ot().columns.campaigns,
      cell: (o) => (
        <Show when={o.noticeCampaignId || o.resolutionCampaignId} fallback={ot().noNotice}>
          <span class="otg-campaigns">
            <CampaignLink id={o.noticeCampaignId} label={ot().notice} />
            <CampaignLink id={o.resolutionCampaignId} label={ot().resolutionNotice} />
          </span>
        </Show>
      ),
    },
    actionsColumn((o) => (
      <Show when={o.state !== 'resolved'}>
        <button type="button" aria-label={`${ot().resolve} ${o.title}`} onClick={() => setResolving(o)}>
          {ot().resolve}
        </button>
      </Show>
    )),
  ];

  return (
    <AdminScreen
      titleId="outages-title"
      title={ot().title}
      add={{ label: ot().new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <p class="admin-hint">{ot().intro}</p>
      <EditSlot editing={screen.editing()}>
        {() => (
          <OutageForm
            onCancel={screen.close}
            onSaved={(message) => {
              screen.saved(message);
            }}
          />
        )}
      </EditSlot>
      <TabbedTable
        tabs={STATES}
        current={state()}
        onTab={setState}
        label={ot().tabsLabel}
        words={ot().tabs}
        empty={ot().empty}
        resource={outages}
        retry={refetch}
        rows={(data) => data.outages}
        labelledBy="outages-title"
        columns={columns()}
      />
      <ResolveDialog
        outage={resolving()}
        onClose={() => setResolving(null)}
        onResolved={(message) => {
          screen.setStatus({ message, error: false });
          void refetch();
        }}
      />
    </AdminScreen>
  );
}
