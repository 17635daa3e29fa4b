// A tool step: which ERP lookup, the ticket's text and kind for open_ticket, and a table of every outcome the
// tool can end in (from TOOL_OUTCOMES) with the step each one goes to.
import { For, Show } from 'solid-js';
import { TicketKind, TOOL_OUTCOMES, ToolName, WRITE_TOOLS } from '../../../../workers/contract';
import { SelectField } from '../fields';
import { FlowText, StepSelect } from './controls';
import { ft } from './flow-i18n';
import { outcomeMap } from './flow-model';
import type { StepFieldsProps } from './step-props';

export function ToolFields(props: StepFieldsProps<'tool'>) {
  const f = () => ft().fields;
  const fallback = () => Object.values(props.step.on)[0] ?? '';
  function setTool(tool: ToolName) {
    const on = outcomeMap(tool, props.step.on, fallback());
    if (tool === 'open_ticket') {
      props.patch({
        tool,
        on,
        ticketText: props.step.ticketText ?? '',
        ticketKind: props.step.ticketKind ?? 'technical',
      });
    } else props.patch({ tool, on, ticketText: undefined, ticketKind: undefined });
  }
  return (
    <>
      <SelectField
        label={f().tool}
        name="tool"
        value={props.step.tool}
        options={ToolName.options.map((t) => ({ value: t, label: ft().tools[t] }))}
        error={props.issue('tool')}
        hint={WRITE_TOOLS.includes(props.step.tool) ? ft().writeTool : undefined}
        onChange={setTool}
      />
      <Show when={props.step.tool === 'open_ticket'}>
        <FlowText
          label={f().ticketText}
          name="ticketText"
          value={props.step.ticketText ?? ''}
          error={props.issue('ticketText')}
          onInput={(ticketText) => props.patch({ ticketText })}
        />
        <SelectField
          label={f().ticketKind}
          name="ticketKind"
          value={props.step.ticketKind ?? 'technical'}
          options={TicketKind.options.map((k) => ({ value: k, label: f().ticketKinds[k] }))}
          error={props.issue('ticketKind')}
          onChange={(ticketKind) => props.patch({ ticketKind })}
        />
      </Show>
      <table class="admin-table flow-outcomes">
        <caption>{f().outcome}</caption>
        <thead>
          <tr>
            <th scope="col">{f().outcome}</th>
            <th scope="col">{f().outcomeNext}</th>
          </tr>
        </thead>
        <tbody>
          <For each={TOOL_OUTCOMES[props.step.tool]}>
            {(outcome) => (
              <tr classList={{ 'flow-has-issue': !!props.issue(`on.${outcome}`) }}>
                <th scope="row">
                  {ft().outcomes[outcome] ?? outcome} <code>{outcome}</code>
                </th>
                <td>
                  <StepSelect
                    label={`${ft().outcomes[outcome] ?? outcome}: ${f().outcomeNext}`}
                    name={`on.${outcome}`}
                    value={props.step.on[outcome] ?? ''}
                    ids={props.ids}
                    error={props.issue(`on.${outcome}`)}
                    onChange={(to) => props.patch({ on: { ...props.step.on, [outcome]: to } })}
                  />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </>
  );
}
