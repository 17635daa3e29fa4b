// The selected step's form: its type, identifier (renaming updates every reference), title, and the fields
// of its type; the server's issues for the step are listed on top and shown at the fields they name.
import { createEffect, createSignal, For, type JSX, Match, Show, Switch } from 'solid-js';
import type { FlowIssue, FlowStep, TeamRef } from '../../../../workers/contract';
import { TextField } from '../fields';
import { ft } from './flow-i18n';
import { fieldIssue, localPath, type StepOf, validStepId } from './flow-model';
import { issueText } from './issue-text';
import { MenuFields } from './MenuFields';
import {
  AiFields,
  AskFields,
  EndFields,
  HandoffFields,
  MessageFields,
  SendInvoicesFields,
  SetFields,
} from './StepFields';
import { ToolFields } from './ToolFields';

export function StepEditor(props: {
  step: FlowStep;
  ids: readonly string[];
  teams: readonly TeamRef[];
  issues: readonly FlowIssue[];
  onChange: (step: FlowStep) => void;
  onRename: (to: string) => void;
}) {
  const issue = (field: string) => fieldIssue(props.issues, field);
  const [id, setId] = createSignal(props.step.id);
  const [idError, setIdError] = createSignal<string | undefined>();
  createEffect(() => {
    setId(props.step.id);
    setIdError(undefined);
  });

  function commitId() {
    const next = id().trim();
    if (next === props.step.id) return setIdError(undefined);
    if (!validStepId(next)) return setIdError(ft().fields.idInvalid);
    if (props.ids.includes(next)) return setIdError(ft().fields.idTaken);
    setIdError(undefined);
    props.onRename(next);
  }

  // Each type's fields get the step narrowed to their type and a patch that keeps the rest.
  function fields<T extends FlowStep['type']>(
    type: T,
    render: (p: {
      step: StepOf<T>;
      ids: readonly string[];
      teams: readonly TeamRef[];
      issue: (f: string) => string | undefined;
      patch: (c: Partial<StepOf<T>>) => void;
    }) => JSX.Element,
  ) {
    return (
      <Match when={props.step.type === type}>
        {render({
          get step() {
            return props.step as StepOf<T>;
          },
          get ids() {
            return props.ids;
          },
          get teams() {
            return props.teams;
          },
          issue,
          patch: (c) => props.onChange({ ...props.step, ...c } as FlowStep),
        })}
      </Match>
    );
  }

  return (
    <section class="flow-editor admin-panel" aria-labelledby="flow-step-title">
      <h4 id="flow-step-title">
        <span aria-hidden="true">{ft().icons[props.step.type]} </span>
        {ft().types[props.step.type]}: <code>{props.step.id}</code>
      </h4>
      <Show when={props.issues.length > 0}>
        <ul class="flow-issues" role="alert">
          <For each={props.issues}>
            {(i) => (
              <li>
                <Show when={localPath(i)}>
                  <code>{localPath(i)}</code>:{' '}
                </Show>
                {issueText(i)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="flow-id-row">
        {/* Committed on leaving the field or Enter: renaming rewrites every reference to it. */}
        <div class="admin-field">
          <label for="flow-step-id">{ft().fields.id}</label>
          <input
            id="flow-step-id"
            name="id"
            autocomplete="off"
            value={id()}
            aria-invalid={(idError() ?? issue('id')) ? 'true' : undefined}
            aria-describedby="flow-step-id-hint flow-step-id-error"
            onInput={(e) => setId(e.currentTarget.value)}
            onBlur={commitId}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commitId();
              }
            }}
          />
          <p id="flow-step-id-hint" class="admin-hint">
            {ft().fields.idHint}
          </p>
          <Show when={idError() ?? issue('id')}>
            <p id="flow-step-id-error" class="admin-field-error">
              {idError() ?? issue('id')}
            </p>
          </Show>
        </div>
        <TextField
          label={ft().fields.title}
          name="title"
          value={props.step.title ?? ''}
          error={issue('title')}
          onInput={(title) =>
            props.onChange({ ...props.step, title: title === '' ? undefined : title } as FlowStep)
          }
        />
      </div>
      <Switch>
        {fields('message', (p) => (
          <MessageFields {...p} />
        ))}
        {fields('menu', (p) => (
          <MenuFields {...p} />
        ))}
        {fields('ask', (p) => (
          <AskFields {...p} />
        ))}
        {fields('tool', (p) => (
          <ToolFields {...p} />
        ))}
        {fields('send_invoices', (p) => (
          <SendInvoicesFields {...p} />
        ))}
        {fields('set', (p) => (
          <SetFields {...p} />
        ))}
        {fields('handoff', (p) => (
          <HandoffFields {...p} />
        ))}
        {fields('end', (p) => (
          <EndFields {...p} />
        ))}
        {fields('ai', (p) => (
          <AiFields {...p} />
        ))}
      </Switch>
    </section>
  );
}
