// The timeline, virtualised (@tanstack/solid-virtual): only the rows near the viewport are in the page, so a
// conversation with thousands of events scrolls smoothly. Anchored at the end like a chat: pinned to the
// newest row unless the agent scrolled up (timeline-pin.ts: a taller bar above or a late image never hides
// it), older pages loaded on scrolling up keep what is on screen in place, and while scrolled up a
// "Novas mensagens ↓" button counts what arrived and jumps down.
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, For, on, onMount, Show } from 'solid-js';
import type { InboxSummary } from '../../../workers/contract';
import type { TimelineItem } from '../../lib/timeline';
import { t } from '../i18n';
import './ticket-rules.css';
import type { ConversationState, PendingSend } from '../state/conversation-state';
import { SCROLL_TO_SEQ } from './ReplyQuote';
import { PendingRow, TimelineRow } from './TimelineRow';
import { tr } from './ticket-rules-i18n';
import { createTimelinePin } from './timeline-pin';

type Row = TimelineItem | PendingSend;
const isPending = (r: Row): r is PendingSend => 'clientId' in r && 'state' in r;
const keyOf = (r: Row | undefined) => (!r ? 'none' : isPending(r) ? `p:${r.clientId}` : `s:${r.seq}`);

/** Start loading the previous page this far (px) before the top. */
const PRELOAD_PX = 600;

export function Timeline(props: { state: ConversationState; summary: InboxSummary }) {
  let scroller!: HTMLDivElement;
  let content!: HTMLOListElement;
  const rows = createMemo<Row[]>(() => [...props.state.items(), ...props.state.pending()]);
  const virtualizer = createVirtualizer<HTMLDivElement, HTMLLIElement>({
    get count() {
      return rows().length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => 64,
    overscan: 10,
    getItemKey: (i) => keyOf(rows()[i]),
    anchorTo: 'end',
    followOnAppend: true,
  });

  const pin = createTimelinePin(
    () => scroller,
    () => content,
    () => props.state.lastSeq(),
  );
  /** Messages that arrived since the agent scrolled up (what the jump button counts). */
  const unseen = createMemo(() => {
    const from = pin.unpinnedAt();
    if (from === null) return 0;
    return props.state.items().filter((i) => i.seq > from && i.kind === 'message').length;
  });

  const maybeLoadOlder = () => {
    const older = props.state.older();
    if (older !== 'idle') return;
    if (scroller.scrollTop < PRELOAD_PX || scroller.scrollHeight <= scroller.clientHeight + PRELOAD_PX) {
      void props.state.loadOlder();
    }
  };

  // First rows: start at the bottom (the newest). Later: keep filling while the list is too short to scroll.
  let placed = false;
  createEffect(
    on(rows, (list) => {
      if (list.length === 0) return;
      if (!placed) {
        placed = true;
        queueMicrotask(() => virtualizer.scrollToIndex(list.length - 1, { align: 'end' }));
      }
      queueMicrotask(maybeLoadOlder);
    }),
  );
  // My own sends always bring me to the bottom, even if I had scrolled up to read.
  createEffect(
    on(
      () => props.state.pending().length,
      (n, prev) => {
        if (prev !== undefined && n > prev)
          queueMicrotask(() => {
            virtualizer.scrollToEnd();
            pin.jump();
          });
      },
    ),
  );

  // A reply's quote asks for the quoted message: brought into view even when its row is not rendered yet.
  onMount(() =>
    scroller.addEventListener(SCROLL_TO_SEQ, (e) => {
      const i = rows().findIndex((r) => !isPending(r) && r.seq === (e as CustomEvent<number>).detail);
      if (i >= 0) virtualizer.scrollToIndex(i, { align: 'center' });
    }),
  );

  return (
    <div class="timeline-wrap">
      <Show when={props.state.older() !== 'idle'}>
        <p class="older-status" role="status">
          {props.state.older() === 'loading'
            ? t().loadingOlder
            : props.state.older() === 'done'
              ? t().startOfConversation
              : t().loadOlderFailed}
          <Show when={props.state.older() === 'error'}>
            <button type="button" class="link" onClick={() => void props.state.loadOlder()}>
              {t().tryAgain}
            </button>
          </Show>
        </p>
      </Show>
      {/* A scrollable region must be reachable by keyboard (tabindex). */}
      <div
        class="scroller"
        ref={scroller}
        tabindex="0"
        onScroll={() => {
          pin.onScroll();
          maybeLoadOlder();
        }}
      >
        <ol
          class="timeline"
          ref={content}
          aria-label={t().messages}
          style={{ height: `${virtualizer.getTotalSize()}px` }}
        >
          <For each={virtualizer.getVirtualItems()}>
            {(v) => {
              const row = () => rows()[v.index];
              return (
                <li
                  data-index={v.index}
                  data-seq={(() => {
                    const r = row();
                    return r && !isPending(r) ? r.seq : undefined;
                  })()}
                  data-pending={(() => {
                    const r = row();
                    return r && isPending(r) ? r.clientId : undefined;
                  })()}
                  class="timeline-row"
                  style={{ transform: `translateY(${v.start}px)` }}
                  ref={(el) => queueMicrotask(() => virtualizer.measureElement(el))}
                >
                  <Show when={row()} keyed>
                    {(r) =>
                      isPending(r) ? (
                        <PendingRow pending={r} state={props.state} />
                      ) : (
                        <TimelineRow item={r} state={props.state} summary={props.summary} />
                      )
                    }
                  </Show>
                </li>
              );
            }}
          </For>
        </ol>
      </div>
      <Show when={!pin.pinned() && unseen() > 0}>
        <button
          type="button"
          class="jump-to-new"
          onClick={() => {
            virtualizer.scrollToEnd();
            pin.jump();
          }}
        >
          {tr().newMessages(unseen())}
        </button>
      </Show>
    </div>
  );
}
