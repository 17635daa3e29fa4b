// Agents' own capacity on the Distribuição screen: one row per active agent with their teams and a number box
// (blank: the team's or tenant's default, shown as the effective number by the contract's one rule), saved
// per row; a refusal shows under the box and nothing is sent.
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { Capacity, effectiveCapacity, type RoutingConfig } from '../../../../workers/contract';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { describedBy } from '../fields';
import { fromApiError } from '../form-errors';
import { checkNumber, numberText } from './number-field';
import { setAgentCapacity } from './routing-api';
import { rt } from './routing-i18n';

type Agent = RoutingConfig['agents'][number];

export function AgentCapacities(props: { config: RoutingConfig; onSaved: (message: string) => void }) {
  const teamName = (id: string) => props.config.teams.find((t) => t.id === id)?.name ?? '';
  return (
    <Show when={props.config.agents.length > 0} fallback={<p>{rt().noAgents}</p>}>
      <table class="admin-table routing-agents" aria-labelledby="routing-agents-title">
        <thead>
          <tr>
            <th scope="col">{rt().agent}</th>
            <th scope="col">{rt().teams}</th>
            <th scope="col">{rt().capacity}</th>
          </tr>
        </thead>
        <tbody>
          {/* Keyed by id: the screen reads everything again after a team's save; a row being typed in stays. */}
          <For each={props.config.agents.map((a) => a.id)}>
            {(id) => (
              <Show when={props.config.agents.find((a) => a.id === id)}>
                {(agent) => (
                  <tr>
                    <th scope="row">{agent().name}</th>
                    <td>{agent().teamIds.map(teamName).filter(Boolean).join(', ') || rt().noTeam}</td>
                    <td>
                      <CapacityCell agent={agent()} config={props.config} onSaved={props.onSaved} />
                    </td>
                  </tr>
                )}
              </Show>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}

function CapacityCell(props: { agent: Agent; config: RoutingConfig; onSaved: (message: string) => void }) {
  const admin = useAdmin();
  const id = createUniqueId();
  const [text, setText] = createSignal(numberText(props.agent.capacity));
  const [saved, setSaved] = createSignal<number | null>(props.agent.capacity);
  const [error, setError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const teamDefaults = () =>
    props.config.teams.filter((t) => props.agent.teamIds.includes(t.id)).map((t) => t.defaultCapacity);
  const inherited = () => effectiveCapacity(null, teamDefaults(), props.config.defaultCapacity);
  const effective = () => effectiveCapacity(saved(), teamDefaults(), props.config.defaultCapacity);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    const checked = checkNumber(text(), Capacity.nullable(), rt().errors.capacity);
    if (!checked.ok) {
      setError(checked.message);
      (e.currentTarget as HTMLFormElement).querySelector('input')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await setAgentCapacity(admin.token, props.agent.id, { capacity: checked.value });
      setSaved(checked.value);
      props.onSaved(rt().savedAgent(props.agent.name));
    } catch (err) {
      const f = fromApiError(err);
      setError(f.fields.capacity ? rt().errors.capacity : (f.form ?? undefined));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="routing-capacity" novalidate onSubmit={submit}>
      <input
        id={id}
        name="capacity"
        inputmode="numeric"
        size={4}
        value={text()}
        placeholder={rt().inherited(inherited())}
        aria-label={rt().capacityOf(props.agent.name)}
        aria-invalid={error() ? 'true' : undefined}
        aria-describedby={describedBy(id, { hint: 'x', error: error() })}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit" disabled={busy()} aria-label={rt().saveAgent(props.agent.name)}>
        {busy() ? at().saving : at().save}
      </button>
      <p id={`${id}-hint`} class="admin-hint">
        {rt().effective(effective())}
      </p>
      <Show when={error()}>
        <p id={`${id}-error`} class="admin-field-error">
          {error()}
        </p>
      </Show>
    </form>
  );
}
