// ERP integration (admins): which ERP (IXC or SGP), its address and credentials (password fields, never shown
// back: a stored one is left empty to keep it), "save", "save and test" (the ERP is asked first; a refusal
// stores nothing and says why), "test connection" on the stored one with its result, and disconnect.
import { createResource, createSignal, For, Show } from 'solid-js';
import {
  ERP_CREDENTIAL_FIELDS,
  ErpConnectionRequest,
  type ErpConnectionView,
  type ErpKind,
} from '../../../workers/contract';
import { ApiError } from '../api';
import { AdminForm } from './AdminForm';
import { DateCell } from './AdminTable';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { disconnectErp, getErp, saveErp, testErp } from './bot-settings-api';
import { bt } from './bot-settings-i18n';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { SelectField, StatusLine, TextField } from './fields';
import { Invalid, valid } from './form-errors';
import { createSave } from './form-save';
import { Loaded } from './Loaded';

const KINDS: readonly ErpKind[] = ['ixc', 'sgp'];

interface Outcome {
  message: string;
  error: boolean;
}

/** "Save and test" refused by the ERP: said on the form, where the admin fixes it. */
function explainRefusal(err: unknown): never {
  if (err instanceof ApiError && err.code === 'erp_test_failed') {
    const detail = (err.details as { detail?: unknown } | undefined)?.detail;
    throw new Invalid({
      fields: {},
      form: bt().erp.refused(typeof detail === 'string' ? detail : err.message),
    });
  }
  throw err;
}

/** Keyed <Show> needs a truthy value for "nothing stored" too, so the form is rebuilt when it appears. */
const NONE = { none: true } as const;

export function ErpScreen() {
  const admin = useAdmin();
  const [erp, { refetch, mutate }] = createResource(() => admin.token, getErp);
  const [status, setStatus] = createSignal<Outcome | null>(null);
  /** What the ERP said on the last test in this visit (the row keeps only when and whether it worked). */
  const [answer, setAnswer] = createSignal<string | null>(null);
  return (
    <section class="admin-screen" aria-labelledby="erp-title">
      <div class="admin-head">
        <h3 id="erp-title">{bt().erp.title}</h3>
      </div>
      <p class="admin-hint">{bt().erp.intro}</p>
      <StatusLine message={status()?.message ?? null} error={status()?.error} />
      <Loaded resource={erp} retry={refetch}>
        {(data) => (
          // Rebuilt when the stored connection changes kind or appears, so the fields start from it.
          <Show when={data().connection ?? NONE} keyed>
            {(conn) => (
              <ErpForm
                stored={'none' in conn ? null : conn}
                answer={answer()}
                onAnswer={setAnswer}
                onStatus={setStatus}
                onStored={(connection) => mutate({ connection })}
              />
            )}
          </Show>
        )}
      </Loaded>
    </section>
  );
}

function ErpForm(props: {
  stored: ErpConnectionView | null;
  answer: string | null;
  onAnswer: (detail: string | null) => void;
  onStatus: (s: Outcome | null) => void;
  onStored: (c: ErpConnectionView | null) => void;
}) {
  const admin = useAdmin();
  const [kind, setKind] = createSignal<ErpKind>(props.stored?.kind ?? 'ixc');
  const [baseUrl, setBaseUrl] = createSignal(props.stored?.baseUrl ?? '');
  const [values, setValues] = createSignal<Record<string, string>>({});
  const [testing, setTesting] = createSignal(false);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);
  let withTest = false;
  /** Credentials stay stored (and may be left empty) only while the kind is the stored one. */
  const keeps = () => props.stored !== null && props.stored.kind === kind();

  const save = createSave({
    focusOnOpen: false,
    onSaved: (message) => props.onStatus({ message, error: false }),
    run: async () => {
      props.onStatus(null);
      const test = withTest;
      withTest = false;
      const typed = ERP_CREDENTIAL_FIELDS[kind()].map((f) => [f, (values()[f] ?? '').trim()] as const);
      const anyTyped = typed.some(([, v]) => v !== '');
      // Left empty with credentials stored: keep them. Anything typed replaces all of them.
      const credentials = anyTyped || !keeps() ? Object.fromEntries(typed) : undefined;
      const body = valid(ErpConnectionRequest, {
        kind: kind(),
        baseUrl: baseUrl().trim(),
        ...(credentials ? { credentials } : {}),
        test,
      });
      const saved = await saveErp(admin.token, body).catch(explainRefusal);
      setValues({});
      props.onAnswer(saved.test?.detail ?? null);
      props.onStored(saved.connection);
      return saved.test ? bt().erp.savedAndTested(saved.test.detail) : bt().erp.saved;
    },
  });

  async function runTest() {
    props.onStatus(null);
    setTesting(true);
    try {
      const r = await testErp(admin.token);
      props.onAnswer(r.detail);
      props.onStatus({
        message: r.ok ? bt().erp.testOk(r.detail) : bt().erp.testFailed(r.detail),
        error: !r.ok,
      });
      if (props.stored) props.onStored({ ...props.stored, lastTestAt: r.testedAt, lastTestOk: r.ok });
    } catch (err) {
      props.onStatus({ message: err instanceof ApiError ? err.message : at().form.failed, error: true });
    } finally {
      setTesting(false);
    }
  }

  function askDisconnect() {
    props.onStatus(null);
    setConfirming({
      message: bt().erp.confirmDisconnect,
      confirmLabel: bt().erp.disconnect,
      onConfirm: async () => {
        try {
          await disconnectErp(admin.token);
          props.onStatus({ message: bt().erp.disconnected, error: false });
          props.onStored(null);
        } catch (err) {
          props.onStatus({ message: err instanceof ApiError ? err.message : at().form.failed, error: true });
        }
      },
    });
  }

  // Issues about any credential field arrive as `credentials` (the form errors keep a path's first segment).
  const credentialError = () => (save.errors().fields.credentials ? bt().erp.credentialsRequired : undefined);

  return (
    <>
      <Show when={props.stored} fallback={<p>{bt().erp.notConnected}</p>}>
        {(s) => (
          <dl class="admin-facts">
            <dt>{bt().erp.kind}</dt>
            <dd>{bt().erp.kinds[s().kind]}</dd>
            <dt>{bt().erp.lastTest}</dt>
            <dd>
              <Show when={s().lastTestAt} fallback={bt().erp.never}>
                {(t) => (
                  <>
                    <DateCell iso={t()} />{' '}
                    <span class={`admin-badge admin-${s().lastTestOk ? 'healthy' : 'unhealthy'}`}>
                      {s().lastTestOk ? bt().erp.ok : bt().erp.failed}
                    </span>
                  </>
                )}
              </Show>
            </dd>
            <Show when={s().lastTestAt && props.answer}>
              <dt>{bt().erp.lastAnswer}</dt>
              <dd>{props.answer}</dd>
            </Show>
          </dl>
        )}
      </Show>
      <AdminForm
        save={save}
        labelledBy="erp-title"
        actions={
          <>
            <button
              type="button"
              disabled={save.busy()}
              onClick={(e) => {
                withTest = true;
                e.currentTarget.form?.requestSubmit();
              }}
            >
              {bt().erp.saveAndTest}
            </button>
            <Show when={props.stored}>
              <button type="button" disabled={testing() || save.busy()} onClick={runTest}>
                {testing() ? bt().erp.testing : bt().erp.test}
              </button>
              <button type="button" class="admin-danger" onClick={askDisconnect}>
                {bt().erp.disconnect}
              </button>
            </Show>
          </>
        }
      >
        <SelectField
          label={bt().erp.kind}
          name="kind"
          value={kind()}
          options={KINDS.map((k) => ({ value: k, label: bt().erp.kinds[k] }))}
          onChange={setKind}
          error={save.errors().fields.kind}
        />
        <TextField
          label={bt().erp.baseUrl}
          name="baseUrl"
          type="url"
          value={baseUrl()}
          onInput={setBaseUrl}
          hint={bt().erp.baseUrlHint[kind()]}
          error={save.errors().fields.baseUrl}
        />
        <For each={ERP_CREDENTIAL_FIELDS[kind()]}>
          {(f) => (
            <TextField
              label={bt().erp.fields[kind()]?.[f] ?? f}
              name={f}
              type="password"
              autocomplete="new-password"
              value={values()[f] ?? ''}
              onInput={(v) => setValues({ ...values(), [f]: v })}
              hint={keeps() ? bt().erp.keepHint : bt().erp.requiredHint}
              error={credentialError()}
            />
          )}
        </For>
      </AdminForm>
      <ConfirmDialog request={confirming()} onClose={() => setConfirming(null)} />
    </>
  );
}
