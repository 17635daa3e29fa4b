// Connects a WhatsApp number: Cloud API, Evolution or Uazapi, each with its own credentials (sent once,
// never shown again), and whether the bot answers its new conversations first. Optional fields left empty are not sent, so the API's defaults apply. A Cloud number's
// token is checked with WhatsApp by the API: a refusal points at the token, an outage says to try again.
import { createSignal, For } from 'solid-js';
import { type ChannelView, CreateChannelRequest, type MessagingTier } from '../../../workers/contract';
import { ApiError } from '../api';
import { AdminForm } from './AdminForm';
import { createChannel } from './admin-api';
import { useAdmin } from './admin-context';
import { type AdminDictionary, at } from './admin-i18n';
import { bt } from './bot-settings-i18n';
import { TierSelect } from './campaigns/ChannelTier';
import { setMessagingTier } from './campaigns/campaigns-api';
import { cw } from './campaigns/campaigns-i18n';
import { CheckboxField, SelectField, TextField } from './fields';
import { Invalid, valid } from './form-errors';
import { createSave } from './form-save';

type Kind = 'whatsapp_cloud' | 'evolution' | 'uazapi';
type FieldKey = keyof AdminDictionary['channels'] & string;

interface FieldSpec {
  key: FieldKey;
  secret?: boolean;
  optional?: boolean;
  url?: boolean;
}

const FIELDS: Record<Kind, FieldSpec[]> = {
  whatsapp_cloud: [
    { key: 'phoneNumberId' },
    { key: 'wabaId' },
    { key: 'accessToken', secret: true },
    { key: 'displayPhoneNumber', optional: true },
  ],
  evolution: [
    { key: 'baseUrl', url: true },
    { key: 'instance' },
    { key: 'apiKey', secret: true },
    { key: 'webhookSecret', secret: true, optional: true },
  ],
  uazapi: [
    { key: 'baseUrl', url: true },
    { key: 'instanceName' },
    { key: 'instanceToken', secret: true },
    { key: 'webhookSecret', secret: true, optional: true },
  ],
};
const KINDS = Object.keys(FIELDS) as Kind[];

/** The API's verdict on a Cloud number's token, said where the admin can act on it. */
function explainRefusal(err: unknown): never {
  if (err instanceof ApiError && err.code === 'ownership_not_proven') {
    throw new Invalid({ fields: { accessToken: at().channels.notOwner }, form: at().form.invalid });
  }
  if (err instanceof ApiError && err.code === 'unavailable') {
    throw new Invalid({ fields: {}, form: at().channels.graphUnavailable });
  }
  throw err;
}

export function ChannelForm(props: { onSaved: (channel: ChannelView) => void; onCancel: () => void }) {
  const admin = useAdmin();
  const [kind, setKind] = createSignal<Kind>('whatsapp_cloud');
  const [name, setName] = createSignal('');
  const [values, setValues] = createSignal<Record<string, string>>({});
  const [botEnabled, setBotEnabled] = createSignal(false);
  const [tier, setTier] = createSignal<MessagingTier>('TIER_250');
  let created: ChannelView | null = null;

  const save = createSave({
    onSaved: () => {
      if (created) props.onSaved(created);
    },
    conflict: () => ({
      field: kind() === 'whatsapp_cloud' ? 'phoneNumberId' : 'name',
      message: at().channels.taken,
    }),
    run: async () => {
      const fields: Record<string, string> = {};
      for (const f of FIELDS[kind()]) {
        const v = (values()[f.key] ?? '').trim();
        if (v || !f.optional) fields[f.key] = v;
      }
      const body = valid(CreateChannelRequest, {
        kind: kind(),
        name: name(),
        botEnabled: botEnabled(),
        ...fields,
      });
      created = (await createChannel(admin.token, body).catch(explainRefusal)).channel;
      // The tier is the channel PATCH's: a number already created stays on the default if it fails.
      const tierSaved =
        tier() === 'TIER_250' ||
        (await setMessagingTier(admin.token, created.id, tier()).then(
          () => true,
          () => false,
        ));
      return at().channels.created(created.name) + (tierSaved ? '' : ` ${cw().tierNotSaved}`);
    },
  });

  const label = (f: FieldSpec) => {
    const text = at().channels[f.key];
    return `${typeof text === 'string' ? text : f.key}${f.optional ? ` ${at().optional}` : ''}`;
  };

  return (
    <AdminForm
      save={save}
      labelledBy="channel-form-title"
      title={at().channels.new}
      onCancel={() => props.onCancel()}
    >
      <SelectField
        label={at().channels.kind}
        name="kind"
        value={kind()}
        options={KINDS.map((k) => ({ value: k, label: at().channels.kinds[k] }))}
        onChange={setKind}
      />
      <TextField
        label={at().channels.name}
        name="name"
        value={name()}
        onInput={setName}
        error={save.errors().fields.name}
      />
      <For each={FIELDS[kind()]}>
        {(f) => (
          <TextField
            label={label(f)}
            name={f.key}
            type={f.secret ? 'password' : f.url ? 'url' : 'text'}
            autocomplete={f.secret ? 'new-password' : 'off'}
            value={values()[f.key] ?? ''}
            onInput={(v) => setValues({ ...values(), [f.key]: v })}
            error={save.errors().fields[f.key]}
          />
        )}
      </For>
      <TierSelect value={tier()} onChange={setTier} />
      <CheckboxField
        label={bt().channelBot.label}
        name="botEnabled"
        checked={botEnabled()}
        onChange={setBotEnabled}
        hint={bt().channelBot.hint}
      />
    </AdminForm>
  );
}
