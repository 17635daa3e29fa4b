// "Ao vivo" (reports.read: supervisors and up): per team the queue, the longest wait (ticking each second),
// agents online and tickets whose SLA is at risk or breached; every agent's status and load; the tickets at
// risk, most urgent first (each opens its conversation); the active outages. Derived from the inbox socket's
// state (live-view.ts), so it moves as soon as a routing frame or a summary arrives.
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { AdminScreen } from '../admin/AdminScreen';
import { formatDate, useAdmin } from '../admin/admin-context';
import { useApp } from '../context';
import { createOutageState } from '../inbox/outage/outage-state';
import { KeyedFor } from '../KeyedFor';
import { waitClock } from '../team-live/team-groups';
import { lt } from './live-i18n';
import { type LiveTeam, liveView } from './live-view';
import '../styles/panels.css';
import './live.css';

const SLA_ROWS = 10;

export function LiveScreen() {
  const app = useApp();
  const admin = useAdmin();
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(tick));
  const outages = createOutageState(() => admin.token, app.inbox.summaries);
  const view = createMemo(() =>
    liveView(app.inbox.routing(), app.inbox.summaries(), outages.active(), now()),
  );
  const zone = () => admin.tenant().timezone;
  const formatDue = (dueAt: string | null) => (dueAt ? formatDate(dueAt, zone()) : '—');

  return (
    <AdminScreen titleId="live-title" title={lt().title} status={null}>
      <p class="admin-hint">{lt().intro}</p>
      <Show when={app.inbox.connection() !== 'live' && app.inbox.routing()}>
        <p class="live-stale" role="status">
          {lt().offline}
        </p>
      </Show>
      <Show
        when={app.inbox.routing()}
        fallback={
          <p aria-busy="true" class="live-waiting">
            {lt().waitingData}
          </p>
        }
      >
        <section class="live-section" aria-labelledby="live-teams-title">
          <h4 id="live-teams-title">{lt().teams}</h4>
          <Show when={view().teams.length > 0} fallback={<p class="live-empty">{lt().noTeams}</p>}>
            <ul class="live-teams">
              <For each={view().teams}>{(team) => <TeamCard team={team} />}</For>
            </ul>
          </Show>
        </section>
        <div class="panel-pair live-pair">
          <section class="live-section" aria-labelledby="live-agents-title">
            <h4 id="live-agents-title">{lt().agents}</h4>
            <Show when={view().agents.length > 0} fallback={<p class="live-empty">{lt().noAgents}</p>}>
              <table class="admin-table live-agents" aria-labelledby="live-agents-title">
                <thead>
                  <tr>
                    <th scope="col">{lt().agent}</th>
                    <th scope="col">{lt().status}</th>
                    <th scope="col">{lt().load}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={view().agents}>
                    {(a) => {
                      const full = () => a.capacity !== null && a.capacity > 0 && a.open >= a.capacity;
                      const share = () =>
                        a.capacity ? Math.min(1, a.open / a.capacity) : a.open > 0 ? 1 : 0;
                      return (
                        <tr class={`live-agent ${a.presence}`}>
                          <th scope="row">{a.name}</th>
                          <td>
                            <span class="live-dot" aria-hidden="true" />
                            {lt().presence[a.presence]}
                          </td>
                          <td>
                            <span
                              class={full() ? 'meter-bar live-bar full' : 'meter-bar live-bar'}
                              aria-hidden="true"
                            >
                              <span style={{ width: `${Math.round(share() * 100)}%` }} />
                            </span>
                            {lt().loadText(a.open, a.capacity)}
                            <Show when={full()}> · {lt().full}</Show>
                          </td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </Show>
          </section>
          <section class="live-section" aria-labelledby="live-outages-title">
            <h4 id="live-outages-title">{lt().outages}</h4>
            <Show when={view().outages.length > 0} fallback={<p class="live-empty">{lt().noOutages}</p>}>
              <ul class="live-outages">
                <For each={view().outages}>
                  {(o) => (
                    <li>
                      <strong>{o.title}</strong>
                      <span class="live-outage-meta">
                        {lt().since} {formatDate(o.startsAt, zone())} · {lt().conversations(o.conversations)}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        </div>
        <section class="live-section" aria-labelledby="live-sla-title">
          <h4 id="live-sla-title">{lt().sla}</h4>
          <Show when={view().slaTickets.length > 0} fallback={<p class="live-empty">{lt().noSla}</p>}>
            <table class="admin-table live-sla" aria-labelledby="live-sla-title">
              <thead>
                <tr>
                  <th scope="col">{lt().ticket}</th>
                  <th scope="col">{lt().team}</th>
                  <th scope="col">{lt().assignee}</th>
                  <th scope="col">{lt().status}</th>
                  <th scope="col">{lt().due}</th>
                </tr>
              </thead>
              <tbody>
                {/* Keyed by conversation: the view is rebuilt every second, and a re-created link lost clicks. */}
                <KeyedFor each={view().slaTickets.slice(0, SLA_ROWS)} by={(t) => t.conversationId}>
                  {(t, id) => (
                    <tr>
                      <th scope="row">
                        <a
                          href={`/conversations/${id}`}
                          onClick={(e) => {
                            if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                            e.preventDefault();
                            app.open(id);
                          }}
                        >
                          {t().contact}
                        </a>
                      </th>
                      <td>{t().teamName ?? lt().noTeam}</td>
                      <td>{t().assigneeName ?? lt().unassigned}</td>
                      <td>
                        <span class={`live-standing ${t().standing}`}>{lt().standing[t().standing]}</span>
                      </td>
                      <td>{formatDue(t().dueAt)}</td>
                    </tr>
                  )}
                </KeyedFor>
              </tbody>
            </table>
            <Show when={view().slaTickets.length > SLA_ROWS}>
              <p class="admin-hint">{lt().more(view().slaTickets.length - SLA_ROWS)}</p>
            </Show>
          </Show>
        </section>
      </Show>
    </AdminScreen>
  );
}

function TeamCard(props: { team: LiveTeam }) {
  const id = () => `live-team-${props.team.key}`;
  const name = () => props.team.name || lt().noTeam;
  const wait = () =>
    props.team.longestWaitSeconds === null
      ? '—'
      : waitClock(new Date(0).toISOString(), props.team.longestWaitSeconds * 1000);
  return (
    <li
      class={props.team.waiting > 0 ? 'live-team busy' : 'live-team'}
      aria-labelledby={id()}
      data-team={props.team.key}
    >
      <h5 id={id()}>{name()}</h5>
      <dl>
        <div>
          <dt>{lt().waiting}</dt>
          <dd data-stat="waiting">{props.team.waiting}</dd>
        </div>
        <div>
          <dt>{lt().longest}</dt>
          <dd data-stat="longest">
            <time>{wait()}</time>
          </dd>
        </div>
        <div>
          <dt>{lt().online}</dt>
          <dd data-stat="online">{props.team.agentsOnline}</dd>
        </div>
        <div class={props.team.slaAtRisk > 0 ? 'warn' : undefined}>
          <dt>{lt().atRisk}</dt>
          <dd data-stat="at-risk">{props.team.slaAtRisk}</dd>
        </div>
        <div class={props.team.slaBreached > 0 ? 'alarm' : undefined}>
          <dt>{lt().breached}</dt>
          <dd data-stat="breached">{props.team.slaBreached}</dd>
        </div>
      </dl>
    </li>
  );
}
