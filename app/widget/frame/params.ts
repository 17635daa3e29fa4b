// Where the widget runs: its channel (from the path /widget/frame/<id>), the embedding page's origin and the
// language the loader asked for (from the query). The host origin is the only target of postMessage.
import { WidgetLocale } from '../../../workers/contract/widget-bridge';

export interface FrameParams {
  channelId: string;
  /** The page embedding the widget (its origin), or null when the frame is opened on its own. */
  hostOrigin: string | null;
  locale: WidgetLocale | null;
  /** The admin's live preview: shown open, never creates a session. */
  preview: boolean;
}

export function readParams(loc: Location = location): FrameParams {
  const q = new URLSearchParams(loc.search);
  const id = /\/widget\/frame\/([^/?#]+)/.exec(loc.pathname)?.[1] ?? '';
  const host = q.get('host');
  let hostOrigin: string | null = null;
  try {
    if (host) hostOrigin = new URL(host).origin;
  } catch {
    hostOrigin = null;
  }
  const locale = WidgetLocale.safeParse(q.get('locale'));
  return {
    channelId: decodeURIComponent(id),
    hostOrigin,
    locale: locale.success ? locale.data : null,
    preview: q.get('preview') === '1',
  };
}
