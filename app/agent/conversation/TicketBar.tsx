// The ticket of the open conversation and what an agent can do to it: take (Assumir), back to the queue,
// transfer or assign, close (Encerrar) and reopen (Reabrir), priority 1–5 and tags; the ERP's protocol when
// the bot opened a ticket there. The bar follows the newest state of the ticket (see ticket-view.ts): "Assumir"
// only while nobody has it; another agent's ticket is read-only to an agent (the server refuses it too), with
// the reason shown beside the bar and on each disabled control. Refusals are shown as the app words them.
import './ticket-bar-desktop.css';
import { createSignal, For, Show } from 'solid-js';
import type { InboxSummary, TicketActionRequest } from '../../../workers/contract';
import { useApp } from '../context';
import { t } from '../i18n';
import { PRIORITIES, priorityClass, priorityName } from '../priority/priority';
import { TagsEditor } from './TagsEditor';
import { TransferPanel } from './TransferPanel';
import { type TicketVerb, tr } from './ticket-rules-i18n';
import { ticketAbilities } from './ticket-view';
import './ticket-rules.css';

export function TicketBar(props: { summary: InboxSummary; erpProtocol?: string | null }) {
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [transferring, setTransferring] = createSignal(false);
  const s = () => props.summary;
  const can = () => ticketAbilities(s(), app.me().user);
  const closed = () => can().closed;
  /** Why a control is off (its tooltip), or nothing when the agent may use it. */
  const why = (verb: TicketVerb) => (can().canWork ? undefined : tr().othersTicket(verb, s().assigneeName));

  async function run(action: TicketActionRequest) {
    setBusy(true);
    setError(null);
    const failure = await app.act(s().conversationId, action);
    setBusy(false);
    setError(failure);
    return failure === null;
  }

  return (
    <fieldset class="ticket-bar" aria-describedby={can().canWork || error() ? undefined : 'ticket-bar-why'}>
      <legend class="visually-hidden">{t().ticket.actions}</legend>
      <span class={`status ${s().status}`}>{t().status[s().status]}</span>
      <span>
        {t().ticket.assignee}: {s().assigneeName ?? t().ticket.nobody}
      </span>
      <span>
        {t().ticket.team}: {s().teamName ?? t().ticket.noTeam}
      </span>
      <Show when={props.erpProtocol}>
        {(p) => (
          <span class="erp-protocol">
            {t().botBrief.erpProtocol}: <strong>{p()}</strong>
          </span>
        )}
      </Show>
      <Show when={can().canTake}>
        <button type="button" class="primary" disabled={busy()} onClick={() => void run({ action: 'take' })}>
          {t().ticket.take}
        </button>
      </Show>
      <Show when={!closed() && s().assigneeId}>
        <button
          type="button"
          disabled={busy() || !can().canWork}
          title={why('unassign')}
          onClick={() => void run({ action: 'unassign' })}
        >
          {t().ticket.unassign}
        </button>
      </Show>
      <Show when={!closed()}>
        <button
          type="button"
          disabled={busy() || !can().canWork}
          title={why('transfer')}
          aria-expanded={transferring() && can().canWork}
          onClick={() => setTransferring((v) => !v)}
        >
          {t().ticket.transfer}
        </button>
      </Show>
      <Show
        when={closed()}
        fallback={
          <button
            type="button"
            disabled={busy() || !can().canWork}
            title={why('close')}
            onClick={() => void run({ action: 'close' })}
          >
            {t().ticket.close}
          </button>
        }
      >
        <button
          type="button"
          class="primary"
          disabled={busy()}
          onClick={() => void run({ action: 'reopen' })}
        >
          {t().ticket.reopen}
        </button>
      </Show>
      <label class="inline" title={why('priority')}>
        {t().ticket.priority}
        <select
          class={`priority-select ${priorityClass(s().priority)}`}
          value={String(s().priority)}
          disabled={busy() || closed() || !can().canWork}
          onChange={(e) => {
            const select = e.currentTarget;
            // A refused change must not leave the menu showing a priority the ticket does not have.
            void run({ action: 'priority', priority: Number(select.value) }).then((ok) => {
              if (!ok) select.value = String(s().priority);
            });
          }}
        >
          <For each={PRIORITIES}>{(p) => <option value={String(p)}>{priorityName(p)}</option>}</For>
        </select>
      </label>
      <TagsEditor
        tags={s().tags}
        disabled={busy() || !can().canWork}
        onChange={(tags) => run({ action: 'tags', tags })}
      />
      <Show when={transferring() && can().canWork && !closed()}>
        <TransferPanel
          summary={s()}
          onCancel={() => setTransferring(false)}
          onSubmit={async (action) => {
            if (await run(action)) setTransferring(false);
          }}
        />
      </Show>
      {/* A refusal's own alert says the same, worded for the action tried: one of them is enough. */}
      <Show when={!can().canWork && !error()}>
        <p id="ticket-bar-why" class="ticket-why">
          {tr().othersTicket('change', s().assigneeName)}
        </p>
      </Show>
      <Show when={error()}>
        <p role="alert" class="error-text">
          {error()}
        </p>
      </Show>
    </fieldset>
  );
}
