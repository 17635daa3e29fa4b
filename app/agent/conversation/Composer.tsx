// The composer: Enter sends, Shift+Enter is a new line, the draft is kept per conversation across reloads,
// a reply/note switch (notes never reach the customer), `/` canned responses with their variables filled,
// "typing" sent to the customer (throttled), and a warning when WhatsApp would refuse free text.
import { createMemo, createSignal, onCleanup, Show } from 'solid-js';
import type { CannedResponse, InboxSummary } from '../../../workers/contract';
import { cannedQuery, fillCanned, filterCanned } from '../../lib/canned';
import { COMPOSER_ID } from '../awareness/shortcuts';
import { useApp } from '../context';
import { t } from '../i18n';
import type { ConversationState } from '../state/conversation-state';
import { loadDraft, saveDraft } from '../state/drafts';
import { CANNED_LIST_ID, CannedMenu, cannedOptionId } from './CannedMenu';
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
  let textarea!: HTMLTextAreaElement;

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
    const s = props.summary;
    update(
      fillCanned(c.body, {
        'contact.name': s.contact.name,
        'contact.phone': s.contact.phone,
        'agent.name': app.me().user.name,
        protocol: s.protocol,
      }),
    );
    textarea.focus();
  }

  function send() {
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

  return (
    <div class={`composer ${mode()}`}>
      <Show when={props.windowClosed && mode() === 'message'}>
        <p class="warning" role="status">
          {t().windowClosed}
        </p>
      </Show>
      <Show when={menuOpen()}>
        <CannedMenu items={matches()} active={active()} onPick={pick} />
      </Show>
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
      <Show when={mode() === 'message'}>
        <div class="composer-tools">
          <InteractiveTool
            conversationId={id}
            windowClosed={props.windowClosed}
            widget={props.summary.channelKind === 'widget'}
          />
        </div>
      </Show>
      <div class="compose-row">
        <label class="visually-hidden" for={COMPOSER_ID}>
          {mode() === 'note' ? t().noteComposer : t().composer}
        </label>
        <textarea
          id={COMPOSER_ID}
          ref={textarea}
          rows={3}
          placeholder={mode() === 'note' ? t().noteHint : t().composerHint}
          value={draft()}
          aria-controls={menuOpen() ? CANNED_LIST_ID : undefined}
          aria-activedescendant={activeId()}
          aria-autocomplete="list"
          onInput={(e) => {
            setDismissed(null);
            update(e.currentTarget.value);
            typed();
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" onClick={send}>
          {mode() === 'note' ? t().saveNote : t().send}
        </button>
      </div>
    </div>
  );
}
