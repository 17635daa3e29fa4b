// The composer: Enter sends, Shift+Enter is a new line, the draft is kept per conversation across reloads,
// a reply/note switch (notes never reach the customer), `/` canned responses with their variables filled,
// "typing" sent to the customer (throttled). Its toolbar attaches files (button, drop, paste; checked,
// uploaded with progress, sent with the text as caption) and opens the WhatsApp template picker; when the
// 24 h window has closed, free text is not offered at all: a template is the way to write (notes still are).
import { createMemo, createSignal, onCleanup, Show } from 'solid-js';
import type { CannedResponse, InboxSummary } from '../../../workers/contract';
import { cannedQuery, cannedValues, fillCanned, filterCanned } from '../../lib/canned';
import { COMPOSER_ID, TEMPLATE_BUTTON_ID } from '../awareness/shortcuts';
import { useApp } from '../context';
import { t } from '../i18n';
import type { ConversationState } from '../state/conversation-state';
import { loadDraft, saveDraft } from '../state/drafts';
import { CANNED_LIST_ID, CannedMenu, cannedOptionId } from './CannedMenu';
import { AttachmentChip } from './composer/AttachmentChip';
import { createAttachment } from './composer/attachment-state';
import { ComposerTools } from './composer/ComposerTools';
import { postMessage } from './composer/composer-api';
import { ct } from './composer/composer-i18n';
import { createFileDrop } from './composer/file-drop';
import { TemplatePicker } from './composer/TemplatePicker';
import './composer/composer.css';
import { InteractiveTool } from './interactive/InteractiveBuilder';

const TYPING_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

export function Composer(props: { state: ConversationState; summary: InboxSummary; windowClosed: boolean }) {
  const app = useApp();
  const id = props.state.conversationId;
  const [draft, setDraft] = createSignal(loadDraft(id));
  const [mode, setMode] = createSignal<'message' | 'note'>('message');
  const [active, setActive] = createSignal(0);
  const [dismissed, setDismissed] = createSignal<string | null>(null);
  const [picking, setPicking] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [sendingFile, setSendingFile] = createSignal(false);
  let textarea: HTMLTextAreaElement | undefined;
  const file = createAttachment(() => app.session().token, id);

  /** WhatsApp refuses free text (and files) now: only a template reaches the customer. */
  const closed = () => props.windowClosed && mode() === 'message';
  const canAttach = () => mode() === 'message' && !props.windowClosed;
  const hasTemplates = () => props.summary.channelKind === 'whatsapp_cloud';
  const drop = createFileDrop(canAttach, (f) => file.attach(f));

  function closePicker() {
    setPicking(false);
    queueMicrotask(() => document.getElementById(TEMPLATE_BUTTON_ID)?.focus());
  }

  const query = () => {
    const q = cannedQuery(draft());
    return q !== null && dismissed() !== draft() ? q : null;
  };
  const matches = createMemo(() => {
    const q = query();
    return q === null ? [] : filterCanned(app.canned() ?? [], q);
  });
  const menuOpen = () => query() !== null;

  let typingOnAt = 0;
  let typingOff: ReturnType<typeof setTimeout> | undefined;
  const stopTyping = () => {
    clearTimeout(typingOff);
    if (typingOnAt) props.state.setTyping(false);
    typingOnAt = 0;
  };
  onCleanup(stopTyping);
  const typed = () => {
    if (mode() !== 'message') return; // a note is nobody's business but the agents'
    if (Date.now() - typingOnAt > TYPING_EVERY_MS) {
      typingOnAt = Date.now();
      props.state.setTyping(true);
    }
    clearTimeout(typingOff);
    typingOff = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  function update(text: string) {
    setDraft(text);
    saveDraft(id, text);
    setActive(0);
  }

  function pick(c: CannedResponse) {
    update(fillCanned(c.body, cannedValues(props.summary, app.me().user.name)));
    textarea?.focus();
  }

  /** The uploaded file with the draft as its caption, over REST (the socket carries only text). */
  async function sendFile() {
    const key = file.pending()?.uploaded?.key;
    if (!key || sendingFile()) return;
    setSendingFile(true);
    file.setError(null);
    try {
      await postMessage(app.session().token, id, {
        clientId: crypto.randomUUID(),
        text: draft().trim(),
        attachmentKey: key,
      });
      file.clear();
      update('');
      stopTyping();
    } catch (err) {
      file.setError(ct().attach.sendFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setSendingFile(false);
    }
  }

  function send() {
    if (closed()) return; // no dead end: free text would only fail
    if (mode() === 'message' && file.pending()) {
      void sendFile();
      return;
    }
    const text = draft().trim();
    if (!text) return;
    props.state.send(text, mode());
    update('');
    stopTyping();
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.isComposing) return;
    if (menuOpen()) {
      const n = matches().length;
      if (e.key === 'ArrowDown' && n > 0) {
        e.preventDefault();
        setActive((active() + 1) % n);
        return;
      }
      if (e.key === 'ArrowUp' && n > 0) {
        e.preventDefault();
        setActive((active() - 1 + n) % n);
        return;
      }
      if ((e.key === 'Enter' || e.key === 'Tab') && n > 0 && !e.shiftKey) {
        e.preventDefault();
        const chosen = matches()[active()];
        if (chosen) pick(chosen);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(draft());
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
      e.preventDefault();
      send();
    }
  }

  const activeId = () => {
    const c = matches()[active()];
    return menuOpen() && c ? cannedOptionId(c.id) : undefined;
  };

  const sendLabel = () => {
    if (mode() === 'note') return t().saveNote;
    return file.pending() ? ct().attach.sendAttachment : t().send;
  };

  return (
    <div
      class={`composer ${mode()}`}
      classList={{ dragging: drop.dragging() }}
      data-window={props.windowClosed ? 'closed' : 'open'}
      {...drop.handlers}
    >
      <Show when={drop.dragging()}>
        <div class="drop-zone" aria-hidden="true">
          {ct().attach.dropHere}
        </div>
      </Show>
      <Show when={menuOpen() && !closed()}>
        <CannedMenu items={matches()} active={active()} onPick={pick} />
      </Show>
      <div class="composer-head">
        <fieldset class="mode">
          <legend class="visually-hidden">{t().composeMode}</legend>
          <label>
            <input
              type="radio"
              name={`mode-${id}`}
              checked={mode() === 'message'}
              onChange={() => setMode('message')}
            />
            {t().modeReply}
          </label>
          <label>
            <input
              type="radio"
              name={`mode-${id}`}
              checked={mode() === 'note'}
              onChange={() => {
                stopTyping();
                setMode('note');
              }}
            />
            {t().modeNote}
          </label>
        </fieldset>
        <ComposerTools
          attach={canAttach()}
          templates={hasTemplates()}
          templatesPrimary={closed()}
          onFile={(f) => file.attach(f)}
          onTemplates={() => setPicking(true)}
        >
          <Show when={mode() === 'message'}>
            <InteractiveTool
              conversationId={id}
              windowClosed={props.windowClosed}
              widget={props.summary.channelKind === 'widget'}
            />
          </Show>
        </ComposerTools>
      </div>
      <Show when={file.error()}>
        <p role="alert" class="composer-error">
          {file.error()}
        </p>
      </Show>
      <Show when={notice()}>
        <p role="status" class="composer-notice">
          {notice()}
        </p>
      </Show>
      <Show when={mode() === 'message' && file.pending()}>
        {(item) => <AttachmentChip item={item()} onRemove={() => file.clear()} />}
      </Show>
      <Show
        when={!closed()}
        fallback={
          <div class="window-closed" role="status">
            <strong>{ct().closedTitle}</strong>
            <p>{hasTemplates() ? ct().closedBody : t().windowClosed}</p>
          </div>
        }
      >
        <div class="compose-row">
          <label class="visually-hidden" for={COMPOSER_ID}>
            {mode() === 'note' ? t().noteComposer : t().composer}
          </label>
          <textarea
            id={COMPOSER_ID}
            ref={textarea}
            rows={3}
            placeholder={
              mode() === 'note' ? t().noteHint : file.pending() ? ct().attach.captionHint : t().composerHint
            }
            value={draft()}
            aria-controls={menuOpen() ? CANNED_LIST_ID : undefined}
            aria-activedescendant={activeId()}
            aria-autocomplete="list"
            onInput={(e) => {
              setDismissed(null);
              setNotice(null);
              update(e.currentTarget.value);
              typed();
            }}
            onKeyDown={onKeyDown}
            onPaste={drop.onPaste}
          />
          <button
            type="button"
            class="composer-send"
            disabled={
              mode() === 'message' && !!file.pending() && (!file.pending()?.uploaded || sendingFile())
            }
            onClick={send}
          >
            {sendLabel()}
          </button>
        </div>
      </Show>
      <Show when={picking() && hasTemplates()}>
        <TemplatePicker
          token={app.session().token}
          channelId={props.summary.channelId}
          conversationId={id}
          onClose={closePicker}
          onSent={(name) => {
            setNotice(ct().picker.sent(name));
            closePicker();
          }}
        />
      </Show>
    </div>
  );
}
