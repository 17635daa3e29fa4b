// API keys (admins): every key with its prefix, scopes, expiry, last use and state; a form to create one
// (the key is then shown once, in KeyShownDialog) and revoke after a confirmation.
import { createResource, createSignal, Show } from 'solid-js';
import type { ApiKeyView } from '../../../workers/contract';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, createdColumn, DateCell } from './AdminTable';
import { ApiKeyForm } from './ApiKeyForm';
import { listApiKeys, revokeApiKey } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { KeyShownDialog } from './KeyShownDialog';
import { createListScreen, EditSlot } from './list-screen';

function state(k: ApiKeyView): string {
  if (k.revokedAt) return at().apiKeys.revoked;
  if (k.expiresAt && Date.parse(k.expiresAt) <= Date.now()) return at().apiKeys.expired;
  return at().apiKeys.active;
}

export function ApiKeysScreen() {
  const admin = useAdmin();
  const [keys, { refetch }] = createResource(() => admin.token, listApiKeys);
  const screen = createListScreen<ApiKeyView>(refetch);
  const [shown, setShown] = createSignal<string | null>(null);

  const askRevoke = (k: ApiKeyView) =>
    screen.confirmThen({
      message: at().apiKeys.confirmRevoke(k.name),
      confirmLabel: at().apiKeys.revoke,
      act: () => revokeApiKey(admin.token, k.id),
      done: () => at().apiKeys.revokedDone(k.name),
    });

  const optionalDate = (iso: string | null) => (iso ? <DateCell iso={iso} /> : at().apiKeys.never);
  const columns: Column<ApiKeyView>[] = [
    { header: () => at().apiKeys.name, cell: (k) => k.name },
    { header: () => at().apiKeys.prefix, cell: (k) => <code>fio_{k.prefix}_…</code> },
    {
      header: () => at().apiKeys.scopes,
      cell: (k) => k.scopes.map((s) => at().apiKeys.scopeNames[s] ?? s).join(', '),
    },
    createdColumn(),
    { header: () => at().apiKeys.expiresAt, cell: (k) => optionalDate(k.expiresAt) },
    { header: () => at().apiKeys.lastUsed, cell: (k) => optionalDate(k.lastUsedAt) },
    { header: () => at().apiKeys.status, cell: (k) => state(k) },
    actionsColumn((k) => (
      <Show when={!k.revokedAt}>
        <button
          type="button"
          class="admin-danger"
          aria-label={`${at().apiKeys.revoke} ${k.name}`}
          onClick={() => askRevoke(k)}
        >
          {at().apiKeys.revoke}
        </button>
      </Show>
    )),
  ];

  return (
    <AdminScreen
      titleId="api-keys-title"
      title={at().apiKeys.title}
      add={{ label: at().apiKeys.new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <p class="admin-hint">{at().apiKeys.intro}</p>
      <EditSlot editing={screen.editing()}>
        {() => (
          <ApiKeyForm
            onCancel={screen.close}
            onCreated={(key, message) => {
              screen.saved(message);
              setShown(key);
            }}
          />
        )}
      </EditSlot>
      <AdminTable
        resource={keys}
        retry={refetch}
        rows={(data) => data.apiKeys}
        labelledBy="api-keys-title"
        empty={at().apiKeys.empty}
        columns={columns}
      />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
      <KeyShownDialog apiKey={shown()} onClose={() => setShown(null)} />
    </AdminScreen>
  );
}
