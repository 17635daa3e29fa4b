// The widget's side of the postMessage bridge: commands are accepted only from the parent window with the
// host page's origin and only when HostToFrame parses; news is posted only to that origin (never "*").
import { FrameToHost, HostToFrame } from '../../../workers/contract/widget-bridge';

type Omit1<T> = T extends unknown ? Omit<T, 'fio'> : never;
export type FrameNews = Omit1<FrameToHost>;

export interface Bridge {
  post(news: FrameNews): void;
  /** The frame sits inside a host page (else it was opened on its own, e.g. a test or the admin). */
  embedded: boolean;
}

export function connectBridge(hostOrigin: string | null, onCommand: (c: HostToFrame) => void): Bridge {
  const parent = window.parent !== window ? window.parent : null;
  const embedded = parent !== null && hostOrigin !== null;
  if (embedded) {
    window.addEventListener('message', (e: MessageEvent) => {
      if (e.source !== parent || e.origin !== hostOrigin) return;
      const parsed = HostToFrame.safeParse(e.data);
      if (parsed.success) onCommand(parsed.data);
    });
  }
  return {
    embedded,
    post(news) {
      if (!embedded || !parent || !hostOrigin) return;
      const msg = { fio: 1, ...news };
      if (FrameToHost.safeParse(msg).success) parent.postMessage(msg, hostOrigin);
    },
  };
}
