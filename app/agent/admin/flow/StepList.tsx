// The flow's steps as cards (type, id, title, where it goes, its problems), the "General" card for the
// flow-wide fields, reordering and removing, and adding a step of a chosen type.
import { createSignal, For, Show } from 'solid-js';
import type { BotFlow, FlowIssue, FlowStep, FlowStepType } from '../../../../workers/contract';
import { ft } from './flow-i18n';
import { STEP_TYPES, targetsOf } from './flow-model';

/** `general` selects the flow-wide fields; a number, that step. */
export type Selection = 'general' | number;

function summary(step: FlowStep): string {
  const s = ft().summary;
  const targets = [...new Set(targetsOf(step).map((t) => t.target))].filter(Boolean);
  switch (step.type) {
    case 'handoff':
      return s.handoff;
    case 'end':
      return s.end;
    case 'menu':
      return `${s.options(step.options.length)} → ${targets.join(', ')}`;
    case 'tool':
      return `${ft().tools[step.tool]}, ${s.outcomes} → ${targets.join(', ')}`;
    default:
      return targets.length ? `${s.next} ${targets.join(', ')}` : s.noNextYet;
  }
}

export function StepList(props: {
  flow: BotFlow;
  selected: Selection;
  issues: Map<string, FlowIssue[]>;
  onSelect: (s: Selection) => void;
  onMove: (index: number, by: -1 | 1) => void;
  onRemove: (index: number) => void;
  onAdd: (type: FlowStepType) => void;
}) {
  const [newType, setNewType] = createSignal<FlowStepType>('message');
  const count = (key: string) => props.issues.get(key)?.length ?? 0;
  return (
    <nav class="flow-steps" aria-labelledby="flow-steps-title">
      <h4 id="flow-steps-title">
        {ft().steps} <span class="admin-hint">({ft().stepsCount(props.flow.steps.length)})</span>
      </h4>
      <ol>
        <li
          class="flow-card"
          classList={{ 'flow-card-selected': props.selected === 'general', 'flow-has-issue': count('') > 0 }}
        >
          <button
            type="button"
            class="flow-card-main"
            aria-current={props.selected === 'general' ? 'true' : undefined}
            onClick={() => props.onSelect('general')}
          >
            <span class="flow-card-type">⚙ {ft().general}</span>
            <span class="flow-card-summary">{ft().generalHint}</span>
            <Show when={count('') > 0}>
              <span class="flow-card-issues">⚠ {ft().stepIssues(count(''))}</span>
            </Show>
          </button>
        </li>
        <For each={props.flow.steps}>
          {(step, i) => (
            <li
              class="flow-card"
              data-step={step.id}
              classList={{
                'flow-card-selected': props.selected === i(),
                'flow-has-issue': count(step.id) > 0,
              }}
            >
              <button
                type="button"
                class="flow-card-main"
                aria-current={props.selected === i() ? 'true' : undefined}
                onClick={() => props.onSelect(i())}
              >
                <span class="flow-card-type">
                  <span aria-hidden="true">{ft().icons[step.type]}</span> {ft().types[step.type]}
                  <Show when={props.flow.start === step.id}>
                    <span class="admin-badge flow-start-badge">{ft().startBadge}</span>
                  </Show>
                </span>
                <code class="flow-card-id">{step.id}</code>
                <Show when={step.title}>
                  <span class="flow-card-title">{step.title}</span>
                </Show>
                <span class="flow-card-summary">{summary(step)}</span>
                <Show when={count(step.id) > 0}>
                  <span class="flow-card-issues">⚠ {ft().stepIssues(count(step.id))}</span>
                </Show>
              </button>
              <div class="flow-card-tools">
                <button
                  type="button"
                  aria-label={ft().moveUp(step.id)}
                  disabled={i() === 0}
                  onClick={() => props.onMove(i(), -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={ft().moveDown(step.id)}
                  disabled={i() === props.flow.steps.length - 1}
                  onClick={() => props.onMove(i(), 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  class="admin-danger"
                  aria-label={ft().removeStep(step.id)}
                  disabled={props.flow.steps.length <= 1}
                  onClick={() => props.onRemove(i())}
                >
                  ×
                </button>
              </div>
            </li>
          )}
        </For>
      </ol>
      <div class="flow-add">
        <label for="flow-add-type">{ft().addStepType}</label>
        <select
          id="flow-add-type"
          value={newType()}
          onChange={(e) => setNewType(e.currentTarget.value as FlowStepType)}
        >
          <For each={STEP_TYPES}>{(t) => <option value={t}>{ft().types[t]}</option>}</For>
        </select>
        <button type="button" onClick={() => props.onAdd(newType())}>
          {ft().addStep}
        </button>
      </div>
    </nav>
  );
}
