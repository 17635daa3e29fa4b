// The baseline: a bare page with a plain browser WebSocket on the same conversation socket (agent token),
// which appends each message's text to a scrolling div (kept at the bottom once per frame). What it costs to
// get an event onto a screen in this browser with no app around it. Items carry data-seq like the app's, so
// one probe measures both.
import type { Page } from 'playwright-core';

const HTML = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>Baseline</title>
<style>
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; }
  #open { position: fixed; top: 8px; right: 24px; }
  #log { height: 100vh; overflow-y: auto; }
  #log > div { padding: 8px 12px; border-bottom: 1px solid #ddd; }
</style>
</head>
<body>
<button id="open" type="button">Abrir</button>
<div id="log" role="log" aria-label="Mensagens"></div>
<script>
  const log = document.getElementById('log');
  let config = null;
  let ws = null;
  let live = false;
  let stick = false;
  const toBottom = () => { stick = false; log.scrollTop = log.scrollHeight; };
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
      log.append(item);
      if (!stick) { stick = true; requestAnimationFrame(toBottom); }
    };
  });
</script>
</body>
</html>`;

/** A fresh baseline document in `page`, configured but not connected: clicking `OPEN` connects. */
export async function loadBaseline(page: Page, config: { url: string; since: number }): Promise<void> {
  await page.setContent(HTML);
  await page.evaluate(`window.__baseline.configure(${JSON.stringify(config)})`);
}

export const OPEN = '#open';

export async function waitBaselineLive(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction('window.__baseline.live()', undefined, { timeout: timeoutMs });
}

export async function closeBaseline(page: Page): Promise<void> {
  await page.evaluate('window.__baseline && window.__baseline.close()');
}
