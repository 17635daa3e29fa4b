// Keeps the timeline pinned to its newest row unless the agent scrolled up. Whatever changes the room the
// rows have or need — a taller ticket bar or bot brief above, the composer growing below, a row re-measured,
// an image that loads later — is watched (ResizeObserver on the scroller and on the list, `load` events of
// the media inside), and a pinned timeline goes back to its end. Only the agent unpins it: a scroll that moves
// up and leaves the end (content growing or the viewport shrinking never moves scrollTop up). While unpinned,
// new messages are counted from the newest seq seen at that moment, for the "Novas mensagens ↓" button.
import { type Accessor, createSignal, onCleanup } from 'solid-js';

/** Closer than this (px) to the end counts as being at the end. */
const END_PX = 48;

export interface TimelinePin {
  pinned: Accessor<boolean>;
  /** The newest seq on screen when the agent scrolled away (null while pinned). */
  unpinnedAt: Accessor<number | null>;
  /** Call from the scroller's scroll handler. */
  onScroll: () => void;
  /** Goes to the end and pins (the jump button, my own sends). */
  jump: () => void;
}

export function createTimelinePin(
  scroller: () => HTMLElement,
  content: () => HTMLElement,
  newestSeq: () => number,
): TimelinePin {
  const [pinned, setPinned] = createSignal(true);
  const [unpinnedAt, setUnpinnedAt] = createSignal<number | null>(null);
  let lastTop = 0;

  const distanceToEnd = () => {
    const el = scroller();
    return el.scrollHeight - el.scrollTop - el.clientHeight;
  };
  const toEnd = () => {
    const el = scroller();
    el.scrollTop = el.scrollHeight;
    lastTop = el.scrollTop;
  };
  const pin = () => {
    setPinned(true);
    setUnpinnedAt(null);
  };
  const follow = () => {
    if (pinned() && distanceToEnd() > 0.5) toEnd();
  };

  const observer = new ResizeObserver(follow);
  queueMicrotask(() => {
    observer.observe(scroller());
    observer.observe(content());
  });
  // Images, video posters and the like load after their row was measured; `load` does not bubble.
  const onLoad = () => requestAnimationFrame(follow);
  queueMicrotask(() => scroller().addEventListener('load', onLoad, true));
  onCleanup(() => {
    observer.disconnect();
    scroller().removeEventListener('load', onLoad, true);
  });

  return {
    pinned,
    unpinnedAt,
    onScroll: () => {
      const top = scroller().scrollTop;
      if (distanceToEnd() <= END_PX) pin();
      else if (top < lastTop - 1 && pinned()) {
        setPinned(false);
        setUnpinnedAt(newestSeq());
      }
      lastTop = top;
    },
    jump: () => {
      pin();
      toEnd();
    },
  };
}
