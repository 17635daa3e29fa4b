// window.Fio, the page's handle on the widget: open, close, toggle, identify(token), setLocale(locale),
// on(event, fn) and shutdown. It exists as soon as the script runs; calls made before the widget is mounted
// (its config is still on the way) are replayed once it is, and dropped if this site is refused.
import type { FrameToHost, WidgetLocale } from '../../../workers/contract/widget-bridge';

export type FioEvent = 'ready' | 'open' | 'close' | 'message' | 'unread';
type Payloads = {
  ready: undefined;
  open: undefined;
  close: undefined;
  message: Omit<Extract<FrameToHost, { type: 'message' }>, 'fio' | 'type'>;
  unread: { count: number };
};
type Listener<E extends FioEvent> = (payload: Payloads[E]) => void;

export interface Controls {
  open(): void;
  close(): void;
  toggle(): void;
  identify(token: string): void;
  setLocale(locale: WidgetLocale): void;
  shutdown(): void;
}

export interface FioApi extends Controls {
  /** Listens to the widget; returns a function that stops listening. */
  on<E extends FioEvent>(event: E, listener: Listener<E>): () => void;
}

declare global {
  interface Window {
    Fio?: FioApi;
  }
}

const EVENTS: readonly string[] = ['ready', 'open', 'close', 'message', 'unread'];

export interface ApiHandle {
  api: FioApi;
  emit<E extends FioEvent>(event: E, payload: Payloads[E]): void;
  /** The mounted widget takes over; calls made so far are replayed in order. */
  attach(controls: Controls): void;
  /** This site may not embed the widget: calls do nothing from now on. */
  refuse(): void;
}

export function createApi(): ApiHandle {
  const listeners = new Map<FioEvent, Set<Listener<FioEvent>>>();
  let target: Controls | null = null;
  let refused = false;
  let isReady = false;
  const early: [keyof Controls, unknown][] = [];
  const call =
    (name: keyof Controls) =>
    (arg?: unknown): void => {
      if (target) (target[name] as (a: unknown) => void)(arg);
      else if (!refused && early.length < 50) early.push([name, arg]);
    };
  const api: FioApi = {
    open: call('open'),
    close: call('close'),
    toggle: call('toggle'),
    identify: call('identify'),
    setLocale: call('setLocale'),
    shutdown: call('shutdown'),
    on(event, listener) {
      if (!EVENTS.includes(event) || typeof listener !== 'function') return () => {};
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const fn = listener as Listener<FioEvent>;
      set.add(fn);
      // Listening for `ready` after the widget got ready still hears it (a page's script may run late).
      if (event === 'ready' && isReady) setTimeout(() => set.has(fn) && safely(fn, undefined), 0);
      return () => set.delete(fn);
    },
  };
  return {
    api: Object.freeze(api),
    emit(event, payload) {
      if (event === 'ready') isReady = true;
      for (const fn of [...(listeners.get(event) ?? [])]) safely(fn, payload);
    },
    attach(controls) {
      target = controls;
      for (const [name, arg] of early.splice(0)) (controls[name] as (a: unknown) => void)(arg);
    },
    refuse() {
      refused = true;
      early.length = 0;
    },
  };
}

/** A page's listener that throws must not stop the widget nor the other listeners: its error surfaces alone. */
function safely(fn: (payload: never) => void, payload: unknown): void {
  try {
    fn(payload as never);
  } catch (err) {
    setTimeout(() => {
      throw err;
    }, 0);
  }
}
