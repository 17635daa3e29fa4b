// "SLA" (admins): the tenant's SLA policies — name, priority, optional team and channel, and the three targets
// (first response, next response, resolution) in minutes or hours — listed, created, changed and deleted
// after a confirmation.
import { createResource } from 'solid-js';
import type { SlaPolicy } from '../../../../workers/contract';
import { priorityName } from '../../priority/priority';
import { AdminScreen } from '../AdminScreen';
import { AdminTable, actionsColumn, type Column, RowButtons } from '../AdminTable';
import { listChannels, listTeams } from '../admin-api';
import { useAdmin } from '../admin-context';
import { ConfirmDialog } from '../ConfirmDialog';
import { createListScreen, EditSlot } from '../list-screen';
import { durationOf } from './duration';
import { SlaForm, type SlaOptions } from './SlaForm';
import { deleteSlaPolicy, listSlaPolicies } from './service-api';
import { st } from './service-i18n';
import './service.css';

/** "15 min", "4 h" or a dash for a target not measured. */
function target(minutes: number | null): string {
  if (minutes === null) return st().sla.none;
  const d = durationOf(minutes);
  return d.unit === 'hours' ? st().sla.short.hours(Number(d.amount)) : st().sla.short.minutes(minutes);
}

/** Teams and channels to choose from; a list that cannot be read leaves only "any". */
async function loadOptions(token: string): Promise<SlaOptions> {
  const [teams, channels] = await Promise.all([
    listTeams(token)
      .then((r) => r.teams)
      .catch(() => []),
    listChannels(token)
      .then((r) => r.channels)
      .catch(() => []),
  ]);
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    channels: channels.map((c) => ({ id: c.id, name: c.name })),
  };
}

export function SlaScreen() {
  const admin = useAdmin();
  const [policies, { refetch }] = createResource(() => admin.token, listSlaPolicies);
  const [options] = createResource(() => admin.token, loadOptions);
  const screen = createListScreen<SlaPolicy>(refetch);
  const nameIn = (
    list: readonly { id: string; name: string }[] | undefined,
    id: string | null,
    any: string,
  ) => (id === null ? any : (list?.find((x) => x.id === id)?.name ?? st().sla.none));

  const askDelete = (item: SlaPolicy) =>
    screen.askDelete(
      item,
      { message: st().sla.confirmDelete(item.name), done: () => st().sla.deleted(item.name) },
      () => deleteSlaPolicy(admin.token, item.id),
    );

  const columns: Column<SlaPolicy>[] = [
    { header: () => st().sla.name, cell: (p) => p.name },
    {
      header: () => st().sla.priority,
      cell: (p) => (p.priority === null ? st().sla.anyPriority : priorityName(p.priority)),
    },
    { header: () => st().sla.team, cell: (p) => nameIn(options()?.teams, p.teamId, st().sla.anyTeam) },
    {
      header: () => st().sla.channel,
      cell: (p) => nameIn(options()?.channels, p.channelId, st().sla.anyChannel),
    },
    { header: () => st().sla.firstResponse, cell: (p) => target(p.firstResponseMinutes) },
    { header: () => st().sla.nextResponse, cell: (p) => target(p.nextResponseMinutes) },
    { header: () => st().sla.resolution, cell: (p) => target(p.resolutionMinutes) },
    actionsColumn(
      (p) => <RowButtons name={p.name} onEdit={() => screen.open(p)} onDelete={() => askDelete(p)} />,
      'admin-row-actions',
    ),
  ];

  return (
    <AdminScreen
      titleId="sla-title"
      title={st().sla.title}
      add={{ label: st().sla.new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <p class="admin-hint">{st().sla.intro}</p>
      <EditSlot editing={screen.editing()}>
        {(item) => (
          <SlaForm
            policy={item}
            options={options() ?? { teams: [], channels: [] }}
            onCancel={screen.close}
            onSaved={screen.saved}
          />
        )}
      </EditSlot>
      <AdminTable
        resource={policies}
        retry={refetch}
        rows={(data) => data.policies}
        labelledBy="sla-title"
        empty={st().sla.empty}
        columns={columns}
      />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
