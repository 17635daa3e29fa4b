// A menu step: its text, numbered options (label, synonyms, where each goes), the invalid-answer text,
// attempts and where to go after the last one.
import { Index } from 'solid-js';
import { ChipsField, FlowText, StepSelect } from './controls';
import { ft } from './flow-i18n';
import type { StepOf } from './flow-model';
import { AttemptsSelect } from './StepFields';
import type { StepFieldsProps } from './step-props';

type Option = StepOf<'menu'>['options'][number];

export function MenuFields(props: StepFieldsProps<'menu'>) {
  const f = () => ft().fields;
  const setOption = (i: number, changes: Partial<Option>) =>
    props.patch({ options: props.step.options.map((o, j) => (j === i ? { ...o, ...changes } : o)) });
  const removeOption = (i: number) => props.patch({ options: props.step.options.filter((_, j) => j !== i) });
  const addOption = () =>
    props.patch({
      options: [...props.step.options, { label: '', synonyms: [], next: props.step.onFail }],
    });
  return (
    <>
      <FlowText
        label={f().text}
        name="text"
        value={props.step.text}
        error={props.issue('text')}
        onInput={(text) => props.patch({ text })}
      />
      <fieldset class="flow-options">
        <legend>{f().options}</legend>
        <Index each={props.step.options}>
          {(option, i) => (
            <div class="flow-option" classList={{ 'flow-has-issue': !!props.issue(`options.${i}`) }}>
              <div class="flow-option-head">
                <span class="flow-option-number" aria-hidden="true">
                  {i + 1}
                </span>
                <div class="admin-field">
                  <label for={`flow-option-${i}-label`}>{f().option(i + 1)}</label>
                  <input
                    id={`flow-option-${i}-label`}
                    name={`options.${i}.label`}
                    value={option().label}
                    aria-invalid={props.issue(`options.${i}.label`) ? 'true' : undefined}
                    onInput={(e) => setOption(i, { label: e.currentTarget.value })}
                  />
                </div>
                <button
                  type="button"
                  class="admin-danger"
                  aria-label={f().removeOption(i + 1)}
                  disabled={props.step.options.length <= 1}
                  onClick={() => removeOption(i)}
                >
                  ×
                </button>
              </div>
              <ChipsField
                label={f().synonyms}
                name={`options.${i}.synonyms`}
                values={option().synonyms}
                hint={i === 0 ? f().synonymsHint : undefined}
                error={props.issue(`options.${i}.synonyms`)}
                onChange={(synonyms) => setOption(i, { synonyms })}
              />
              <StepSelect
                label={f().next}
                name={`options.${i}.next`}
                value={option().next}
                ids={props.ids}
                error={props.issue(`options.${i}.next`) ?? props.issue(`options.${i}.label`)}
                onChange={(next) => setOption(i, { next })}
              />
            </div>
          )}
        </Index>
        <button type="button" onClick={addOption} disabled={props.step.options.length >= 10}>
          {f().addOption}
        </button>
      </fieldset>
      <FlowText
        label={f().invalidText}
        name="invalidText"
        value={props.step.invalidText}
        error={props.issue('invalidText')}
        placeholders={false}
        onInput={(invalidText) => props.patch({ invalidText })}
      />
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
