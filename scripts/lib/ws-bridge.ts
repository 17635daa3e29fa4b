// WebSocket-to-TCP bridge so @neondatabase/serverless (inside workerd) can reach local Postgres:
// ws://HOST:PORT/v1?address=host:port carries the raw Postgres wire protocol as binary messages.

import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { PgSessionPool } from './pg-session-pool';

export interface WsBridge {
  port: number;
  close(): Promise<void>;
}

// Loopback only: the bridge must never become an open proxy to other hosts.
const ALLOWED_HOSTS = new Map([
  ['127.0.0.1', '127.0.0.1'],
  // Postgres listens on 127.0.0.1 only, and `localhost` may resolve to ::1 first.
  ['localhost', '127.0.0.1'],
  ['::1', '::1'],
  ['[::1]', '::1'],
]);
// Pause the TCP side when this many bytes are queued towards the WebSocket client.
const HIGH_WATER = 1 << 20;
const LOW_WATER = 1 << 18;

type Target = { host: string; port: number } | { status: number; reason: string };

function parseTarget(url: string | undefined): Target {
  const address = new URL(url ?? '/', 'http://bridge').searchParams.get('address');
  if (!address) return { status: 400, reason: 'missing ?address=host:port' };
  const sep = address.lastIndexOf(':');
  const port = Number(address.slice(sep + 1));
  if (sep < 0 || !Number.isInteger(port) || port < 1 || port > 65535)
    return { status: 400, reason: 'bad port' };
  const host = ALLOWED_HOSTS.get(address.slice(0, sep).toLowerCase());
  if (!host) return { status: 403, reason: 'only loopback targets are allowed' };
  return { host, port };
}

function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\n` +
      `Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? Buffer.from(data) : data;
}

/** Splices one WebSocket to one TCP connection, with backpressure both ways. */
function splice(ws: WebSocket, target: { host: string; port: number }, sockets: Set<net.Socket>): void {
  const tcp = net.connect({ host: target.host, port: target.port });
  sockets.add(tcp);
  tcp.setNoDelay(true);
  let queuedToWs = 0;

  // Writes before 'connect' are buffered by net.Socket, so no extra queue is needed.
  ws.on('message', (data) => {
    if (!tcp.destroyed && !tcp.write(toBuffer(data))) ws.pause();
  });
  tcp.on('drain', () => ws.resume());

  tcp.on('data', (chunk) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    queuedToWs += chunk.length;
    ws.send(chunk, { binary: true }, () => {
      queuedToWs -= chunk.length;
      if (queuedToWs < LOW_WATER && tcp.isPaused()) tcp.resume();
    });
    if (queuedToWs > HIGH_WATER) tcp.pause();
  });

  let failed = false;
  tcp.on('error', () => {
    // e.g. ECONNREFUSED while Postgres is down: the driver just sees the socket close.
    failed = true;
  });
  tcp.on('close', () => {
    sockets.delete(tcp);
    if (ws.readyState === WebSocket.OPEN) ws.close(failed ? 1011 : 1000);
    else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
  });
  ws.on('error', () => tcp.destroy());
  ws.on('close', () => {
    // end() rather than destroy(): lets an in-flight Terminate message reach Postgres.
    if (!tcp.destroyed) tcp.end();
    setTimeout(() => tcp.destroy(), 5_000).unref();
  });
}

/** One client WebSocket served from the target's session pool (pg-session-pool.ts). */
function pooledSplice(ws: WebSocket, pool: PgSessionPool): void {
  const session = pool.attach({
    send: (bytes) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(bytes, { binary: true });
    },
    close: (code) => {
      if (ws.readyState === WebSocket.OPEN) ws.close(code);
      else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    },
  });
  ws.on('message', (data) => session.data(toBuffer(data)));
  ws.on('close', () => session.closed());
  ws.on('error', () => session.closed());
}

export interface WsBridgeOptions {
  port?: number;
  host?: string;
  /**
   * Reuse Postgres sessions across client connections (pg-session-pool.ts), as the pooler in front of
   * production's Postgres does; off by default, so tests see one backend per connection.
   */
  pool?: boolean;
}

export async function startWsBridge(opts: WsBridgeOptions = {}): Promise<WsBridge> {
  const host = opts.host ?? '127.0.0.1';
  const server = http.createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket upgrade required\n');
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const sockets = new Set<net.Socket>();
  const pools = new Map<string, PgSessionPool>();
  const poolFor = (target: { host: string; port: number }) => {
    const key = `${target.host}:${target.port}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = new PgSessionPool(target);
      pools.set(key, pool);
    }
    return pool;
  };

  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const target = parseTarget(req.url);
    if ('status' in target) {
      rejectUpgrade(socket, target.status, target.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      opts.pool ? pooledSplice(ws, poolFor(target)) : splice(ws, target, sockets),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => console.error(`[ws-bridge] ${err.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let closing: Promise<void> | null = null;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        for (const tcp of sockets) tcp.destroy();
        for (const pool of pools.values()) pool.close();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
