// Creates or edits a webhook endpoint: URL, description and the events (each with what it means), checked with
// the contract's schema before sending. A new endpoint's secret comes back once and is handed to the screen.
import { createSignal } from 'solid-js';
import {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  type WebhookEndpointView,
  WebhookEventType,
} from '../../../../workers/contract/webhooks';
import { AdminForm } from '../AdminForm';
import { useAdmin } from '../admin-context';
import { CheckboxGroup, TextField } from '../fields';
import { createSave } from '../form-save';
import { checkedWith, sentWith } from '../service/path-errors';
import { createWebhook, updateWebhook } from './webhooks-api';
import { wt } from './webhooks-i18n';

export function WebhookForm(props: {
  endpoint: WebhookEndpointView | null;
  onCancel: () => void;
  onSaved: (message: string) => void;
  onSecret: (secret: string) => void;
}) {
  const admin = useAdmin();
  const e = props.endpoint;
  const [url, setUrl] = createSignal(e?.url ?? '');
  const [description, setDescription] = createSignal(e?.description ?? '');
  const [events, setEvents] = createSignal<string[]>(e ? [...e.events] : ['message.created']);
  const words = (path: string) => wt().fieldErrors[path.split('.')[0] ?? ''];

  const save = createSave({
    onSaved: props.onSaved,
    run: async () => {
      const body = { url: url(), description: description().trim() || null, events: events() };
      if (e) {
        const value = checkedWith(UpdateWebhookRequest, body, words, wt().invalid);
        await sentWith(updateWebhook(admin.token, e.id, value), words, wt().invalid);
        return wt().updated;
      }
      const value = checkedWith(CreateWebhookRequest, body, words, wt().invalid);
      const created = await sentWith(createWebhook(admin.token, value), words, wt().invalid);
      props.onSecret(created.secret);
      return wt().created;
    },
  });
  const error = (field: string) => {
    const fields = save.errors().fields;
    const hit = Object.keys(fields).find((k) => k === field || k.startsWith(`${field}.`));
    return hit ? fields[hit] : undefined;
  };

  return (
    <AdminForm
      save={save}
      labelledBy="webhook-form-title"
      title={e ? wt().edit(e.url) : wt().new}
      onCancel={props.onCancel}
    >
      <TextField
        label={wt().url}
        name="url"
        type="url"
        hint={wt().urlHint}
        value={url()}
        onInput={setUrl}
        error={error('url')}
      />
      <TextField
        label={wt().description}
        name="description"
        hint={wt().descriptionHint}
        value={description()}
        onInput={setDescription}
        error={error('description')}
      />
      <CheckboxGroup
        label={wt().events}
        name="events"
        hint={wt().eventsHint}
        selected={events()}
        options={WebhookEventType.options.map((v) => ({ value: v, label: `${v} — ${wt().eventNames[v]}` }))}
        onChange={setEvents}
        error={error('events')}
        empty=""
      />
    </AdminForm>
  );
}
