// A keep-alive HTTP/1.1 client for one URL (node:http, so no dependency): POSTs a signed webhook and
// resolves with the status, the body and when the response head arrived; counts the connections it opens.
import http from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A request that takes longer is a failure, which also bounds how long a run can wait for its last answer. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Answer {
  status: number;
  body: string;
  /** performance.now() when the status line and headers arrived. */
  at: number;
}

export interface Client {
  post(body: Buffer, signature: string): Promise<Answer>;
  connections(): number;
  close(): void;
}

export function createClient(url: string, maxSockets: number): Client {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  const seen = new WeakSet<Socket>();
  let connections = 0;

  const post = (body: Buffer, signature: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'x-hub-signature-256': signature,
          },
        },
        (res) => {
          const at = performance.now();
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), at }),
          );
          res.on('error', reject);
        },
      );
      req.on('socket', (socket) => {
        if (seen.has(socket)) return;
        seen.add(socket);
        connections++;
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });

  return { post, connections: () => connections, close: () => agent.destroy() };
}
