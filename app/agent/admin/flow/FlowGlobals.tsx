// The flow-wide fields: name, greeting, the first step, the words that reach an agent from anywhere, and the
// hand-off and fallback steps.
import { For, Show } from 'solid-js';
import type { BotFlow, FlowIssue } from '../../../../workers/contract';
import { TextField } from '../fields';
import { ChipsField, FlowText, StepSelect } from './controls';
import { ft } from './flow-i18n';
import { fieldIssue } from './flow-model';
import { issueText } from './issue-text';

export function FlowGlobals(props: {
  flow: BotFlow;
  issues: readonly FlowIssue[];
  onChange: (changes: Partial<BotFlow>) => void;
}) {
  const f = () => ft().fields;
  const ids = () => props.flow.steps.map((s) => s.id);
  const issue = (field: string) => fieldIssue(props.issues, field);
  return (
    <section class="flow-editor admin-panel" aria-labelledby="flow-general-title">
      <h4 id="flow-general-title">⚙ {ft().general}</h4>
      <Show when={props.issues.length > 0}>
        <ul class="flow-issues" role="alert">
          <For each={props.issues}>
            {(i) => (
              <li>
                <Show when={i.path}>
                  <code>{i.path}</code>:{' '}
                </Show>
                {issueText(i)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <TextField
        label={f().name}
        name="name"
        value={props.flow.name}
        error={issue('name')}
        onInput={(name) => props.onChange({ name })}
      />
      <FlowText
        label={f().greeting}
        name="greeting"
        value={props.flow.greeting}
        hint={f().greetingHint}
        error={issue('greeting')}
        onInput={(greeting) => props.onChange({ greeting })}
      />
      <StepSelect
        label={f().start}
        name="start"
        value={props.flow.start}
        ids={ids()}
        error={issue('start')}
        onChange={(start) => props.onChange({ start })}
      />
      <ChipsField
        label={f().handoffKeywords}
        name="handoffKeywords"
        values={props.flow.handoffKeywords}
        hint={f().handoffKeywordsHint}
        error={issue('handoffKeywords')}
        onChange={(handoffKeywords) => props.onChange({ handoffKeywords })}
      />
      <StepSelect
        label={f().handoffStep}
        name="handoffStep"
        value={props.flow.handoffStep}
        ids={ids()}
        error={issue('handoffStep')}
        onChange={(handoffStep) => props.onChange({ handoffStep })}
      />
      <StepSelect
        label={f().fallbackStep}
        name="fallbackStep"
        value={props.flow.fallbackStep}
        ids={ids()}
        error={issue('fallbackStep')}
        onChange={(fallbackStep) => props.onChange({ fallbackStep })}
      />
    </section>
  );
}
