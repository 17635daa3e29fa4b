// The widget form's groups that edit settings: appearance (title, colour as a picker plus its hex text,
// greeting, logo, button position), the allowed sites (one per line, each refused line named under the box)
// and the pre-chat form (each field not asked, optional or required, in the widget's fixed order).
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { describedBy, Notes, SelectField, TextArea, TextField } from '../fields';
import { type PrechatMode, wt } from './widget-admin-i18n';
import { lowContrastOnWhiteText, PRECHAT_ORDER, type WidgetDraft } from './widget-draft';

export interface GroupProps {
  draft: WidgetDraft;
  set: SetStoreFunction<WidgetDraft>;
  /** The refusal of a field, by the request path (`settings.branding.color`). */
  error: (path: string) => string | undefined;
}

/** A bordered group of settings under its legend. */
export function Group(props: { legend: string; hint?: string; children: JSX.Element }) {
  return (
    <fieldset class="wgt-group">
      <legend>{props.legend}</legend>
      <Show when={props.hint}>
        <p class="admin-hint wgt-group-hint">{props.hint}</p>
      </Show>
      {props.children}
    </fieldset>
  );
}

/** The colour as hex text (what the contract checks) beside the browser's picker, kept in step. */
function ColorField(props: GroupProps) {
  const id = createUniqueId();
  const valid = () => /^#[0-9a-fA-F]{6}$/.test(props.draft.color.trim());
  const hint = () =>
    lowContrastOnWhiteText(props.draft.color)
      ? `${wt().branding.colorHint} ${wt().branding.lowContrast}`
      : wt().branding.colorHint;
  const error = () => props.error('settings.branding.color');
  return (
    <div class="admin-field">
      <label for={id}>{wt().branding.color}</label>
      <div class="wgt-color">
        <input
          type="color"
          aria-label={wt().branding.colorPicker}
          value={valid() ? props.draft.color.trim().toLowerCase() : '#000000'}
          onInput={(e) => props.set('color', e.currentTarget.value)}
        />
        <input
          id={id}
          name="color"
          type="text"
          autocomplete="off"
          spellcheck={false}
          maxLength={7}
          value={props.draft.color}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={describedBy(id, { hint: hint(), error: error() })}
          onInput={(e) => props.set('color', e.currentTarget.value)}
        />
      </div>
      <Notes id={id} hint={hint()} error={error()} />
    </div>
  );
}

export function BrandingFields(props: GroupProps) {
  const t = () => wt().branding;
  return (
    <Group legend={t().legend}>
      <TextField
        label={t().title}
        name="title"
        value={props.draft.title}
        onInput={(v) => props.set('title', v)}
        hint={t().titleHint}
        error={props.error('settings.branding.title')}
      />
      <ColorField {...props} />
      <TextArea
        label={t().greeting}
        name="greeting"
        rows={2}
        value={props.draft.greeting}
        onInput={(v) => props.set('greeting', v)}
        hint={t().greetingHint}
        error={props.error('settings.branding.greeting')}
      />
      <TextField
        label={t().logoUrl}
        name="logoUrl"
        type="url"
        value={props.draft.logoUrl}
        onInput={(v) => props.set('logoUrl', v)}
        hint={t().logoUrlHint}
        error={props.error('settings.branding.logoUrl')}
      />
      <SelectField
        label={t().position}
        name="position"
        value={props.draft.position}
        options={(['right', 'left'] as const).map((p) => ({ value: p, label: t().positions[p] }))}
        onChange={(v) => props.set('position', v)}
      />
    </Group>
  );
}

/** One site per line; under the box, each refused line with its number and why. */
export function OriginsField(props: GroupProps & { lineErrors: readonly string[] }) {
  const id = createUniqueId();
  const hint = () =>
    props.draft.origins.trim() === '' ? `${wt().origins.hint} ${wt().origins.none}` : wt().origins.hint;
  const invalid = () => props.lineErrors.length > 0;
  return (
    <Group legend={wt().origins.legend}>
      <div class="admin-field">
        <label for={id}>{wt().origins.label}</label>
        <textarea
          id={id}
          name="allowedOrigins"
          rows={4}
          spellcheck={false}
          autocapitalize="off"
          placeholder="https://www.provedor.com.br"
          value={props.draft.origins}
          aria-invalid={invalid() ? 'true' : undefined}
          aria-describedby={invalid() ? `${id}-hint ${id}-error` : `${id}-hint`}
          onInput={(e) => props.set('origins', e.currentTarget.value)}
        />
        <p id={`${id}-hint`} class="admin-hint">
          {hint()}
        </p>
        <Show when={invalid()}>
          <ul id={`${id}-error`} class="wgt-line-errors">
            <For each={props.lineErrors}>{(e) => <li class="admin-field-error">{e}</li>}</For>
          </ul>
        </Show>
      </div>
    </Group>
  );
}

export function PrechatFields(props: GroupProps) {
  const t = () => wt().prechat;
  const modes: readonly PrechatMode[] = ['off', 'optional', 'required'];
  return (
    <Group legend={t().legend} hint={t().hint}>
      <div class="wgt-prechat">
        <For each={PRECHAT_ORDER}>
          {(f) => (
            <SelectField
              label={t().fields[f]}
              name={`prechat-${f}`}
              value={props.draft.prechat[f]}
              options={modes.map((m) => ({ value: m, label: t().modes[m] }))}
              onChange={(v) => props.set('prechat', f, v)}
              hint={f === 'cpf' ? t().cpfHint : undefined}
            />
          )}
        </For>
      </div>
      <Show when={props.error('settings.prechat')}>{(e) => <p class="admin-field-error">{e()}</p>}</Show>
    </Group>
  );
}
