// The ticket of the open conversation and what an agent can do to it: take (Assumir), back to the queue,
// transfer or assign, close (Encerrar) and reopen (Reabrir), priority 1–5 and tags; the ERP's protocol when
// the bot opened a ticket there. Refusals (someone else took it first) are shown as the server explains them.
import { createSignal, For, Show } from 'solid-js';
import type { InboxSummary, TicketActionRequest } from '../../../workers/contract';
import { useApp } from '../context';
import { t } from '../i18n';
import { PRIORITIES, priorityClass, priorityName } from '../priority/priority';
import { TagsEditor } from './TagsEditor';
import { TransferPanel } from './TransferPanel';

export function TicketBar(props: { summary: InboxSummary; erpProtocol?: string | null }) {
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [transferring, setTransferring] = createSignal(false);
  const s = () => props.summary;
  const mine = () => s().assigneeId === app.me().user.id;
  const closed = () => s().status === 'closed';

  async function run(action: TicketActionRequest) {
    setBusy(true);
    setError(null);
    const failure = await app.act(s().conversationId, action);
    setBusy(false);
    setError(failure);
    return failure === null;
  }

  return (
    <fieldset class="ticket-bar">
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
      <Show when={!closed() && !mine()}>
        <button type="button" class="primary" disabled={busy()} onClick={() => void run({ action: 'take' })}>
          {t().ticket.take}
        </button>
      </Show>
      <Show when={!closed() && s().assigneeId}>
        <button type="button" disabled={busy()} onClick={() => void run({ action: 'unassign' })}>
          {t().ticket.unassign}
        </button>
      </Show>
      <Show when={!closed()}>
        <button
          type="button"
          disabled={busy()}
          aria-expanded={transferring()}
          onClick={() => setTransferring((v) => !v)}
        >
          {t().ticket.transfer}
        </button>
      </Show>
      <Show
        when={closed()}
        fallback={
          <button type="button" disabled={busy()} onClick={() => void run({ action: 'close' })}>
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
      <label class="inline">
        {t().ticket.priority}
        <select
          class={`priority-select ${priorityClass(s().priority)}`}
          value={String(s().priority)}
          disabled={busy() || closed()}
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
      <TagsEditor tags={s().tags} disabled={busy()} onChange={(tags) => run({ action: 'tags', tags })} />
      <Show when={transferring()}>
        <TransferPanel
          summary={s()}
          onCancel={() => setTransferring(false)}
          onSubmit={async (action) => {
            if (await run(action)) setTransferring(false);
          }}
        />
      </Show>
      <Show when={error()}>
        <p role="alert" class="error-text">
          {error()}
        </p>
      </Show>
    </fieldset>
  );
}
