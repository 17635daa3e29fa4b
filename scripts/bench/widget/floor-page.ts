// The load floor: the widget's steps with no product around them, served from loopback like the stack. A
// host page (http://127.0.0.1:<port>/) with an async cross-origin script (another port) that fetches a small
// JSON config (CORS), then draws a button labelled "Abrir chat" in an open shadow root and, as Fio's loader
// does, an iframe (the script's origin) loading hidden with a textarea labelled "Mensagem"; the click shows
// the iframe and posts it "open" (explicit target origin), and the frame focuses its textarea. What it costs
// this browser to show a launcher and then a focused composer across two origins: no Solid, no session, no
// socket. The load probe measures it exactly as it measures Fio's host page.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOST_HTML = (assets: string) => `<!doctype html>
<html lang="pt-BR">
<head><meta charset="utf-8"><title>Floor host</title></head>
<body>
<h1>Provedor</h1>
<script src="${assets}/floor-loader.js" async></script>
</body>
</html>`;

const LOADER_JS = (assets: string) => `(() => {
  fetch(${JSON.stringify(`${assets}/config`)}).then((r) => r.json()).then((config) => {
    const host = document.createElement('floor-widget');
    const root = host.attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-label', 'Abrir chat');
    button.textContent = '💬';
    button.style.cssText = 'position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;color:#fff;background:' + config.color;
    // As Fio's loader does: the frame loads hidden with the launcher, and the click shows it and tells it.
    const frame = document.createElement('iframe');
    frame.src = ${JSON.stringify(`${assets}/frame`)};
    frame.title = 'Chat de atendimento';
    frame.hidden = true;
    frame.style.cssText = 'position:fixed;right:20px;bottom:90px;width:380px;height:600px;border:0';
    root.append(button, frame);
    button.addEventListener('click', () => {
      frame.hidden = false;
      frame.focus();
      frame.contentWindow.postMessage({ type: 'open' }, ${JSON.stringify(assets)});
    });
    document.body.append(host);
  });
})();`;

const FRAME_HTML = (host: string) => `<!doctype html>
<html lang="pt-BR">
<head><meta charset="utf-8"><title>Chat</title></head>
<body>
<label for="m">Mensagem</label>
<textarea id="m"></textarea>
<button type="button">Enviar</button>
<script>
addEventListener('message', (e) => {
  if (e.origin === ${JSON.stringify(host)} && e.data && e.data.type === 'open') document.getElementById('m').focus();
});
</script>
</body>
</html>`;

const listen = (server: Server) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

const close = (server: Server) => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
};

/** Two loopback ports (two origins, as the ISP's site and Fio are): `url` is the host page. */
export async function startFloorServer(): Promise<{ url: string; stop(): Promise<void> }> {
  let assets = '';
  let hostOrigin = '';
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type: string, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      res.end(body);
    };
    if (path === '/floor-loader.js') return send('text/javascript', LOADER_JS(assets));
    if (path === '/config') {
      return send('application/json', JSON.stringify({ color: '#0b6e4f' }), {
        'access-control-allow-origin': req.headers.origin ?? '',
        vary: 'origin',
      });
    }
    if (path === '/frame') return send('text/html; charset=utf-8', FRAME_HTML(hostOrigin));
    return send('text/html; charset=utf-8', HOST_HTML(assets));
  };
  const hostServer = createServer(handler);
  const assetServer = createServer(handler);
  try {
    const [hostPort, assetPort] = await Promise.all([listen(hostServer), listen(assetServer)]);
    assets = `http://127.0.0.1:${assetPort}`;
    hostOrigin = `http://127.0.0.1:${hostPort}`;
    return {
      url: `http://127.0.0.1:${hostPort}/`,
      stop: async () => {
        await Promise.all([close(hostServer), close(assetServer)]);
      },
    };
  } catch (err) {
    await Promise.all([close(hostServer), close(assetServer)]).catch(() => {});
    throw err;
  }
}
