// The loader's end of the postMessage bridge: posts only to the widget's frame with Fio's origin as the
// explicit targetOrigin (never "*"), and accepts a message only when it comes from that frame's window, with
// Fio's origin, and passes the FrameToHost check. Commands given before the widget says `ready` wait in
// order (a page calls Fio.identify(token) right after the script tag; the frame is still loading).
import type { FrameToHost, HostToFrame } from '../../../workers/contract/widget-bridge';
import { parseFrameToHost } from './guard';

/** A page calling the API in a loop before the frame loads must not grow memory without end. */
const MAX_QUEUED = 50;

export interface Bridge {
  /** Delivered when the widget is ready (queued until then). */
  send(message: HostToFrame): void;
  /** Delivered only if the widget is ready (state the loader re-sends on `ready` anyway). */
  sendIfReady(message: HostToFrame): void;
}

export function connectBridge(
  iframe: HTMLIFrameElement,
  origin: string,
  onMessage: (message: FrameToHost) => void,
): Bridge {
  let ready = false;
  const queue: HostToFrame[] = [];
  const post = (message: HostToFrame) => iframe.contentWindow?.postMessage(message, origin);
  window.addEventListener('message', (event) => {
    if (event.source === null || event.source !== iframe.contentWindow || event.origin !== origin) return;
    const message = parseFrameToHost(event.data);
    if (!message) return;
    if (message.type === 'ready') {
      ready = true;
      for (const queued of queue.splice(0)) post(queued);
    }
    onMessage(message);
  });
  return {
    send(message) {
      if (ready) post(message);
      else if (queue.length < MAX_QUEUED) queue.push(message);
    },
    sendIfReady(message) {
      if (ready) post(message);
    },
  };
}
