// "Resumo do robô": what the bot found out before handing the customer over (its summary, why it handed off,
// the ticket the ERP opened), at the top of the conversation so the agent reads it before the timeline and the
// customer need not repeat themselves. A ticket the bot closed alone says so.
import { Show } from 'solid-js';
import type { BotBrief } from '../../lib/bot-brief';
import { t } from '../i18n';

export function BotBriefBlock(props: { brief: BotBrief }) {
  const b = () => props.brief;
  return (
    <section class="bot-brief" aria-labelledby="bot-brief-title">
      <h3 id="bot-brief-title">{t().botBrief.title}</h3>
      <Show when={b().summary}>{(text) => <p class="bot-summary">{text()}</p>}</Show>
      <Show when={b().handoffReason || b().erpProtocol || b().resolvedBy === 'bot'}>
        <dl>
          <Show when={b().handoffReason}>
            {(reason) => (
              <div>
                <dt>{t().botBrief.reason}</dt>
                <dd>{handoffReasonText(reason())}</dd>
              </div>
            )}
          </Show>
          <Show when={b().erpProtocol}>
            {(protocol) => (
              <div>
                <dt>{t().botBrief.erpProtocol}</dt>
                <dd>
                  <strong>{protocol()}</strong>
                </dd>
              </div>
            )}
          </Show>
          <Show when={b().resolvedBy === 'bot'}>
            <div>
              <dt>{t().botBrief.outcome}</dt>
              <dd>{t().botBrief.resolvedByBot}</dd>
            </div>
          </Show>
        </dl>
      </Show>
      <Show when={!b().summary && b().handoffReason}>
        <p class="muted">{t().botBrief.noSummary}</p>
      </Show>
    </section>
  );
}

/** A known reason in the agent's language; a flow's own reason as the flow wrote it. */
export function handoffReasonText(reason: string): string {
  return t().botBrief.reasons[reason] ?? reason;
}
