// One arm's template: the number's approved templates to pick from, the body as the customer will read it,
// and where each {{n}} comes from per recipient (fixed text, the contact's name, a CSV column, an attribute).
import { For, Show } from 'solid-js';
import { fillTemplate } from '../../../../workers/contract/templates';
import type { listTemplates } from '../../conversation/composer/composer-api';
import { SelectField, TextField } from '../fields';
import { type SourceDraft, type SourceKind, sourcesFor, type TemplateDraft } from './campaign-draft';
import { cw } from './campaigns-i18n';

type Template = Awaited<ReturnType<typeof listTemplates>>[number];
const SOURCES: SourceKind[] = ['text', 'name', 'csv', 'attribute'];

export const templateKey = (t: Template) => `${t.name}|${t.language}`;

export function TemplatePick(props: {
  arm: 0 | 1;
  label: string;
  templates: readonly Template[];
  value: TemplateDraft;
  onChange: (next: TemplateDraft) => void;
  errors: Record<string, string>;
  csvColumns: readonly string[] | null;
}) {
  const picked = () => props.templates.find((t) => templateKey(t) === props.value.key) ?? null;
  const pick = (key: string) => {
    const t = props.templates.find((x) => templateKey(x) === key) ?? null;
    props.onChange({ key, variables: sourcesFor(t?.body ?? null, props.value.variables) });
  };
  const setSource = (i: number, next: SourceDraft) =>
    props.onChange({ ...props.value, variables: props.value.variables.map((s, j) => (j === i ? next : s)) });
  /** What the preview shows for each {{n}}: the fixed text, or the source's name in brackets. */
  const previewValues = () =>
    props.value.variables.map((s) =>
      s.from === 'text' && s.value.trim()
        ? s.value
        : `[${cw().wizard.sources[s.from]}${s.value ? `: ${s.value}` : ''}]`,
    );

  return (
    <div class="cmp-template">
      <SelectField
        label={props.label}
        name={`template-${props.arm}`}
        value={props.value.key}
        options={[
          { value: '', label: cw().wizard.chooseTemplate },
          ...props.templates.map((t) => ({ value: templateKey(t), label: `${t.name} (${t.language})` })),
        ]}
        onChange={pick}
        error={props.errors[`templates.${props.arm}`]}
      />
      <Show when={picked()}>
        {(t) => (
          <figure class="cmp-preview">
            <figcaption>{cw().wizard.preview}</figcaption>
            <p>{t().body ? fillTemplate(t().body ?? '', previewValues()) : cw().wizard.noBody}</p>
          </figure>
        )}
      </Show>
      <For each={props.value.variables}>
        {(s, i) => (
          <fieldset class="cmp-variable">
            <legend>{cw().wizard.variable(i() + 1)}</legend>
            <SelectField
              label={cw().wizard.sourceOf(i() + 1)}
              name={`source-${props.arm}-${i()}`}
              value={s.from}
              options={SOURCES.map((v) => ({ value: v, label: cw().wizard.sources[v] }))}
              onChange={(from) => setSource(i(), { from, value: from === s.from ? s.value : '' })}
            />
            <Show
              when={s.from === 'csv' && props.csvColumns}
              fallback={
                <Show
                  when={s.from === 'attribute'}
                  fallback={
                    <TextField
                      label={cw().wizard.valueOf(cw().wizard.sourceValue[s.from], i() + 1)}
                      name={`value-${props.arm}-${i()}`}
                      value={s.value}
                      onInput={(value) => setSource(i(), { ...s, value })}
                      error={props.errors[`templates.${props.arm}.variables.${i()}`]}
                    />
                  }
                >
                  <SelectField
                    label={cw().wizard.valueOf(cw().wizard.sourceValue.attribute, i() + 1)}
                    name={`value-${props.arm}-${i()}`}
                    value={s.value}
                    options={[
                      { value: '', label: '—' },
                      ...Object.entries(cw().wizard.attributes).map(([value, label]) => ({ value, label })),
                    ]}
                    onChange={(value) => setSource(i(), { ...s, value })}
                    error={props.errors[`templates.${props.arm}.variables.${i()}`]}
                  />
                </Show>
              }
            >
              <SelectField
                label={cw().wizard.valueOf(cw().wizard.sourceValue.csv, i() + 1)}
                name={`value-${props.arm}-${i()}`}
                value={s.value}
                options={[
                  { value: '', label: '—' },
                  ...(props.csvColumns ?? []).map((c) => ({ value: c, label: c })),
                ]}
                onChange={(value) => setSource(i(), { ...s, value })}
                error={props.errors[`templates.${props.arm}.variables.${i()}`]}
              />
            </Show>
          </fieldset>
        )}
      </For>
    </div>
  );
}
