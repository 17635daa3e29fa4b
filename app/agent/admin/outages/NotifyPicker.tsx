// The proactive notice's number and template: official WhatsApp numbers only (templates are a Cloud API
// thing), and of each number only its approved utility templates (an outage notice is utility, not marketing).
import { createResource, For, Show } from 'solid-js';
import type { ChannelView } from '../../../../workers/contract';
import { listTemplates } from '../../conversation/composer/composer-api';
import { useAdmin } from '../admin-context';
import { SelectField } from '../fields';
import { ot } from './outages-i18n';

export interface NotifyChoice {
  channelId: string;
  /** `name|language`, the select's value. */
  template: string;
}

export function NotifyPicker(props: {
  channels: readonly ChannelView[];
  value: NotifyChoice;
  onChange: (next: NotifyChoice) => void;
  error?: string | undefined;
}) {
  const admin = useAdmin();
  const [templates] = createResource(
    () => props.value.channelId || null,
    async (id) =>
      (await listTemplates(admin.token, id)).filter(
        (t) => t.status.toUpperCase() === 'APPROVED' && (t.category ?? '').toUpperCase() === 'UTILITY',
      ),
  );
  return (
    <Show when={props.channels.length > 0} fallback={<p class="admin-hint">{ot().noChannels}</p>}>
      <div class="otg-notify">
        <SelectField
          label={ot().channel}
          name="notifyChannel"
          value={props.value.channelId}
          options={props.channels.map((c) => ({ value: c.id, label: c.name }))}
          onChange={(channelId) => props.onChange({ channelId, template: '' })}
        />
        <Show when={!templates.loading} fallback={<p aria-busy="true">{ot().loadingTemplates}</p>}>
          <Show
            when={(templates() ?? []).length > 0}
            fallback={
              <p class="admin-field-error" role="alert">
                {ot().noTemplates}
              </p>
            }
          >
            <div class="admin-field">
              <label for="otg-template">{ot().template}</label>
              <select
                id="otg-template"
                name="notifyTemplate"
                aria-invalid={props.error ? 'true' : undefined}
                aria-describedby={props.error ? 'otg-template-error' : undefined}
                onChange={(e) => props.onChange({ ...props.value, template: e.currentTarget.value })}
              >
                <option value="" selected={props.value.template === ''}>
                  —
                </option>
                <For each={templates()}>
                  {(t) => (
                    <option
                      value={`${t.name}|${t.language}`}
                      selected={props.value.template === `${t.name}|${t.language}`}
                    >
                      {t.name} ({t.language})
                    </option>
                  )}
                </For>
              </select>
              <Show when={props.error}>
                <p id="otg-template-error" class="admin-field-error">
                  {props.error}
                </p>
              </Show>
            </div>
          </Show>
        </Show>
      </div>
    </Show>
  );
}
