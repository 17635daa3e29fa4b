// "Alertas" (alerts.read: admins and owners): the tenant's operational alerts, open first, each with its
// severity, words (from the server), since when, and whether someone has seen it; "Marcar como visto"
// acknowledges one. Refreshed every 30 s while open, like the top bar's badge.
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import type { AlertView } from '../../../../workers/contract/alerts';
import { locale } from '../../i18n';
import { AdminScreen } from '../AdminScreen';
import { actionsColumn, type Column, DateCell } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { TabbedTable } from '../TabbedTable';
import { acknowledgeAlert, listAlerts } from './alerts-api';
import { alt } from './alerts-i18n';
import './alerts.css';

const STATES = ['open', 'all'] as const;
export const ALERTS_REFRESH_MS = 30_000;

export function AlertsScreen() {
  const admin = useAdmin();
  const [state, setState] = createSignal<'open' | 'all'>('open');
  const [alerts, { refetch }] = createResource(
    () => [admin.token, state()] as const,
    ([token, s]) => listAlerts(token, s),
  );
  const timer = setInterval(() => void refetch(), ALERTS_REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);

  const acknowledge = async (a: AlertView) => {
    setBusy(a.id);
    try {
      await acknowledgeAlert(admin.token, a.id);
      setStatus({ message: alt().acknowledgedDone, error: false });
      window.dispatchEvent(new Event('fio:alerts-changed'));
      await refetch();
    } catch (err) {
      setStatus({ message: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(null);
    }
  };

  const columns = (): Column<AlertView>[] => [
    {
      header: () => alt().columns.severity,
      cell: (a) => <span class={`alr-sev alr-sev-${a.severity}`}>{alt().severity[a.severity]}</span>,
    },
    {
      header: () => alt().columns.alert,
      cell: (a) => (
        <span class="alr-text">
          <strong>{a.title[locale()]}</strong>
          <span>{a.message[locale()]}</span>
        </span>
      ),
    },
    { header: () => alt().columns.opened, cell: (a) => <DateCell iso={a.openedAt} /> },
    {
      header: () => alt().columns.state,
      cell: (a) => (
        <span class={`alr-state alr-state-${a.state}`}>
          {alt().state[a.state]}
          <Show when={a.resolvedAt}>
            {(at) => (
              <>
                {' · '}
                <DateCell iso={at()} />
              </>
            )}
          </Show>
        </span>
      ),
    },
    {
      header: () => alt().columns.seen,
      cell: (a) => (a.acknowledgedAt ? <DateCell iso={a.acknowledgedAt} /> : alt().notSeen),
    },
    actionsColumn((a) => (
      <Show when={a.state === 'open' && !a.acknowledgedAt}>
        <button
          type="button"
          disabled={busy() === a.id}
          aria-label={`${alt().acknowledge}: ${a.title[locale()]}`}
          onClick={() => void acknowledge(a)}
        >
          {alt().acknowledge}
        </button>
      </Show>
    )),
  ];

  return (
    <AdminScreen titleId="alerts-title" title={alt().title} status={status()}>
      <p class="admin-hint">{alt().intro}</p>
      <TabbedTable
        tabs={STATES}
        current={state()}
        onTab={setState}
        label={alt().tabsLabel}
        words={alt().tabs}
        empty={alt().empty}
        resource={alerts}
        retry={refetch}
        rows={(data) => data.alerts}
        labelledBy="alerts-title"
        columns={columns()}
      />
    </AdminScreen>
  );
}
