// Transfer to a team and/or agent, or assign to an agent, from the directory; each agent is shown with
// their presence so nobody hands a customer to someone who is away.
import { createSignal, For } from 'solid-js';
import type { InboxSummary, TicketActionRequest } from '../../../workers/contract';
import { useApp } from '../context';
import { t } from '../i18n';

export function TransferPanel(props: {
  summary: InboxSummary;
  onSubmit: (action: TicketActionRequest) => void;
  onCancel: () => void;
}) {
  const app = useApp();
  const [teamId, setTeamId] = createSignal('');
  const [agentId, setAgentId] = createSignal('');
  const teams = () => app.directory()?.teams ?? [];
  const agents = () => {
    const all = app.directory()?.agents ?? [];
    const team = teamId();
    return team ? all.filter((a) => a.teamIds.includes(team)) : all;
  };
  const presenceOf = (userId: string) => app.inbox.presence().get(userId)?.status ?? 'offline';

  function submit(e: SubmitEvent) {
    e.preventDefault();
    const team = teamId() || null;
    const agent = agentId() || null;
    // Same team, an agent named: a plain assignment; anything else is a transfer (no agent: to the queue).
    if (!team && agent) props.onSubmit({ action: 'assign', assigneeId: agent });
    else props.onSubmit({ action: 'transfer', teamId: team ?? props.summary.teamId, assigneeId: agent });
  }

  return (
    <form class="transfer" onSubmit={submit} aria-labelledby="transfer-title">
      <h3 id="transfer-title">{t().ticket.transferTitle}</h3>
      <label>
        {t().ticket.toTeam}
        <select
          value={teamId()}
          onChange={(e) => {
            setTeamId(e.currentTarget.value);
            setAgentId('');
          }}
        >
          <option value="">{t().ticket.keepTeam}</option>
          <For each={teams()}>{(team) => <option value={team.id}>{team.name}</option>}</For>
        </select>
      </label>
      <label>
        {t().ticket.toAgent}
        <select value={agentId()} onChange={(e) => setAgentId(e.currentTarget.value)}>
          <option value="">{t().ticket.anyAgent}</option>
          <For each={agents()}>
            {(a) => (
              <option value={a.id}>
                {a.name} — {t().presence[presenceOf(a.id)]}
              </option>
            )}
          </For>
        </select>
      </label>
      <button type="submit" class="primary" disabled={!teamId() && !agentId()}>
        {t().ticket.confirm}
      </button>
      <button type="button" onClick={() => props.onCancel()}>
        {t().ticket.cancel}
      </button>
    </form>
  );
}
