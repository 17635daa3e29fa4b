// Canned responses (admins and supervisors): the tenant's shortcuts with their text, forms to add or change
// one, delete after a confirmation.
import { createResource, createSignal, For, Show } from 'solid-js';
import type { CannedResponse } from '../../../workers/contract';
import { deleteCanned, listCanned } from './admin-api';
import { formatDate, useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { CannedForm } from './CannedForm';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { StatusLine } from './fields';
import { fromApiError } from './form-errors';
import { Loaded } from './Loaded';

export function CannedScreen() {
  const admin = useAdmin();
  const [canned, { refetch }] = createResource(() => admin.token, listCanned);
  const [editing, setEditing] = createSignal<CannedResponse | 'new' | null>(null);
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);

  function open(target: CannedResponse | 'new') {
    setStatus(null);
    setEditing(null);
    setEditing(target);
  }

  function askDelete(item: CannedResponse) {
    setStatus(null);
    setConfirming({
      message: at().canned.confirmDelete(item.shortcut),
      confirmLabel: at().delete,
      onConfirm: async () => {
        try {
          await deleteCanned(admin.token, item.id);
          const current = editing();
          if (current && current !== 'new' && current.id === item.id) setEditing(null);
          setStatus({ message: at().canned.deleted(item.shortcut), error: false });
        } catch (err) {
          setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
        }
        void refetch();
      },
    });
  }

  return (
    <section class="admin-screen" aria-labelledby="canned-title">
      <div class="admin-head">
        <h3 id="canned-title">{at().canned.title}</h3>
        <button type="button" class="admin-primary" onClick={() => open('new')}>
          {at().canned.new}
        </button>
      </div>
      <StatusLine message={status()?.message ?? null} error={status()?.error} />
      <Show when={editing()} keyed>
        {(target) => (
          <CannedForm
            canned={target === 'new' ? null : target}
            onCancel={() => setEditing(null)}
            onSaved={(message) => {
              setEditing(null);
              setStatus({ message, error: false });
              void refetch();
            }}
          />
        )}
      </Show>
      <Loaded resource={canned} retry={refetch}>
        {(data) => (
          <Show when={data().cannedResponses.length > 0} fallback={<p>{at().canned.empty}</p>}>
            <table class="admin-table" aria-labelledby="canned-title">
              <thead>
                <tr>
                  <th scope="col">{at().canned.shortcut}</th>
                  <th scope="col">{at().canned.titleField}</th>
                  <th scope="col">{at().canned.body}</th>
                  <th scope="col">{at().createdAt}</th>
                  <th scope="col">{at().actions}</th>
                </tr>
              </thead>
              <tbody>
                <For each={data().cannedResponses}>
                  {(item) => (
                    <tr>
                      <th scope="row">
                        <code>/{item.shortcut}</code>
                      </th>
                      <td>{item.title}</td>
                      <td class="admin-body">{item.body}</td>
                      <td>
                        <time datetime={item.createdAt}>
                          {formatDate(item.createdAt, admin.tenant().timezone)}
                        </time>
                      </td>
                      <td class="admin-row-actions">
                        <button
                          type="button"
                          aria-label={`${at().edit} /${item.shortcut}`}
                          onClick={() => open(item)}
                        >
                          {at().edit}
                        </button>
                        <button
                          type="button"
                          class="admin-danger"
                          aria-label={`${at().delete} /${item.shortcut}`}
                          onClick={() => askDelete(item)}
                        >
                          {at().delete}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Loaded>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </section>
  );
}
