// "Este atendimento" in the contact panel: the open conversation's current ticket measured — first response
// time, resolution time once closed, reopens, each SLA target (met / missed / running with its due time),
// breaches — and the customer's rating (stars and comment) once given; a closed ticket not rated yet says so.
// Read from the newest ticket event loaded (every ticket event carries the whole ticket).
import './sla.css';
import { createMemo, For, Show, untrack } from 'solid-js';
import { latestTicket } from '../../lib/bot-brief';
import { useApp } from '../context';
import { Stars } from './Stars';
import { dueAtText, durationText } from './sla-badge';
import { slaFormat, sw } from './sla-words';
import { type TargetState, ticketMetrics } from './ticket-metrics';

export function TicketMetrics(props: { conversationId: string }) {
  const app = useApp();
  // The same live state the conversation pane shows (the cache hands out one per conversation).
  const state = createMemo(() => {
    const s = app.inbox.summary(props.conversationId);
    if (!s) return null;
    return untrack(() => app.conversations.open(props.conversationId, s.lastSeq));
  });
  const ticket = createMemo(() => latestTicket(state()?.items() ?? []));
  const metrics = createMemo(() => {
    const t = ticket();
    return t ? ticketMetrics(t) : null;
  });
  const w = () => sw().metrics;
  const stateText = (state: TargetState, dueAt: string | null) => {
    if (state === 'running')
      return dueAt ? w().running(dueAtText(Date.parse(dueAt), Date.now(), slaFormat())) : '';
    return w()[state];
  };
  return (
    <Show when={metrics()}>
      {(m) => (
        <section class="ticket-metrics" aria-labelledby="ticket-metrics-title">
          <h3 id="ticket-metrics-title">
            {w().title} · {ticket()?.protocol}
          </h3>
          <dl>
            <dt>{w().firstResponse}</dt>
            <dd>
              {m().firstResponseMs === null
                ? w().noFirstResponse
                : durationText(m().firstResponseMs as number, sw())}
            </dd>
            <Show when={m().resolutionMs !== null}>
              <dt>{w().resolution}</dt>
              <dd>{durationText(m().resolutionMs as number, sw())}</dd>
            </Show>
            <dt>{w().reopens}</dt>
            <dd>{m().reopens}</dd>
            <Show when={m().policyName !== null}>
              <dt>{w().breaches}</dt>
              <dd>{w().breachesCount(m().breaches)}</dd>
            </Show>
          </dl>
          <Show when={m().targets.length > 0}>
            <ul class="sla-targets">
              <For each={m().targets}>
                {(x) => (
                  <li data-target={x.target}>
                    {sw().target[x.target]} ({durationText(x.targetMinutes * 60_000, sw())}):{' '}
                    <span class={`target-state ${x.state}`}>{stateText(x.state, x.dueAt)}</span>
                    <Show when={x.target === 'next_response' && m().nextResponseTurns}>
                      {(n) => <span class="muted"> · {w().nextTurns(n().met, n().missed)}</span>}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={m().policyName}>{(p) => <p class="policy">{w().policy(p())}</p>}</Show>
          <Show when={m().csat}>
            {(c) => (
              <div class="csat">
                <strong>{w().csat}:</strong> <Stars score={c().score} />
                <Show when={c().comment} fallback={<span class="muted"> · {w().noComment}</span>}>
                  {(text) => <blockquote>{text()}</blockquote>}
                </Show>
              </div>
            )}
          </Show>
          <Show when={m().awaitingRating}>
            <p class="csat awaiting">{w().awaitingRating}</p>
          </Show>
        </section>
      )}
    </Show>
  );
}
