// Equipe ao vivo (supervisors and up: routing.manage): per team its queue (how many wait, the longest wait
// ticking each second, the routing mode) and each agent's status and load against capacity, from the inbox
// socket's routing frames. A modal dialog opened from the top bar (keyboard: Tab to it, Escape closes); in
// the page only while open, so its second-by-second clock runs only then.
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { RoutingLoad } from '../../../workers/contract';
import type { InboxConnectionState } from '../../lib/inbox-client';
import { type LoadAgent, type TeamGroup, teamGroups, waitClock } from './team-groups';
import { tl } from './team-live-i18n';
import './team-live.css';

export function TeamLive(props: {
  routing: RoutingLoad | null;
  connection: InboxConnectionState;
  onClose: () => void;
}) {
  const [now, setNow] = createSignal(Date.now());
  const tick = setInterval(() => setNow(Date.now()), 1000);
  onCleanup(() => clearInterval(tick));
  return (
    <dialog
      ref={(d) => queueMicrotask(() => d.isConnected && !d.open && d.showModal())}
      class="team-live"
      aria-labelledby="team-live-title"
      onClose={() => props.onClose()}
    >
      <div class="team-live-head">
        <h2 id="team-live-title">{tl().title}</h2>
        <button type="button" onClick={() => props.onClose()}>
          {tl().close}
        </button>
      </div>
      <p class="team-live-intro">{tl().intro}</p>
      <Show when={props.connection !== 'live' && props.routing}>
        <p class="team-live-stale" role="status">
          {tl().offline}
        </p>
      </Show>
      <Show
        when={props.routing}
        fallback={
          <p class="team-live-waiting" aria-busy="true">
            {tl().waiting}
          </p>
        }
      >
        {(routing) => (
          <Show
            when={teamGroups(routing()).length > 0}
            fallback={<p class="team-live-empty">{tl().empty}</p>}
          >
            <div class="team-live-groups">
              <For each={teamGroups(routing())}>{(group) => <Group group={group} now={now()} />}</For>
            </div>
          </Show>
        )}
      </Show>
    </dialog>
  );
}

function Group(props: { group: TeamGroup; now: number }) {
  const id = `team-live-${props.group.key}`;
  const name = () => props.group.queue?.teamName ?? tl().noTeam;
  return (
    <section class="team-live-group" aria-labelledby={id}>
      <header>
        <h3 id={id}>{name()}</h3>
        <Show when={props.group.queue}>
          {(q) => <span class={`team-live-mode ${q().mode}`}>{tl().modes[q().mode]}</span>}
        </Show>
      </header>
      <Show when={props.group.queue}>
        {(q) => (
          <p class={q().queued > 0 ? 'team-live-queue waiting' : 'team-live-queue'}>
            <strong>{tl().queued(q().queued)}</strong>
            <Show when={q().oldestQueuedAt}>
              {(since) => (
                <span>
                  {' · '}
                  {tl().longest} <time class="team-live-clock">{waitClock(since(), props.now)}</time>
                </span>
              )}
            </Show>
          </p>
        )}
      </Show>
      <Show
        when={props.group.agents.length > 0}
        fallback={<Show when={props.group.queue?.teamId}>{<p class="admin-hint">{tl().noAgents}</p>}</Show>}
      >
        <ul class="team-live-agents" aria-label={`${tl().agents}: ${name()}`}>
          <For each={props.group.agents}>{(agent) => <AgentRow agent={agent} />}</For>
        </ul>
      </Show>
    </section>
  );
}

function AgentRow(props: { agent: LoadAgent }) {
  const a = () => props.agent;
  const share = () => (a().capacity > 0 ? Math.min(1, a().load / a().capacity) : a().load > 0 ? 1 : 0);
  const full = () => a().load >= a().capacity;
  return (
    <li class={`team-live-agent ${a().status}`}>
      <span class="team-live-dot" aria-hidden="true" />
      <span class="team-live-name">
        {a().name} <span class="team-live-status">({tl().status[a().status]})</span>
      </span>
      {/* The bar repeats the words beside it ("2 de 3") for the eye only. */}
      <span class={full() ? 'team-live-bar full' : 'team-live-bar'} aria-hidden="true">
        <span style={{ width: `${Math.round(share() * 100)}%` }} />
      </span>
      <span class="team-live-load">
        {tl().load(a().load, a().capacity)}
        <Show when={full() && a().capacity > 0}> · {tl().full}</Show>
      </span>
    </li>
  );
}
