// Stand-ins for the two server pieces the loader talks to, while they land on other branches of issue 14:
// the channel's public config (GET /api/widget/channels/:id/config, CORS only for allowed origins, 403
// otherwise; Playwright may add CORS headers to a fulfilled answer, the loader's warning covers both cases) and the widget's frame document (/widget/frame/:id), here a small page that speaks
// the bridge protocol and lets the test drive it (unread counts, message previews, its own close button and
// Escape). Both are served on Fio's origin through Playwright routes, so the loader sees exactly the origins,
// windows and CORS it will see in production; only the bodies are stand-ins.
import type { BrowserContext } from 'playwright-core';

const FRAME_HTML = `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>Chat</title>
<style>body{margin:0;font:16px system-ui,sans-serif;background:#fff;color:#111}
header{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;background:#0f766e;color:#fff}
main{padding:16px}</style></head>
<body><header><h1 style="font-size:18px;margin:0">Atendimento</h1>
<button type="button" id="min" aria-label="Minimizar chat">—</button></header>
<main><p>Olá! Como podemos ajudar?</p><label>Mensagem <textarea id="msg"></textarea></label></main>
<script>
const host = new URLSearchParams(location.search).get('host');
window.received = [];
const post = (m) => parent.postMessage({ fio: 1, ...m }, host);
window.stub = { post, unread: (count) => post({ type: 'unread', count }), raw: (m) => parent.postMessage(m, host) };
addEventListener('message', (e) => {
  if (e.source !== parent || e.origin !== host) return;
  window.received.push(e.data);
});
document.getElementById('min').addEventListener('click', () => post({ type: 'close' }));
addEventListener('keydown', (e) => { if (e.key === 'Escape') post({ type: 'close' }); });
post({ type: 'ready' });
</script></body></html>`;

export interface StandInOptions {
  workerUrl: string;
  /** Origins the stand-in config answers with CORS; others get 403 without CORS headers. */
  allowedOrigins: string[];
  branding: { color: string; position: 'left' | 'right' };
  /** Hold the frame's `ready` back until the test releases it (commands queue meanwhile). */
  holdFrame?: Promise<void>;
}

export async function routeWidgetStandIns(context: BrowserContext, opts: StandInOptions): Promise<void> {
  await context.route(`${opts.workerUrl}/api/widget/channels/*/config`, async (route) => {
    const origin = route.request().headers().origin ?? '';
    if (!opts.allowedOrigins.includes(origin)) {
      await route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'forbidden', message: 'This site may not embed this widget' },
        }),
      });
      return;
    }
    const channelId = new URL(route.request().url()).pathname.split('/')[4];
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': origin, vary: 'Origin' },
      body: JSON.stringify({
        channelId,
        branding: { title: 'Provedor Demo', greeting: 'Olá!', logoUrl: null, ...opts.branding },
        prechat: [],
        verifiedOnly: false,
        open: true,
        opensAt: null,
      }),
    });
  });
  await context.route(`${opts.workerUrl}/widget/frame/**`, async (route) => {
    if (opts.holdFrame) await opts.holdFrame;
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: FRAME_HTML });
  });
}
