// The widget's frame: header, then the screen the state calls for (loading, unreachable with a retry, the
// identity notice, the pre-chat or offline form, the chat), wired to the loader through the bridge. Escape
// and "Minimizar chat" post close; an open from the loader focuses the composer (or the form's first field).
import { createEffect, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { applyBrand } from './brand';
import { type Bridge, connectBridge } from './bridge';
import { createChat } from './chat';
import { fileProblem } from './components/Attach';
import { Composer } from './components/Composer';
import { Header } from './components/Header';
import { OfflineForm } from './components/OfflineForm';
import { PrechatForm } from './components/PrechatForm';
import { Timeline } from './components/Timeline';
import { formatWhen, setLocale, t } from './i18n';
import type { FrameParams } from './params';

export function App(props: { params: FrameParams }) {
  let focusTarget: HTMLElement | undefined;
  const focusFirst = () => queueMicrotask(() => focusTarget?.focus());
  // Commands arrive only after the frame said ready, so the chat below exists by then.
  const bridge: Bridge = connectBridge(props.params.hostOrigin, (c) => {
    if (c.type === 'open') {
      chat.setOpen(true);
      focusFirst();
    } else if (c.type === 'close') chat.setOpen(false);
    else if (c.type === 'identify') void chat.identify(c.token);
    else if (c.type === 'setLocale') setLocale(c.locale);
    else if (c.type === 'shutdown') chat.shutdown();
  });
  const chat = createChat(props.params, bridge);

  function minimize() {
    chat.setOpen(false);
    bridge.post({ type: 'close' });
  }

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) minimize();
  };
  onMount(() => {
    document.addEventListener('keydown', onKey);
    bridge.post({ type: 'ready' });
    void chat.load().then(() => {
      if (chat.open()) focusFirst();
    });
  });
  onCleanup(() => document.removeEventListener('keydown', onKey));

  // A new screen (the form passed, the chat resumed) while open: focus its first control (the composer).
  createEffect(
    on(
      chat.screen,
      () => {
        if (chat.open()) focusFirst();
      },
      { defer: true },
    ),
  );

  createEffect(() => {
    const c = chat.config();
    if (c) applyBrand(c.branding.color);
  });

  const greeting = () => chat.config()?.branding.greeting ?? '';
  const footer = () => {
    if (!chat.leftMessage()) return null;
    const at = chat.config()?.opensAt;
    return `${t().offlineDone} ${at ? t().offlineWhen(formatWhen(at)) : t().offlineSoon}`;
  };

  async function leave(answers: Parameters<typeof chat.start>[0], message: string) {
    const problem = await chat.start(answers);
    if (problem) return problem;
    chat.send(message);
    chat.setLeftMessage(true);
    return null;
  }

  return (
    <div class="fw-app">
      <Header
        branding={chat.config()?.branding ?? null}
        open={chat.config() && chat.screen() !== 'unavailable' ? (chat.config()?.open ?? null) : null}
        reconnecting={chat.screen() === 'chat' && chat.conn() === 'connecting'}
        onMinimize={minimize}
      />
      <main class="fw-main">
        <Switch>
          <Match when={chat.screen() === 'loading'}>
            <div class="fw-center" role="status">
              <span class="fw-spinner" aria-hidden="true" />
              <p>{t().loading}</p>
            </div>
          </Match>
          <Match when={chat.screen() === 'unavailable'}>
            <div class="fw-center" role="alert">
              <p>{t().unavailableHere}</p>
            </div>
          </Match>
          <Match when={chat.screen() === 'error'}>
            <div class="fw-center" role="alert">
              <p>{chat.problem()}</p>
              <button type="button" class="fw-primary" onClick={() => void chat.load()}>
                {t().retry}
              </button>
            </div>
          </Match>
          <Match when={chat.screen() === 'identity'}>
            <div class="fw-center">
              <p class="fw-greeting">{greeting()}</p>
              <p>{t().identityRequired}</p>
            </div>
          </Match>
          <Match when={chat.screen() === 'prechat'}>
            <PrechatForm
              fields={chat.config()?.prechat ?? []}
              greeting={greeting()}
              onStart={chat.start}
              firstRef={(el) => {
                focusTarget = el;
              }}
            />
          </Match>
          <Match when={chat.screen() === 'offline'}>
            <OfflineForm
              onLeave={leave}
              firstRef={(el) => {
                focusTarget = el;
              }}
            />
          </Match>
          <Match when={chat.screen() === 'chat'}>
            <Timeline
              items={chat.items()}
              outgoing={chat.outbox.items()}
              greeting={greeting()}
              session={chat.session()}
              agentReadSeq={chat.agentReadSeq()}
              typingName={chat.typingName()}
              footer={footer()}
              onPick={(o) => chat.send(o.title, o.id)}
            />
            <Show when={chat.notice()}>
              <p class="fw-notice" role="alert">
                {chat.notice()}
                <button type="button" aria-label="OK" onClick={() => chat.setNotice(null)}>
                  ×
                </button>
              </p>
            </Show>
            <Composer
              ref={(el) => {
                focusTarget = el;
              }}
              onSend={(text) => chat.send(text)}
              onFile={(f) => void chat.sendFile(f, fileProblem)}
              onTyping={chat.typing}
            />
          </Match>
        </Switch>
      </main>
    </div>
  );
}
