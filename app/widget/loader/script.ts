// Where the loader came from: its own <script> tag names the widget channel (data-channel) and its src is
// Fio's origin, the only origin the config, the frame and every bridge message may come from.

export interface LoaderScript {
  /** Fio's origin (scheme, host, port of widget.js). */
  origin: string;
  channelId: string;
}

const CHANNEL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOADER_SRC = /\/widget\.js(?:[?#]|$)/;

/** The loader's <script>: currentScript while it runs, else (a page re-inserting it) the last widget.js tag. */
export function findLoaderScript(doc: Document): LoaderScript | string {
  let script = doc.currentScript instanceof HTMLScriptElement ? doc.currentScript : null;
  if (!script?.src) {
    const all = doc.querySelectorAll('script[src]');
    for (let i = all.length - 1; i >= 0; i--) {
      const s = all[i] as HTMLScriptElement;
      if (LOADER_SRC.test(s.src)) {
        script = s;
        break;
      }
    }
  }
  if (!script?.src) return 'the <script src=".../widget.js"> tag was not found';
  const channelId = script.getAttribute('data-channel') ?? '';
  if (!CHANNEL_ID.test(channelId)) return 'the <script> tag needs data-channel="<widget channel id>"';
  return { origin: new URL(script.src, doc.baseURI).origin, channelId: channelId.toLowerCase() };
}
