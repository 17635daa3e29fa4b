// Creates an API key: a name, its scopes (the fixed list) and an optional expiry; the key comes back once.
import { createSignal } from 'solid-js';
import { ApiKeyScope, CreateApiKeyRequest } from '../../../workers/contract';
import { AdminForm } from './AdminForm';
import { createApiKey } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { CheckboxGroup, SelectField, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';

type Expiry = 'never' | '30' | '90' | '365';
const EXPIRIES: readonly Expiry[] = ['never', '30', '90', '365'];

export function ApiKeyForm(props: {
  onCreated: (key: string, message: string) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const [name, setName] = createSignal('');
  const [scopes, setScopes] = createSignal<string[]>([]);
  const [expiry, setExpiry] = createSignal<Expiry>('90');
  let key = '';

  const save = createSave({
    onSaved: (message) => props.onCreated(key, message),
    run: async () => {
      const days = expiry();
      const expiresAt =
        days === 'never' ? null : new Date(Date.now() + Number(days) * 86_400_000).toISOString();
      const body = valid(CreateApiKeyRequest, { name: name(), scopes: scopes(), expiresAt });
      const created = await createApiKey(admin.token, body);
      key = created.key;
      return at().apiKeys.created(created.apiKey.name);
    },
  });

  return (
    <AdminForm
      save={save}
      labelledBy="api-key-form-title"
      title={at().apiKeys.new}
      onCancel={() => props.onCancel()}
    >
      <TextField
        label={at().apiKeys.name}
        name="name"
        value={name()}
        onInput={setName}
        error={save.errors().fields.name}
      />
      <CheckboxGroup
        label={at().apiKeys.scopes}
        name="scopes"
        selected={scopes()}
        options={ApiKeyScope.options.map((s) => ({ value: s, label: at().apiKeys.scopeNames[s] ?? s }))}
        onChange={setScopes}
        empty=""
        error={save.errors().fields.scopes}
      />
      <SelectField
        label={at().apiKeys.expiry}
        name="expiresAt"
        value={expiry()}
        options={EXPIRIES.map((e) => ({ value: e, label: at().apiKeys.expiries[e] ?? e }))}
        onChange={setExpiry}
        error={save.errors().fields.expiresAt}
      />
    </AdminForm>
  );
}
