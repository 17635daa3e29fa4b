// The preview chat: the admin writes as the customer and the server runs the engine on the editor's flow
// (saved or not). Menu choices are buttons, a tool call without an ERP waits for the admin to pick its
// outcome, side effects (tools, hand-off, end) show as notes. Reset starts a new conversation.
import { createSignal, For, Show } from 'solid-js';
import type {
  BotFlow,
  PreviewAction,
  PreviewInput,
  PreviewResponse,
  PreviewState,
} from '../../../../workers/contract';
import { priorityName } from '../../priority/priority';
import { useAdmin } from '../admin-context';
import { previewFlow } from './flow-api';
import { ft } from './flow-i18n';

type Line =
  | { who: 'customer' | 'bot'; text: string; choices?: { id: string; title: string }[] }
  | { who: 'note'; text: string };

function noteOf(a: PreviewAction): string {
  const p = ft().preview;
  switch (a.kind) {
    case 'tool':
      return `⇄ ${p.tool(ft().tools[a.tool], ft().outcomes[a.outcome] ?? a.outcome)} (${p[a.source]})`;
    case 'invoice_pdf':
      return `▤ ${p.invoicePdf}`;
    case 'set_ticket':
      return `# ${p.setTicket}${a.tags?.length ? `: ${a.tags.join(', ')}` : ''}${a.priority ? ` · ${priorityName(a.priority)}` : ''}`;
    case 'handoff':
      return `☎ ${p.handoff(a.reason)}`;
    case 'end':
      return `■ ${p.ended(a.resolved)}`;
    case 'ai':
      return `★ ${p.ai}`;
  }
}

export function PreviewChat(props: {
  flow: () => BotFlow;
  onIssues: (r: PreviewResponse['issues']) => void;
}) {
  const admin = useAdmin();
  const [lines, setLines] = createSignal<Line[]>([]);
  const [state, setState] = createSignal<PreviewState | null>(null);
  const [pending, setPending] = createSignal<PreviewResponse['pending']>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [draft, setDraft] = createSignal('');
  let log: HTMLOListElement | undefined;
  let input: HTMLInputElement | undefined;

  const push = (...more: Line[]) => {
    setLines([...lines(), ...more]);
    // After the new lines are laid out, so the newest one is fully in view.
    requestAnimationFrame(() => log?.scrollTo({ top: log.scrollHeight }));
  };

  async function run(turn: PreviewInput) {
    setBusy(true);
    setError(null);
    try {
      const res = await previewFlow(admin.token, { flow: props.flow(), state: state(), input: turn });
      if (res.issues.length > 0) {
        props.onIssues(res.issues);
        setError(ft().preview.invalid);
        return;
      }
      setState(res.state);
      setPending(res.pending);
      push(
        ...res.actions.map((a): Line => ({ who: 'note', text: noteOf(a) })),
        ...res.replies.map(
          (r): Line => ({ who: 'bot', text: r.text, ...(r.choices ? { choices: r.choices } : {}) }),
        ),
      );
    } catch {
      setError(ft().preview.failed);
    } finally {
      setBusy(false);
      input?.focus();
    }
  }

  function reset() {
    setLines([]);
    setState(null);
    setPending(null);
    setError(null);
  }

  async function start() {
    reset();
    await run({ kind: 'start' });
  }

  /** As on a channel: the first message opens the conversation (the engine greets and may use what it asked). */
  async function send(text: string, choiceId?: string) {
    const t = text.trim();
    if (!t || busy()) return;
    setDraft('');
    push({ who: 'customer', text: t });
    await run({ kind: 'message', text: t, ...(choiceId ? { choiceId } : {}) });
  }

  return (
    <section class="admin-panel flow-preview" aria-labelledby="flow-preview-title">
      <div class="flow-preview-head">
        <h4 id="flow-preview-title">{ft().preview.title}</h4>
        <button type="button" disabled={busy()} onClick={() => void (state() ? reset() : start())}>
          {state() ? ft().preview.reset : ft().preview.start}
        </button>
      </div>
      <p class="admin-hint">{ft().preview.hint}</p>
      <ol class="flow-chat" ref={log} aria-live="polite" aria-label={ft().preview.title}>
        <Show when={lines().length === 0}>
          <li class="flow-chat-empty admin-hint">{ft().preview.empty}</li>
        </Show>
        <For each={lines()}>
          {(line) => (
            <li class={`flow-chat-${line.who}`}>
              <Show when={line.who !== 'note'}>
                <span class="visually-hidden">
                  {line.who === 'customer' ? ft().preview.customer : ft().preview.bot}:{' '}
                </span>
              </Show>
              <span class="flow-chat-text">{line.text}</span>
              <Show when={line.who === 'bot' && line.choices}>
                {(choices) => (
                  <span class="flow-chat-choices">
                    <For each={choices()}>
                      {(c) => (
                        <button type="button" disabled={busy()} onClick={() => void send(c.title, c.id)}>
                          {c.title}
                        </button>
                      )}
                    </For>
                  </span>
                )}
              </Show>
            </li>
          )}
        </For>
      </ol>
      <Show when={busy()}>
        <p class="admin-hint" aria-busy="true">
          {ft().preview.sending}
        </p>
      </Show>
      <Show when={error()}>
        <p role="alert" class="admin-error">
          {error()}
        </p>
      </Show>
      <Show when={pending()}>
        {(p) => (
          <fieldset class="flow-pending">
            <legend>{ft().preview.pending(ft().tools[p().tool])}</legend>
            <div class="admin-actions">
              <For each={p().outcomes}>
                {(outcome) => (
                  <button
                    type="button"
                    disabled={busy()}
                    onClick={() =>
                      void run({ kind: 'tool_result', callId: p().callId, tool: p().tool, outcome })
                    }
                  >
                    {ft().outcomes[outcome] ?? outcome}
                  </button>
                )}
              </For>
            </div>
          </fieldset>
        )}
      </Show>
      <form
        class="flow-chat-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send(draft());
        }}
      >
        <label for="flow-preview-input" class="visually-hidden">
          {ft().preview.message}
        </label>
        <input
          id="flow-preview-input"
          ref={input}
          name="preview"
          autocomplete="off"
          placeholder={ft().preview.message}
          value={draft()}
          disabled={!!pending()}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="admin-primary" disabled={busy() || !!pending()}>
          {ft().preview.send}
        </button>
      </form>
    </section>
  );
}
