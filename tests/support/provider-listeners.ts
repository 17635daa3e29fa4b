// Local listeners for the egress tests (started by the workerd global setup, in Node): a "provider" on the one
// loopback origin the test deployment allows, serving files, redirects, endless bodies and gateway answers;
// and a "canary" on another port that only counts the TCP connections it receives, so a test can prove a
// refused URL was never connected to. The provider reports the canary's count and how its endless bodies ended.
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';

export interface ProviderListeners {
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 0x61);

export async function startProviderListeners(
  providerPort: number,
  canaryPort: number,
): Promise<ProviderListeners> {
  let canaryConnections = 0;
  const canary = createTcpServer((socket) => {
    canaryConnections++;
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 6\r\nconnection: close\r\n\r\ncanary');
  });
  // Each endless body: how many bytes went out before the client hung up (or null while it is still going).
  const streams = new Map<string, { written: number; finished: boolean; closedEarly: boolean }>();

  const endless = (res: ServerResponse, id: string, total: number, declare: boolean) => {
    const stat = { written: 0, finished: false, closedEarly: false };
    streams.set(id, stat);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      ...(declare ? { 'content-length': String(total) } : {}),
    });
    res.on('close', () => {
      if (!stat.finished) stat.closedEarly = true;
    });
    const pump = () => {
      while (stat.written < total) {
        stat.written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      stat.finished = true;
      res.end();
    };
    pump();
  };

  // What was sent through the Evolution send routes, per instance, in arrival order (the bot's tests).
  const sent = new Map<string, { path: string; body: unknown }[]>();
  const record = (instance: string, path: string, raw: string) => {
    const list = sent.get(instance) ?? [];
    list.push({ path, body: raw ? (JSON.parse(raw) as unknown) : null });
    sent.set(instance, list);
    return list.length;
  };

  const provider = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://provider');
    const route = `${req.method} ${url.pathname}`;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    switch (true) {
      case route === 'GET /_canary':
        return json(200, { connections: canaryConnections });
      case route === 'GET /_stream':
        return json(200, streams.get(url.searchParams.get('id') ?? '') ?? null);
      case route === 'GET /files/ok.jpg':
        // Evolution's media wants its API key, as the gateway itself does.
        if (req.headers.apikey !== 'evo-key-123') return json(401, { error: 'Unauthorized' });
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        return res.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      case route === 'GET /redirect':
        res.writeHead(Number(url.searchParams.get('status') ?? 302), {
          location: url.searchParams.get('to') ?? '/',
        });
        return res.end();
      case route === 'GET /loop':
        res.writeHead(302, { location: '/loop' });
        return res.end();
      case route === 'GET /endless':
        return endless(
          res,
          url.searchParams.get('id') ?? 'x',
          Number(url.searchParams.get('bytes') ?? 64 * 1024 * 1024),
          url.searchParams.has('declare'),
        );
      case route.startsWith('GET /instance/connectionState/'):
        return json(200, { instance: { instanceName: 'evo', state: 'open' } });
      case route === 'GET /_sent':
        return json(200, sent.get(url.searchParams.get('instance') ?? '') ?? []);
      case /^POST \/message\/send(Text|Media|Buttons|List)\//.test(route): {
        const instance = url.pathname.split('/').at(-1) ?? '';
        let raw = '';
        req.on('data', (chunk: Buffer) => {
          raw += chunk.toString('utf8');
        });
        req.on('end', () => {
          const n = record(instance, url.pathname, raw);
          json(201, { key: { id: `SENT${n}-${instance}` }, status: 'PENDING' });
        });
        return;
      }
      case route.startsWith('POST /chat/getBase64FromMediaMessage/'):
        return json(200, { base64: Buffer.from('JPEGDATA').toString('base64'), mimetype: 'image/jpeg' });
      default:
        return json(404, { error: 'Not Found' });
    }
  });

  await Promise.all([listen(provider, providerPort), listen(canary, canaryPort)]);
  return {
    close: async () => {
      provider.closeAllConnections();
      await Promise.all([close(provider), close(canary)]);
    },
  };
}

function listen(server: Server | ReturnType<typeof createHttpServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function close(server: Server | ReturnType<typeof createHttpServer>): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
