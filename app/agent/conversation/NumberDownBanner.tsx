// Above the composer when the conversation's number is down (banned, logged out, quality red…): says why in
// the agent's words, and offers to continue the customer on another healthy number of the tenant in one
// step: pick the number, an approved template of it with its parameters (live preview), send. The new
// thread opens on success. A retried click reuses its clientId, so nothing is sent twice.
import { createMemo, createResource, createSignal, For, Index, Show } from 'solid-js';
import type { ChannelStateResponse } from '../../../workers/contract';
import { ApiError } from '../api';
import { useApp } from '../context';
import { navigate } from '../state/router';
import { continueOnNumber, getNumberTemplates, parameterCount, previewOf } from './number-pool-api';
import { poolText } from './number-pool-i18n';
import './number-pool.css';

export function NumberDownBanner(props: {
  conversationId: string;
  state: ChannelStateResponse;
  /** Only an open ticket can go on elsewhere (a continued one is closed here, linked in the header). */
  ticketOpen: boolean;
}) {
  const app = useApp();
  const channel = () => props.state.channel;
  const alternatives = () => props.state.alternatives ?? [];
  const why = () => {
    const code = channel()?.code;
    return (code && poolText().why[code]) || poolText().whyUnknown;
  };
  const [open, setOpen] = createSignal(false);
  const [target, setTarget] = createSignal<string>('');
  const [templateKey, setTemplateKey] = createSignal('');
  const [parameters, setParameters] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let clientId = crypto.randomUUID();

  const chosen = () => target() || alternatives()[0]?.channelId || '';
  const [templates] = createResource(
    () => (open() && chosen()) || false,
    async (channelId) =>
      (await getNumberTemplates(app.session().token, channelId)).filter((t) => t.status === 'APPROVED'),
  );
  const template = createMemo(() => {
    const list = templates() ?? [];
    return list.find((t) => `${t.name}|${t.language}` === templateKey()) ?? list[0] ?? null;
  });
  const count = () => parameterCount(template()?.body ?? null);
  const values = () => Array.from({ length: count() }, (_, i) => parameters()[i] ?? '');

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const t = template();
    if (!t || busy()) return;
    setBusy(true);
    setError(null);
    try {
      const r = await continueOnNumber(app.session().token, props.conversationId, {
        channelId: chosen(),
        clientId,
        template: { name: t.name, language: t.language, parameters: values() },
      });
      clientId = crypto.randomUUID();
      setOpen(false);
      navigate({ conversationId: r.conversationId });
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Show when={channel()?.health === 'unhealthy'}>
      <div class="number-down" role="alert" data-testid="number-down">
        <p>{poolText().down(why())}</p>
        <Show when={props.ticketOpen}>
          <Show when={alternatives().length > 0} fallback={<p class="muted">{poolText().noAlternative}</p>}>
            <Show
              when={open()}
              fallback={
                <button type="button" class="primary" onClick={() => setOpen(true)}>
                  {poolText().continueOn}
                </button>
              }
            >
              <form class="continue-form" onSubmit={submit}>
                <label>
                  {poolText().number}
                  <select
                    value={chosen()}
                    onChange={(e) => {
                      setTarget(e.currentTarget.value);
                      setTemplateKey('');
                      setParameters([]);
                    }}
                  >
                    <For each={alternatives()}>
                      {(a) => (
                        <option value={a.channelId}>{a.address ? `${a.name} (${a.address})` : a.name}</option>
                      )}
                    </For>
                  </select>
                </label>
                <Show when={!templates.loading} fallback={<p class="muted">{poolText().loading}</p>}>
                  <Show when={template()} fallback={<p class="muted">{poolText().noTemplates}</p>}>
                    {(t) => (
                      <>
                        <label>
                          {poolText().template}
                          <select
                            value={`${t().name}|${t().language}`}
                            onChange={(e) => {
                              setTemplateKey(e.currentTarget.value);
                              setParameters([]);
                            }}
                          >
                            <For each={templates() ?? []}>
                              {(x) => (
                                <option
                                  value={`${x.name}|${x.language}`}
                                >{`${x.name} (${x.language})`}</option>
                              )}
                            </For>
                          </select>
                        </label>
                        <Index each={values()}>
                          {(v, i) => (
                            <label>
                              {poolText().parameter(i + 1)}
                              <input
                                required
                                value={v()}
                                onInput={(e) => {
                                  const next = values().slice();
                                  next[i] = e.currentTarget.value;
                                  setParameters(next);
                                }}
                              />
                            </label>
                          )}
                        </Index>
                        <p class="continue-preview">
                          <span class="muted">{poolText().preview}: </span>
                          {previewOf(t().body, values())}
                        </p>
                      </>
                    )}
                  </Show>
                </Show>
                <Show when={error()}>{(m) => <p class="error">{m()}</p>}</Show>
                <div class="continue-actions">
                  <button type="submit" class="primary" disabled={busy() || !template()}>
                    {busy() ? poolText().sending : poolText().send}
                  </button>
                  <button type="button" onClick={() => setOpen(false)}>
                    {poolText().cancel}
                  </button>
                </div>
              </form>
            </Show>
          </Show>
        </Show>
      </div>
    </Show>
  );
}
