// The postMessage protocol between the loader (on the ISP's page) and the widget (in its iframe, on Fio's
// origin). Every message is checked by these schemas on arrival, and only from the expected window and
// origin; nothing is ever posted to "*". zod/mini: the loader must stay within its 5 KB budget.
import { z } from 'zod/mini';

export const WidgetLocale = z.enum(['pt-BR', 'en']);
export type WidgetLocale = z.infer<typeof WidgetLocale>;

/** The loader's commands to the widget (window.Fio.open(), identify(token)…). */
export const HostToFrame = z.discriminatedUnion('type', [
  z.object({ fio: z.literal(1), type: z.literal('open') }),
  z.object({ fio: z.literal(1), type: z.literal('close') }),
  /** An identity token the ISP's server signed for its logged-in customer (verified server-side). */
  z.object({ fio: z.literal(1), type: z.literal('identify'), token: z.string().check(z.maxLength(4096)) }),
  z.object({ fio: z.literal(1), type: z.literal('setLocale'), locale: WidgetLocale }),
  /** The page logs its customer out: forget this browser's visitor and close the socket. */
  z.object({ fio: z.literal(1), type: z.literal('shutdown') }),
]);
export type HostToFrame = z.infer<typeof HostToFrame>;

/** The widget's news for the loader (and through it the page's `Fio.on(…)` listeners). */
export const FrameToHost = z.discriminatedUnion('type', [
  /** The widget loaded and can take commands. */
  z.object({ fio: z.literal(1), type: z.literal('ready') }),
  /** The widget asks to be shown (a new agent message while closed does not: it counts as unread). */
  z.object({ fio: z.literal(1), type: z.literal('open') }),
  /** The widget's own close button (or Escape): the loader collapses the frame and focuses the launcher. */
  z.object({ fio: z.literal(1), type: z.literal('close') }),
  /** A message from the ISP (bot or agent) arrived: a short preview for the page's listeners. */
  z.object({
    fio: z.literal(1),
    type: z.literal('message'),
    seq: z.number().check(z.int(), z.nonnegative()),
    author: z.enum(['bot', 'agent']),
    preview: z.string().check(z.maxLength(200)),
  }),
  /** Messages the visitor has not seen (the launcher's badge). */
  z.object({
    fio: z.literal(1),
    type: z.literal('unread'),
    count: z.number().check(z.int(), z.nonnegative(), z.maximum(999)),
  }),
]);
export type FrameToHost = z.infer<typeof FrameToHost>;

/** The iframe's address for a channel: the host page's origin travels in the query (checked on both ends). */
export function widgetFramePath(channelId: string, hostOrigin: string, locale: WidgetLocale | null): string {
  const q = new URLSearchParams({ host: hostOrigin });
  if (locale) q.set('locale', locale);
  return `/widget/frame/${channelId}?${q.toString()}`;
}
