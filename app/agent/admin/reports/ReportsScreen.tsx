// "Relatórios" (reports.read: supervisors and up): the period's cards against the previous period, the
// breakdown per agent / team / channel / tag with CSV export, the hand-off reasons, the volume heatmap and the
// backlog chart, for a range of days in the tenant's time zone and optional filters. Every number comes from
// /api/reports/* (one definition per metric, README "Reports: one definition per metric").
import { createMemo, createResource, createSignal, Match, onMount, Show, Switch, untrack } from 'solid-js';
import type { ReportDimension, ReportMetrics, ReportQuery } from '../../../../workers/contract/reports';
import { locale } from '../../i18n';
import { AdminScreen } from '../AdminScreen';
import { useAdmin } from '../admin-context';
import { BacklogChart } from './BacklogChart';
import { FIRST_DIMENSION, firstQuery } from './first-view';
import { HandoffReasons } from './HandoffReasons';
import { ReportCards } from './ReportCards';
import { ReportControls, type ReportFilters } from './ReportControls';
import { ReportTables } from './ReportTables';
import type { DayRange } from './report-range';
import { getOverview } from './reports-api';
import { rt } from './reports-i18n';
import { VolumeHeatmap } from './VolumeHeatmap';
import '../../styles/panels.css';
import './reports.css';

const dayText = (day: string) => day.split('-').reverse().join('/');

/** Nothing happened in the period: no ticket opened or resolved, no message either way. */
export function isEmpty(m: ReportMetrics): boolean {
  return m.ticketsOpened === 0 && m.ticketsResolved === 0 && m.messagesIn === 0 && m.messagesOut === 0;
}

export function ReportsScreen() {
  const admin = useAdmin();
  const zone = () => admin.tenant().timezone;
  const [range, setRange] = createSignal<DayRange>(firstQuery(zone(), Date.now()));
  const [filters, setFilters] = createSignal<ReportFilters>({});
  const query = createMemo<ReportQuery>(
    () => ({ ...range(), ...filters() }),
    { ...range(), ...filters() },
    {
      equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    },
  );
  // The tab on screen lives here so the first view's one request (overview) brings that tab's table; the
  // tables join it rather than asking again. A tab change alone asks for its table only (ReportTables).
  const [dimension, setDimension] = createSignal<ReportDimension>(FIRST_DIMENSION);
  const [overview, { refetch }] = createResource(query, (q) =>
    getOverview(admin.token, q, untrack(dimension)),
  );
  // The chart library is loaded while the numbers are asked for, not after they arrive (BacklogChart).
  onMount(() => void import('./backlog-chart').then((m) => m.loadChartLibrary()).catch(() => {}));

  return (
    <AdminScreen titleId="reports-title" title={rt().title} status={null}>
      <p class="admin-hint">
        {rt().intro} <span class="rpt-zone">{rt().zone(zone())}</span>
      </p>
      <ReportControls
        range={range()}
        onRange={setRange}
        filters={filters()}
        onFilters={setFilters}
        settled={overview.latest !== undefined || overview.error !== undefined}
      />
      <Switch fallback={<p aria-busy="true">{rt().loading}</p>}>
        <Match when={overview.error}>
          <p role="alert" class="admin-error">
            {rt().failed}
          </p>
          <button type="button" onClick={() => void refetch()}>
            {rt().retry}
          </button>
        </Match>
        <Match when={overview.latest?.summary}>
          {(s) => (
            <div class="rpt-body" aria-busy={overview.loading ? 'true' : undefined}>
              <p class="rpt-period">
                <strong>
                  {dayText(s().range.from)} – {dayText(s().range.to)}
                </strong>{' '}
                · {rt().comparedWith(dayText(s().previousRange.from), dayText(s().previousRange.to))}
                <Show when={s().freshAt}>
                  {(at) => (
                    <span class="rpt-fresh">
                      {' '}
                      ·{' '}
                      {rt().fresh(
                        new Intl.DateTimeFormat(locale(), {
                          timeZone: zone(),
                          dateStyle: 'short',
                          timeStyle: 'short',
                        }).format(new Date(at())),
                      )}
                    </span>
                  )}
                </Show>
              </p>
              <Show
                when={!isEmpty(s().current)}
                fallback={<p class="rpt-empty rpt-empty-period">{rt().empty}</p>}
              >
                <ReportCards summary={s()} />
                <ReportTables query={query()} dimension={dimension()} onDimension={setDimension} />
                <div class="panel-pair">
                  <Show when={overview.latest?.backlog}>{(b) => <BacklogChart series={b()} />}</Show>
                  <HandoffReasons metrics={s().current} />
                </div>
                <Show when={overview.latest?.volume}>{(v) => <VolumeHeatmap map={v()} />}</Show>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </AdminScreen>
  );
}
