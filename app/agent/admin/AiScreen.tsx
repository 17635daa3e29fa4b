// Artificial intelligence (admins): on/off, the OpenAI-compatible endpoint, model and per-reply deadline, and
// the key pool: the stored keys appear only as their last four characters; new ones (one per line) replace
// them all, empty keeps them, "remove all keys" clears them (and turns the AI off).
import { createResource, createSignal, For, Show } from 'solid-js';
import { AI_KEYS_MAX, AiSettingsRequest, type AiSettingsView } from '../../../workers/contract';
import { ApiError } from '../api';
import { AdminForm } from './AdminForm';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { getAi, saveAi } from './bot-settings-api';
import { bt } from './bot-settings-i18n';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { CheckboxField, StatusLine, TextArea, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';
import { Loaded } from './Loaded';

/** Keyed <Show> needs a truthy value for "nothing stored" too, so the form is rebuilt when it appears. */
const NONE = { none: true } as const;

export function AiScreen() {
  const admin = useAdmin();
  const [ai, { refetch, mutate }] = createResource(() => admin.token, getAi);
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  return (
    <section class="admin-screen" aria-labelledby="ai-title">
      <div class="admin-head">
        <h3 id="ai-title">{bt().ai.title}</h3>
      </div>
      <p class="admin-hint">{bt().ai.intro}</p>
      <StatusLine message={status()?.message ?? null} error={status()?.error} />
      <Loaded resource={ai} retry={refetch}>
        {(data) => (
          <Show when={data().settings ?? NONE} keyed>
            {(s) => (
              <AiForm
                stored={'none' in s ? null : s}
                onStatus={setStatus}
                onStored={(settings) => mutate({ settings })}
              />
            )}
          </Show>
        )}
      </Loaded>
    </section>
  );
}

function AiForm(props: {
  stored: AiSettingsView | null;
  onStatus: (s: { message: string; error: boolean } | null) => void;
  onStored: (s: AiSettingsView) => void;
}) {
  const admin = useAdmin();
  const [enabled, setEnabled] = createSignal(props.stored?.enabled ?? false);
  const [baseUrl, setBaseUrl] = createSignal(props.stored?.baseUrl ?? '');
  const [model, setModel] = createSignal(props.stored?.model ?? '');
  const [deadline, setDeadline] = createSignal(String(props.stored?.deadlineMs ?? 8000));
  const [newKeys, setNewKeys] = createSignal('');
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);

  const request = (overrides: { enabled?: boolean; keys?: string[] } = {}) => {
    const typed = newKeys()
      .split('\n')
      .map((k) => k.trim())
      .filter(Boolean);
    return valid(AiSettingsRequest, {
      enabled: overrides.enabled ?? enabled(),
      baseUrl: baseUrl().trim(),
      model: model().trim(),
      deadlineMs: Number(deadline().trim()),
      ...(overrides.keys ? { keys: overrides.keys } : typed.length ? { keys: typed } : {}),
    });
  };

  const save = createSave({
    focusOnOpen: false,
    onSaved: (message) => props.onStatus({ message, error: false }),
    run: async () => {
      props.onStatus(null);
      const saved = await saveAi(admin.token, request());
      if (saved.settings) props.onStored(saved.settings);
      return bt().ai.saved;
    },
  });

  function askClear() {
    props.onStatus(null);
    setConfirming({
      message: bt().ai.confirmClear,
      confirmLabel: bt().ai.clearKeys,
      onConfirm: async () => {
        try {
          const saved = await saveAi(admin.token, request({ enabled: false, keys: [] }));
          props.onStatus({ message: bt().ai.cleared, error: false });
          if (saved.settings) props.onStored(saved.settings);
        } catch (err) {
          props.onStatus({ message: err instanceof ApiError ? err.message : at().form.failed, error: true });
        }
      },
    });
  }

  // The shared field messages speak of other forms; these are this form's own.
  const fieldError = (field: string) =>
    save.errors().fields[field] ? (bt().ai.fieldErrors[field] ?? save.errors().fields[field]) : undefined;

  return (
    <>
      <AdminForm
        save={save}
        labelledBy="ai-title"
        actions={
          <Show when={(props.stored?.keys.count ?? 0) > 0}>
            <button type="button" class="admin-danger" onClick={askClear}>
              {bt().ai.clearKeys}
            </button>
          </Show>
        }
      >
        <CheckboxField label={bt().ai.enabled} name="enabled" checked={enabled()} onChange={setEnabled} />
        <TextField
          label={bt().ai.baseUrl}
          name="baseUrl"
          type="url"
          value={baseUrl()}
          onInput={setBaseUrl}
          hint={bt().ai.baseUrlHint}
          error={save.errors().fields.baseUrl}
        />
        <TextField
          label={bt().ai.model}
          name="model"
          value={model()}
          onInput={setModel}
          hint={bt().ai.modelHint}
          error={fieldError('model')}
        />
        <TextField
          label={bt().ai.deadline}
          name="deadlineMs"
          value={deadline()}
          onInput={setDeadline}
          hint={bt().ai.deadlineHint}
          error={fieldError('deadlineMs')}
        />
        <div class="admin-field">
          <span id="ai-keys-label" class="admin-label">
            {bt().ai.keys}
          </span>
          <Show
            when={(props.stored?.keys.count ?? 0) > 0}
            fallback={<p class="admin-hint">{bt().ai.noKeys}</p>}
          >
            <ul aria-labelledby="ai-keys-label" class="admin-key-endings">
              <For each={props.stored?.keys.endings ?? []}>
                {(end) => (
                  <li>
                    <code>{bt().ai.keyEnding(end)}</code>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
        <TextArea
          label={bt().ai.newKeys}
          name="keys"
          rows={Math.min(AI_KEYS_MAX, 3)}
          value={newKeys()}
          onInput={setNewKeys}
          hint={bt().ai.newKeysHint}
          error={fieldError('keys')}
        />
      </AdminForm>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </>
  );
}
