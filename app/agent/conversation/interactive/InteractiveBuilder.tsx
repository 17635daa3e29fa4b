// The composer's "Botões" tool: a modal builder for reply buttons (1–3) or a list (1–10 rows with optional
// descriptions, a section title and the label of the button that opens it). Every field counts its
// characters against WhatsApp's limits (red past them), Send stays disabled with the reason shown, and a
// live preview shows what the customer gets. Sent over REST; the message then arrives on the timeline.
import { createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { INTERACTIVE_LIMITS as L } from '../../../../workers/contract';
import { ApiError } from '../../api';
import { useApp } from '../../context';
import { InteractiveView } from './InteractiveView';
import { postInteractive } from './interactive-api';
import {
  contentOf,
  count,
  type DraftOption,
  emptyOption,
  type InteractiveDraft,
  newDraft,
  problemsOf,
} from './interactive-draft';
import { ix } from './interactive-i18n';
import './interactive.css';

/** The toolbar button that opens the builder; disabled (with the reason) while WhatsApp's window is closed. */
export function InteractiveTool(props: { conversationId: string; windowClosed: boolean; widget: boolean }) {
  const [open, setOpen] = createSignal(false);
  return (
    <>
      <button
        type="button"
        class="interactive-open"
        disabled={props.windowClosed}
        title={props.windowClosed ? ix().closedHint : ix().openHint}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {ix().open}
      </button>
      <Show when={open()}>
        <InteractiveBuilder
          conversationId={props.conversationId}
          widget={props.widget}
          onClose={() => setOpen(false)}
        />
      </Show>
    </>
  );
}

function Counter(props: { id: string; value: string; max: number }) {
  const n = () => count(props.value);
  return (
    <span id={props.id} class="counter" classList={{ over: n() > props.max }}>
      <span aria-hidden="true">
        {n()}/{props.max}
      </span>
      <span class="visually-hidden">{ix().counter(n(), props.max)}</span>
    </span>
  );
}

/** A text field with its label and live counter. */
function Field(props: {
  label: string;
  value: string;
  max: number;
  multiline?: boolean;
  onInput: (value: string) => void;
}) {
  const id = createUniqueId();
  const over = () => count(props.value) > props.max;
  return (
    <div class="ib-field">
      <label for={id}>{props.label}</label>
      <Show
        when={props.multiline}
        fallback={
          <input
            id={id}
            value={props.value}
            aria-invalid={over()}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
        }
      >
        <textarea
          id={id}
          rows={3}
          value={props.value}
          aria-invalid={over()}
          aria-describedby={`${id}-count`}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      </Show>
      <Counter id={`${id}-count`} value={props.value} max={props.max} />
    </div>
  );
}

function InteractiveBuilder(props: { conversationId: string; widget: boolean; onClose: () => void }) {
  const app = useApp();
  const id = createUniqueId();
  const [draft, setDraft] = createStore<InteractiveDraft>(newDraft(ix().listButtonDefault));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let dialog: HTMLDialogElement | undefined;

  const problems = () => problemsOf(draft);
  const options = () => (draft.kind === 'buttons' ? draft.buttons : draft.rows);
  const maxOptions = () => (draft.kind === 'buttons' ? L.buttons : L.rows);
  const optionKey = () => (draft.kind === 'buttons' ? 'buttons' : 'rows') as 'buttons' | 'rows';
  const setOption = (i: number, patch: Partial<DraftOption>) =>
    setDraft(optionKey(), i, (o) => ({ ...o, ...patch }));

  async function send() {
    if (problems().length > 0 || busy()) return;
    setBusy(true);
    setError(null);
    try {
      await postInteractive(app.session().token, props.conversationId, contentOf(draft));
      props.onClose();
    } catch (err) {
      setError(ix().sendFailed(err instanceof ApiError || err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={(el) => {
        dialog = el;
        queueMicrotask(() => dialog?.showModal());
      }}
      class="interactive-builder"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy()) props.onClose();
      }}
    >
      <h2 id={`${id}-title`}>{ix().title}</h2>
      <div class="ib-columns">
        <form
          class="ib-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <fieldset class="ib-kind">
            <legend>{ix().kind}</legend>
            <For each={['buttons', 'list'] as const}>
              {(k) => (
                <label>
                  <input
                    type="radio"
                    name={`${id}-kind`}
                    checked={draft.kind === k}
                    onChange={() => setDraft('kind', k)}
                  />
                  {ix().kinds[k]}
                </label>
              )}
            </For>
          </fieldset>
          <Field
            label={ix().header}
            value={draft.header}
            max={L.header}
            onInput={(v) => setDraft('header', v)}
          />
          <Field
            label={ix().body}
            value={draft.body}
            max={L.body}
            multiline
            onInput={(v) => setDraft('body', v)}
          />
          <Field
            label={ix().footer}
            value={draft.footer}
            max={L.footer}
            onInput={(v) => setDraft('footer', v)}
          />
          <Show when={draft.kind === 'list'}>
            <Field
              label={ix().listButton}
              value={draft.listButton}
              max={L.listButton}
              onInput={(v) => setDraft('listButton', v)}
            />
            <Field
              label={ix().sectionTitle}
              value={draft.sectionTitle}
              max={L.sectionTitle}
              onInput={(v) => setDraft('sectionTitle', v)}
            />
          </Show>
          <fieldset class="ib-options">
            <legend>{draft.kind === 'buttons' ? ix().buttons : ix().rows}</legend>
            <Index each={options()}>
              {(o, i) => {
                const name = () => (draft.kind === 'buttons' ? ix().button(i + 1) : ix().row(i + 1));
                return (
                  <div class="ib-option">
                    <Field
                      label={name()}
                      value={o().title}
                      max={draft.kind === 'buttons' ? L.buttonTitle : L.rowTitle}
                      onInput={(v) => setOption(i, { title: v })}
                    />
                    <Show when={draft.kind === 'list'}>
                      <Field
                        label={ix().rowDescription(i + 1)}
                        value={o().description}
                        max={L.rowDescription}
                        onInput={(v) => setOption(i, { description: v })}
                      />
                    </Show>
                    <button
                      type="button"
                      class="link ib-remove"
                      disabled={options().length <= 1}
                      onClick={() => setDraft(optionKey(), (list) => list.filter((_, j) => j !== i))}
                    >
                      {ix().remove(name())}
                    </button>
                  </div>
                );
              }}
            </Index>
            <button
              type="button"
              disabled={options().length >= maxOptions()}
              onClick={() =>
                setDraft(
                  produce((d) => {
                    d[optionKey()].push(emptyOption());
                  }),
                )
              }
            >
              {draft.kind === 'buttons' ? ix().addButton : ix().addRow}
            </button>
          </fieldset>
        </form>
        <section class="ib-preview" aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`}>{ix().preview}</h3>
          <div class="bubble mine">
            <InteractiveView interactive={contentOf(draft)} />
          </div>
          <Show when={props.widget}>
            <p class="muted">{ix().widgetNote}</p>
          </Show>
        </section>
      </div>
      <Show when={problems()[0]}>
        {(first) => (
          <p id={`${id}-why`} class="ib-why" role="status">
            {first()}
          </p>
        )}
      </Show>
      <Show when={error()}>
        <p class="error-text" role="alert">
          {error()}
        </p>
      </Show>
      <div class="ib-actions">
        <button type="button" disabled={busy()} onClick={() => props.onClose()}>
          {ix().cancel}
        </button>
        <button
          type="button"
          class="primary"
          disabled={busy() || problems().length > 0}
          aria-describedby={problems().length > 0 ? `${id}-why` : undefined}
          onClick={() => void send()}
        >
          {busy() ? ix().sending : ix().send}
        </button>
      </div>
    </dialog>
  );
}
