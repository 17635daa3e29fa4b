// Distribuição (admins and supervisors: routing.manage): per team how queued conversations reach agents
// (Manual / Rodízio / Equilibrado, default capacity, back-to-the-queue limits, hours) and per agent their own
// capacity. Every save tells the tenant inbox, which drains the queue under the new rules at once.
import { createResource, createSignal, For, Show } from 'solid-js';
import { useAdmin } from '../admin-context';
import { StatusLine } from '../fields';
import { Loaded } from '../Loaded';
import { AgentCapacities } from './AgentCapacities';
import { getRouting } from './routing-api';
import { rt } from './routing-i18n';
import { TeamRoutingForm } from './TeamRoutingForm';
import './routing.css';

export function RoutingScreen() {
  const admin = useAdmin();
  const [config, { refetch }] = createResource(() => admin.token, getRouting);
  const [done, setDone] = createSignal<string | null>(null);
  // A team's default changes its agents' effective capacity: read the whole screen again.
  const saved = (message: string) => {
    setDone(message);
    void refetch();
  };
  return (
    <section class="admin-screen routing-screen" aria-labelledby="routing-title">
      <div class="admin-head">
        <h3 id="routing-title">{rt().title}</h3>
      </div>
      <p class="routing-intro">{rt().intro}</p>
      <StatusLine message={done()} />
      <Loaded resource={config} retry={refetch}>
        {(c) => (
          <>
            <h4 id="routing-teams-title">{rt().teamsTitle}</h4>
            <Show when={c().teams.length > 0} fallback={<p>{rt().noTeams}</p>}>
              <div class="routing-teams">
                {/* Keyed by id: a refetch after a save keeps each form (and what is being typed in another). */}
                <For each={c().teams.map((t) => t.id)}>
                  {(id) => (
                    <Show when={c().teams.find((t) => t.id === id)}>
                      {(team) => (
                        <TeamRoutingForm team={team()} tenantDefault={c().defaultCapacity} onSaved={saved} />
                      )}
                    </Show>
                  )}
                </For>
              </div>
            </Show>
            <h4 id="routing-agents-title">{rt().agentsTitle}</h4>
            <p class="admin-hint">{rt().agentsIntro(c().defaultCapacity)}</p>
            <AgentCapacities config={c()} onSaved={setDone} />
          </>
        )}
      </Loaded>
    </section>
  );
}
