// The loader the ISP pastes (<script src="https://<fio>/widget.js" data-channel="<id>" async>): no framework,
// no imports at runtime (one IIFE, ≤ 5 KB gzip). It finds its own tag, defines window.Fio at once, fetches
// the channel's config and, when this site is allowed, mounts the launcher and the widget's iframe. A site
// not on the channel's list gets no launcher and one console warning.
import { createApi } from './api';
import { fetchLauncherConfig } from './config';
import { findLoaderScript } from './script';
import { mountWidget } from './widget';

function start(): void {
  if (window.Fio) {
    console.warn('Fio: widget.js is on this page twice; only the first one runs');
    return;
  }
  const script = findLoaderScript(document);
  if (typeof script === 'string') {
    console.warn(`Fio: ${script}`);
    return;
  }
  const handle = createApi();
  window.Fio = handle.api;
  void fetchLauncherConfig(script.origin, script.channelId).then((config) => {
    if (typeof config === 'string') {
      handle.refuse();
      console.warn(`Fio: the chat widget is not shown: ${config}`);
      return;
    }
    const mount = () => handle.attach(mountWidget(script, config, handle));
    if (document.body) mount();
    else document.addEventListener('DOMContentLoaded', mount, { once: true });
  });
}

start();
