// The mounted widget: <fio-widget> (open shadow root) at the end of <body> holding the launcher and the
// panel with the widget's iframe, and the state both show (open or closed, unread count, language). The page
// (window.Fio), the launcher and the widget in the frame all change that state through here.
import type { WidgetLocale } from '../../../workers/contract/widget-bridge';
import type { ApiHandle, Controls } from './api';
import { connectBridge } from './bridge';
import type { LauncherConfig } from './config';
import { createPanel } from './frame';
import { labelsFor, pageLocale } from './i18n';
import { createLauncher } from './launcher';
import type { LoaderScript } from './script';
import { styleShadow } from './styles';

const TAG = 'fio-widget';

export function mountWidget(script: LoaderScript, config: LauncherConfig, events: ApiHandle): Controls {
  let locale = pageLocale(document, navigator);
  let labels = labelsFor(locale);
  let open = false;
  let unread = 0;

  if (!customElements.get(TAG)) customElements.define(TAG, class extends HTMLElement {});
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: 'open' });
  styleShadow(root);
  const wrap = document.createElement('div');
  wrap.className = config.position;
  const launcher = createLauncher(config.color, () => setOpen(!open, 'launcher'));
  const panel = createPanel(script.origin, script.channelId, locale, labels.frameTitle);
  wrap.appendChild(launcher.el);
  wrap.appendChild(panel.el);
  root.appendChild(wrap);

  const render = () => {
    launcher.render(open, unread, labels);
    wrap.classList.toggle('open', open);
    panel.el.hidden = !open;
    panel.iframe.title = labels.frameTitle;
  };

  const bridge = connectBridge(panel.iframe, script.origin, (message) => {
    switch (message.type) {
      case 'ready':
        if (open) bridge.sendIfReady({ fio: 1, type: 'open' });
        events.emit('ready', undefined);
        break;
      case 'open':
        setOpen(true, 'frame');
        break;
      case 'close':
        setOpen(false, 'frame');
        break;
      case 'message':
        events.emit('message', { seq: message.seq, author: message.author, preview: message.preview });
        break;
      case 'unread':
        unread = message.count;
        render();
        events.emit('unread', { count: unread });
        break;
    }
  });

  function setOpen(next: boolean, from: 'page' | 'launcher' | 'frame'): void {
    if (next === open) return;
    // Focus inside the panel (the iframe, seen from the page as <fio-widget>) would be lost when it hides.
    const focusInside = document.activeElement === host;
    open = next;
    render();
    if (from !== 'frame') bridge.sendIfReady({ fio: 1, type: open ? 'open' : 'close' });
    if (open && from === 'launcher') panel.iframe.focus();
    if (!open && (from === 'frame' || focusInside)) launcher.button.focus();
    events.emit(open ? 'open' : 'close', undefined);
  }

  render();
  (document.body ?? document.documentElement).appendChild(host);

  return {
    open: () => setOpen(true, 'page'),
    close: () => setOpen(false, 'page'),
    toggle: () => setOpen(!open, 'page'),
    identify(token) {
      if (typeof token === 'string' && token.length > 0 && token.length <= 4096) {
        bridge.send({ fio: 1, type: 'identify', token });
      } else console.warn('Fio.identify(token): the token must be a signed JWT string');
    },
    setLocale(next: WidgetLocale) {
      if (next !== 'pt-BR' && next !== 'en') {
        console.warn('Fio.setLocale(locale): "pt-BR" or "en"');
        return;
      }
      locale = next;
      labels = labelsFor(locale);
      render();
      bridge.send({ fio: 1, type: 'setLocale', locale });
    },
    shutdown() {
      bridge.send({ fio: 1, type: 'shutdown' });
      setOpen(false, 'page');
      unread = 0;
      render();
    },
  };
}
