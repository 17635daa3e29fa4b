// The fields of the smaller step types: message, ask, send invoices, set, hand-off, end, AI.
import { For, Show } from 'solid-js';
import { PRIORITIES, priorityName } from '../../priority/priority';
import { at } from '../admin-i18n';
import { SelectField, TextField } from '../fields';
import { ChipsField, FlowText, StepSelect } from './controls';
import { ft } from './flow-i18n';
import { type StepFieldsProps, teamOptions } from './step-props';

export function AttemptsSelect(props: {
  value: number;
  error?: string | undefined;
  onChange: (n: number) => void;
}) {
  return (
    <SelectField
      label={ft().fields.maxAttempts}
      name="maxAttempts"
      value={String(props.value)}
      options={['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: n }))}
      error={props.error}
      onChange={(v) => props.onChange(Number(v))}
    />
  );
}

export function MessageFields(props: StepFieldsProps<'message'>) {
  return (
    <>
      <FlowText
        label={ft().fields.text}
        name="text"
        value={props.step.text}
        error={props.issue('text')}
        onInput={(text) => props.patch({ text })}
      />
      <StepSelect
        label={ft().fields.next}
        name="next"
        value={props.step.next}
        ids={props.ids}
        error={props.issue('next')}
        onChange={(next) => props.patch({ next })}
      />
    </>
  );
}

export function AskFields(props: StepFieldsProps<'ask'>) {
  const f = () => ft().fields;
  const inputs = ['cpf_cnpj', 'yes_no', 'contract', 'text'] as const;
  return (
    <>
      <SelectField
        label={f().input}
        name="input"
        value={props.step.input}
        options={inputs.map((i) => ({ value: i, label: f().inputs[i] }))}
        error={props.issue('input')}
        onChange={(input) =>
          props.patch(
            input === 'yes_no'
              ? { input, noNext: props.step.noNext ?? props.step.next }
              : { input, noNext: undefined },
          )
        }
      />
      <FlowText
        label={f().text}
        name="text"
        value={props.step.text}
        error={props.issue('text')}
        onInput={(text) => props.patch({ text })}
      />
      <FlowText
        label={f().invalidText}
        name="invalidText"
        value={props.step.invalidText}
        error={props.issue('invalidText')}
        placeholders={false}
        onInput={(invalidText) => props.patch({ invalidText })}
      />
      <TextField
        label={f().saveAs}
        name="saveAs"
        value={props.step.saveAs}
        error={props.issue('saveAs')}
        onInput={(saveAs) => props.patch({ saveAs })}
      />
      <StepSelect
        label={props.step.input === 'yes_no' ? `${f().next} (${at().yes.toLowerCase()})` : f().next}
        name="next"
        value={props.step.next}
        ids={props.ids}
        error={props.issue('next')}
        onChange={(next) => props.patch({ next })}
      />
      <Show when={props.step.input === 'yes_no'}>
        <StepSelect
          label={f().noNext}
          name="noNext"
          value={props.step.noNext ?? ''}
          ids={props.ids}
          error={props.issue('noNext')}
          onChange={(noNext) => props.patch({ noNext })}
        />
      </Show>
      <AttemptsSelect
        value={props.step.maxAttempts}
        error={props.issue('maxAttempts')}
        onChange={(maxAttempts) => props.patch({ maxAttempts })}
      />
      <StepSelect
        label={f().onFail}
        name="onFail"
        value={props.step.onFail}
        ids={props.ids}
        error={props.issue('onFail')}
        onChange={(onFail) => props.patch({ onFail })}
      />
    </>
  );
}

export function SendInvoicesFields(props: StepFieldsProps<'send_invoices'>) {
  const f = () => ft().fields;
  const parts = ['digitable_line', 'pix', 'pdf'] as const;
  const toggle = (part: (typeof parts)[number], on: boolean) =>
    props.patch({
      parts: on
        ? parts.filter((p) => p === part || props.step.parts.includes(p))
        : props.step.parts.filter((p) => p !== part),
    });
  return (
    <>
      <fieldset class="admin-field admin-checks">
        <legend>{f().parts}</legend>
        <For each={parts}>
          {(part) => (
            <label>
              <input
                type="checkbox"
                name="parts"
                value={part}
                checked={props.step.parts.includes(part)}
                onChange={(e) => toggle(part, e.currentTarget.checked)}
              />
              {f().partNames[part]}
            </label>
          )}
        </For>
        <Show when={props.issue('parts')}>
          <p class="admin-field-error">{props.issue('parts')}</p>
        </Show>
      </fieldset>
      <FlowText
        label={`${f().text} ${at().optional}`}
        name="text"
        value={props.step.text ?? ''}
        error={props.issue('text')}
        onInput={(text) => props.patch({ text: text === '' ? undefined : text })}
      />
      <StepSelect
        label={f().next}
        name="next"
        value={props.step.next}
        ids={props.ids}
        error={props.issue('next')}
        onChange={(next) => props.patch({ next })}
      />
    </>
  );
}

export function SetFields(props: StepFieldsProps<'set'>) {
  const f = () => ft().fields;
  return (
    <>
      <ChipsField
        label={f().tags}
        name="tags"
        values={props.step.tags ?? []}
        error={props.issue('tags')}
        onChange={(tags) => props.patch({ tags })}
      />
      <SelectField
        label={f().priority}
        name="priority"
        value={props.step.priority === undefined ? '' : String(props.step.priority)}
        options={[
          { value: '', label: f().keepPriority },
          ...PRIORITIES.map((n) => ({ value: String(n), label: priorityName(n) })),
        ]}
        error={props.issue('priority')}
        onChange={(v) => props.patch({ priority: v === '' ? undefined : Number(v) })}
      />
      <SelectField
        label={f().team}
        name="teamId"
        value={props.step.teamId === undefined ? 'keep' : (props.step.teamId ?? '')}
        options={teamOptions(props.teams, props.step.teamId, [
          { value: 'keep', label: f().keepTeam },
          { value: '', label: f().noTeam },
        ])}
        error={props.issue('teamId')}
        onChange={(v) => props.patch({ teamId: v === 'keep' ? undefined : v === '' ? null : v })}
      />
      <StepSelect
        label={f().next}
        name="next"
        value={props.step.next}
        ids={props.ids}
        error={props.issue('next')}
        onChange={(next) => props.patch({ next })}
      />
    </>
  );
}

export function HandoffFields(props: StepFieldsProps<'handoff'>) {
  const f = () => ft().fields;
  return (
    <>
      <FlowText
        label={f().text}
        name="text"
        value={props.step.text}
        error={props.issue('text')}
        onInput={(text) => props.patch({ text })}
      />
      <SelectField
        label={f().team}
        name="teamId"
        value={props.step.teamId ?? ''}
        options={teamOptions(props.teams, props.step.teamId, [{ value: '', label: f().noTeam }])}
        error={props.issue('teamId')}
        onChange={(v) => props.patch({ teamId: v === '' ? null : v })}
      />
      <TextField
        label={f().reason}
        name="reason"
        value={props.step.reason}
        error={props.issue('reason')}
        onInput={(reason) => props.patch({ reason })}
      />
    </>
  );
}

export function EndFields(props: StepFieldsProps<'end'>) {
  return (
    <>
      <FlowText
        label={ft().fields.text}
        name="text"
        value={props.step.text}
        error={props.issue('text')}
        onInput={(text) => props.patch({ text })}
      />
      <div class="admin-field admin-checks flow-check">
        <label>
          <input
            type="checkbox"
            name="resolved"
            checked={props.step.resolved}
            onChange={(e) => props.patch({ resolved: e.currentTarget.checked })}
          />
          {ft().fields.resolved}
        </label>
      </div>
    </>
  );
}

export function AiFields(props: StepFieldsProps<'ai'>) {
  const f = () => ft().fields;
  return (
    <>
      <FlowText
        label={`${f().text} ${at().optional}`}
        name="text"
        value={props.step.text ?? ''}
        error={props.issue('text')}
        onInput={(text) => props.patch({ text: text === '' ? undefined : text })}
      />
      <StepSelect
        label={f().fallback}
        name="fallback"
        value={props.step.fallback}
        ids={props.ids}
        error={props.issue('fallback')}
        onChange={(fallback) => props.patch({ fallback })}
      />
      <SelectField
        label={f().handoffTeam}
        name="handoffTeamId"
        value={props.step.handoffTeamId ?? ''}
        options={teamOptions(props.teams, props.step.handoffTeamId, [{ value: '', label: f().noTeam }])}
        error={props.issue('handoffTeamId')}
        onChange={(v) => props.patch({ handoffTeamId: v === '' ? null : v })}
      />
    </>
  );
}
