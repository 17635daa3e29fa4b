// The baseline: a bare page with a plain browser WebSocket on the same conversation socket (agent token),
// adding each message's text to a scrolling div (column-reverse, so it stays at the bottom with no script):
// what it costs to get an event onto a screen in this browser with no app around it. Items carry data-seq
// like the app's, so one probe measures both. Served from 127.0.0.1 like the stack: Chromium's local-network
// checks refuse a socket to 127.0.0.1 from a page it counts as public (a navigated about:blank).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

const HTML = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>Baseline</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; }
  #open { position: fixed; top: 8px; right: 24px; }
  #log { height: 100vh; overflow-y: auto; display: flex; flex-direction: column-reverse; }
  #log > div { padding: 8px 12px; border-bottom: 1px solid #ddd; }
</style>
</head>
<body>
<button id="open" type="button">Abrir</button>
<div id="log" role="log" aria-label="Mensagens"></div>
<script>
(() => {
  const log = document.getElementById('log');
  let config = null;
  let ws = null;
  let live = false;
  window.__baseline = {
    configure(c) { config = c; },
    live: () => live,
    close() { if (ws) ws.close(1000); ws = null; live = false; },
  };
  document.getElementById('open').addEventListener('click', () => {
    ws = new WebSocket(config.url);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'hello', since: config.since }));
    ws.onmessage = (e) => {
      const f = JSON.parse(e.data);
      if (f.type === 'ready') live = true;
      if (f.type !== 'event' || f.event.type !== 'message.created') return;
      const item = document.createElement('div');
      item.dataset.seq = String(f.seq);
      item.textContent = f.event.message.text;
      log.prepend(item); // newest first in the DOM, last on screen
    };
  });
})();
</script>
</body>
</html>`;

/** A tiny HTTP server for the page (any path), on a free loopback port. */
export async function startBaselineServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(HTML);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A freshly loaded baseline document in `page`, configured but not connected: clicking `OPEN` connects. */
export async function loadBaseline(page: Page, pageUrl: string, config: { url: string; since: number }) {
  await page.goto(pageUrl);
  await page.evaluate(`window.__baseline.configure(${JSON.stringify(config)})`);
}

export const OPEN = '#open';

export async function waitBaselineLive(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction('window.__baseline.live()', undefined, { timeout: timeoutMs });
}

export async function closeBaseline(page: Page): Promise<void> {
  await page.evaluate('window.__baseline && window.__baseline.close()');
}
